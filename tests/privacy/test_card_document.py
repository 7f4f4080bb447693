"""The person card shows the document number masked; the whole number appears only on the
card of the person whose document in hand the operator has just checked, and is masked again
when another person is shown or when its time is up."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desk.sync.outbox import record
from desk.sync.replica import Replica, open_replica
from desk.views import person_card as card_module
from desk.views.person_card import PersonCardView
from tests.sync import forms

OPERATOR = uuid.uuid4()


def add_person(replica: Replica, enterprise_id: str, name: str, seq: int) -> tuple[uuid.UUID, str]:
    person_id = forms.new_id()
    person = forms.person(name, seq=seq)
    record(
        replica,
        "add_person",
        {"person_id": person_id, "enterprise_id": enterprise_id, "person": person},
        operator_id=OPERATOR,
    )
    return uuid.UUID(person_id), str(person["doc_number"])


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[Any, list[tuple[uuid.UUID, str]]]]:
    from desk import settings as desk_settings
    from desk.views.i18n import TRANSLATORS
    from desk.views.services import DeskServices
    from desk.views.tasks import TaskManager

    replica = open_replica(tmp_path / "desk" / "replica.sqlite3")
    walk_in = forms.walk_in("cardcheck", "证件核对测试有限公司")
    for name, args in walk_in:
        record(replica, name, args, operator_id=OPERATOR)
    enterprise_id = str(walk_in[1][1]["enterprise_id"])
    people = [add_person(replica, enterprise_id, "欧阳明月", 31),
              add_person(replica, enterprise_id, "司马青云", 32)]
    settings = desk_settings.Settings(language="en", data_dir=str(tmp_path / "desk"))
    TRANSLATORS.install("en")
    services = DeskServices(replica, TaskManager(), settings=settings, data_dir=tmp_path / "desk")
    yield services, people
    services.shutdown()
    replica.close()


def shown(view: PersonCardView) -> str:
    return view.values["document"].text()


def masked_properly(text: str, whole: str) -> bool:
    visible = text.split()[-1]
    kept = len(visible.lstrip("*"))
    return whole not in text and kept <= min(4, len(whole) // 2) and whole.endswith(
        visible.lstrip("*"))


def test_the_whole_number_only_after_checking_the_document_in_hand(
    qtbot: QtBot, desk: tuple[Any, list[tuple[uuid.UUID, str]]]
) -> None:
    services, [(first, first_doc), (second, second_doc)] = desk
    view = PersonCardView(services)
    qtbot.addWidget(view)
    view.show_person(first)
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == first, timeout=15_000)
    assert masked_properly(shown(view), first_doc)

    # A wrong number: refused, still masked, and the typed number is not kept.
    wrong = first_doc[:-3] + ("000" if not first_doc.endswith("000") else "111")
    view.doc_check.setText(wrong)
    view.check_button.click()
    qtbot.waitUntil(lambda: bool(view.check_result.text()), timeout=15_000)
    assert "differs" in view.check_result.text()
    assert masked_properly(shown(view), first_doc) and not view.document_revealed
    assert view.doc_check.text() == ""
    # Another person's number does not open this card either.
    view.doc_check.setText(second_doc)
    view.check_button.click()
    qtbot.waitUntil(lambda: "differs" in view.check_result.text(), timeout=15_000)
    assert not view.document_revealed

    # Nothing typed: told what to do.
    view.check_button.click()
    assert "Type or scan" in view.check_result.text()

    # The right number (scanned: Enter ends it): the whole number, on this card, for a while.
    view.doc_check.setText(first_doc.lower())
    view.doc_check.returnPressed.emit()
    qtbot.waitUntil(lambda: view.document_revealed, timeout=15_000)
    assert first_doc in shown(view) and "matches" in view.check_result.text()
    assert view.mask_timer.isActive()
    assert view.mask_timer.interval() == card_module.REVEAL_MS <= 5 * 60_000
    # The earlier, wrong number's check answering late changes nothing.
    view._checked(first, view._checks - 1, None)
    assert view.document_revealed and first_doc in shown(view)
    view.reload()  # the desk's data changed meanwhile: same person, still shown
    qtbot.waitUntil(lambda: view.card is not None and first_doc in shown(view), timeout=15_000)

    # Another person: masked again, and coming back to the first does not bring it back.
    view.show_person(second)
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == second, timeout=15_000)
    assert not view.document_revealed and masked_properly(shown(view), second_doc)
    view.show_person(first)
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == first, timeout=15_000)
    assert masked_properly(shown(view), first_doc)

    # Checked again, then the time runs out.
    view.doc_check.setText(first_doc)
    view.check_button.click()
    qtbot.waitUntil(lambda: view.document_revealed, timeout=15_000)
    view.mask_timer.timeout.emit()  # as when REVEAL_MS has passed
    assert not view.document_revealed and masked_properly(shown(view), first_doc)
    assert not view.mask_timer.isActive()


def test_a_check_answered_after_moving_on_reveals_nothing(
    qtbot: QtBot, desk: tuple[Any, list[tuple[uuid.UUID, str]]]
) -> None:
    services, [(first, first_doc), (second, second_doc)] = desk
    view = PersonCardView(services)
    qtbot.addWidget(view)
    view.show_person(first)
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == first, timeout=15_000)
    view.doc_check.setText(first_doc)
    view.check_button.click()
    view.show_person(second)  # before the check's answer arrives
    qtbot.waitUntil(lambda: view.card is not None and view.card.id == second, timeout=15_000)
    qtbot.waitUntil(lambda: services.tasks.running == 0, timeout=15_000)  # every answer is in
    qtbot.wait(50)  # and delivered
    assert not view.document_revealed
    assert first_doc not in shown(view) and second_doc not in shown(view)


def test_the_check_speaks_the_operators_language(
    qtbot: QtBot, desk: tuple[Any, list[tuple[uuid.UUID, str]]]
) -> None:
    from desk.views.i18n import TRANSLATORS

    services, [(first, first_doc), _second] = desk
    view = PersonCardView(services)
    qtbot.addWidget(view)
    view.show_person(first)
    qtbot.waitUntil(lambda: view.card is not None, timeout=15_000)
    TRANSLATORS.install("zh_CN")
    try:
        qtbot.waitUntil(lambda: view.check_button.text() == "核对证件(&D)", timeout=15_000)
        view.doc_check.setText(first_doc[:-1] + ("1" if first_doc[-1] != "1" else "2"))
        view.check_button.click()
        qtbot.waitUntil(lambda: bool(view.check_result.text()), timeout=15_000)
        assert view.check_result.text() == "证件号码与登记的不一致：请核对证件，不要发放。"
    finally:
        TRANSLATORS.install("en")
