"""Batch hand-out of an enterprise's badges to its contact person or a named collector, from
the Enterprises tab: print the unprinted ones, check the collector's document, confirm once,
one `hand_out_badges` command that reaches the service."""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.services.operations import run_as_service
from desk.models.rules import check_document
from desk.sync.tables import OutboxCommand
from desk.views.batch_handout import CHOOSE, CONFIRM, RESULT, BatchHandOutDialog
from desk.views.batch_handout_rows import HANDED_OUT, PRINT_FIRST, READY
from tests import factories as f
from tests.desk.conftest import DeskUnderTest, new_id
from tests.desk.seed import Badge, BadgeRequest, Handout, service_rows
from tests.sync.harness import Fair

CONTACT = "王芳"  # the contact person of `factories.participation_form`
CONTACT_DOC = f.resident_id(date(1979, 3, 8), False, seq=57)


@dataclass
class Trio:
    enterprise_id: str
    name: str
    people: dict[str, str]  # name -> person id
    requests: dict[str, str]  # name -> badge request id


def enterprise_with_three(fair: Fair, client: Any, photo: bytes) -> Trio:
    """An approved enterprise with three people whose badge requests are approved."""
    sha = hashlib.sha256(photo).hexdigest()
    client.put_blob(sha, "badge", photo)
    account, enterprise, batch = new_id(), new_id(), new_id()
    name = "杭州云帆会展服务有限公司"
    people = {"李雷": new_id(), "韩梅梅": new_id(), "赵子龙": new_id()}
    requests = {person: new_id() for person in people}
    with fair.service.db().write() as session:
        run_as_service(session, "create_account", {
            "account_id": account, "account": f.account_form("seed77")})
        run_as_service(session, "register_enterprise", {
            "enterprise_id": enterprise, "account_id": account,
            "enterprise": f.enterprise_form(name, code=f.uscc(random.Random(77)))})
        run_as_service(session, "apply_participation", {
            "enterprise_id": enterprise, "participation": f.participation_form()})
        for seq, (person, person_id) in enumerate(people.items(), start=61):
            run_as_service(session, "add_person", {
                "person_id": person_id, "enterprise_id": enterprise,
                "person": f.person_form(person, seq=seq, male=person != "韩梅梅"),
                "photo_sha256": sha})
    token = fair.reviewer_token()
    for _stage in (1, 2):
        fair.decide(token, "enterprise", enterprise)
    with fair.service.db().write() as session:
        run_as_service(session, "request_badges", {
            "batch_id": batch, "badge_type": "delegate",
            "items": [{"person_id": people[p], "request_id": requests[p]} for p in people]})
    for request_id in requests.values():
        for _stage in (1, 2):
            fair.decide(token, "badge_request", request_id)
    return Trio(enterprise, name, people, requests)


def open_dialog(qtbot: QtBot, desk: DeskUnderTest, trio: Trio) -> BatchHandOutDialog:
    """From the Enterprises tab: find the enterprise, then its shortcut opens the dialog."""
    panel = desk.window.enterprises
    desk.window.tabs.setCurrentWidget(panel)
    panel.search.setText("杭州云帆")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=5000)
    panel.table.selectRow(0)
    qtbot.waitUntil(lambda: panel.page is not None and panel.batch_handout_button.isEnabled(),
                    timeout=5000)
    assert str(panel.page.id) == trio.enterprise_id
    desk.window.activateWindow()  # shortcuts go to the active window
    qtbot.waitUntil(desk.window.isActiveWindow, timeout=5000)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(isinstance(d, BatchHandOutDialog)
                                for d in desk.services.open_dialogs), timeout=5000)
    dialog = next(d for d in desk.services.open_dialogs if isinstance(d, BatchHandOutDialog))
    qtbot.waitUntil(lambda: len(dialog.model.rows) == 3, timeout=5000)
    return dialog


def states(dialog: BatchHandOutDialog) -> dict[str, str]:
    return {row.name: row.state for row in dialog.model.rows}


def ticked(dialog: BatchHandOutDialog, state: str) -> set[str]:
    return {row.name for row in dialog.model.ticked(state)}


def print_ticked(qtbot: QtBot, desk: DeskUnderTest, dialog: BatchHandOutDialog) -> None:
    """Press "print the ticked unprinted" and print each badge in the print dialog."""
    assert dialog.print_button.isEnabled()
    dialog.print_button.click()
    for _badge in range(len(dialog.model.ticked(PRINT_FIRST))):
        qtbot.waitUntil(lambda: any(type(d).__name__ == "BadgePrintDialog"
                                    for d in desk.services.open_dialogs), timeout=15_000)
        printer = next(d for d in desk.services.open_dialogs
                       if type(d).__name__ == "BadgePrintDialog")
        printer.print_button.click()
        qtbot.waitUntil(lambda p=printer: p not in desk.services.open_dialogs, timeout=5000)
    qtbot.waitUntil(lambda: not dialog.model.ticked(PRINT_FIRST), timeout=15_000)


def replica_count(desk: DeskUnderTest, model: Any) -> int:
    with desk.services.replica.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_batch_to_the_contact_person(qtbot: QtBot, desk: DeskUnderTest,
                                     good_photo: bytes) -> None:
    trio = enterprise_with_three(desk.fair, desk.services.engine.client, good_photo)
    desk.synced(qtbot)
    dialog = open_dialog(qtbot, desk, trio)

    # Nothing printed yet: every badge is listed grey, "print first", and ticked for print.
    assert set(states(dialog).values()) == {PRINT_FIRST}
    assert dialog.model.data(dialog.model.index(0, 0), Qt.ItemDataRole.ForegroundRole)
    assert all(f.resident_id(date(1985, 6, 15), True, seq=61) not in row.doc_masked
               for row in dialog.model.rows)  # masked
    print_ticked(qtbot, desk, dialog)
    assert set(states(dialog).values()) == {READY}
    assert ticked(dialog, READY) == set(trio.people)  # all ticked by default

    # The contact person is prefilled; the document they show is typed (or scanned).
    assert dialog.to_contact.isChecked()
    assert dialog.collector_name.text() == CONTACT and dialog.collector_name.isReadOnly()
    dialog.doc_kind.set_code("resident_id")
    dialog.doc_number.setText(CONTACT_DOC)
    dialog.review_button.click()
    assert dialog.stack.currentIndex() == CONFIRM
    summary = dialog.summary.text()
    assert "3" in summary and CONTACT in summary and CONTACT_DOC not in summary
    assert all(summary.count(person) == 1 for person in trio.people)
    assert replica_count(desk, Handout) == 0  # nothing before the confirmation

    with qtbot.waitSignal(dialog.finished, timeout=10_000) as finished:
        dialog.confirm_button.click()
    assert finished.args == [QDialog.DialogCode.Accepted]

    desk.synced(qtbot)
    operator = desk.services.operator_id
    desk_id = desk.services.replica.identity().desk_id
    for person, request_id in trio.requests.items():
        badges = service_rows(desk.fair, Badge, request_id=uuid.UUID(request_id))
        assert len(badges) == 1, person
        handouts = service_rows(desk.fair, Handout, badge_id=badges[0].id)
        assert len(handouts) == 1, person
        handout = handouts[0]
        assert handout.recipient == "collector" and not handout.flagged
        assert (handout.collector_name, handout.collector_doc_type) == (CONTACT, "resident_id")
        assert handout.collector_doc_number == CONTACT_DOC
        assert handout.document_checked == "resident_id"
        assert handout.operator_id == operator and handout.desk_id == desk_id
        request = service_rows(desk.fair, BadgeRequest, id=uuid.UUID(request_id))[0]
        assert request.status == "collected"
    with desk.services.replica.read() as session:
        assert session.scalar(select(func.count()).select_from(OutboxCommand).where(
            OutboxCommand.name == "hand_out_badges")) == 1  # one command for the batch


def test_bad_collector_document_records_nothing(qtbot: QtBot, desk: DeskUnderTest,
                                                good_photo: bytes) -> None:
    trio = enterprise_with_three(desk.fair, desk.services.engine.client, good_photo)
    desk.synced(qtbot)
    dialog = open_dialog(qtbot, desk, trio)
    print_ticked(qtbot, desk, dialog)
    outbox_before = replica_count(desk, OutboxCommand)

    # Another collector: no name, and a document number with a wrong check digit.
    dialog.to_other.setChecked(True)
    assert dialog.collector_name.text() == "" and not dialog.collector_name.isReadOnly()
    wrong = CONTACT_DOC[:-1] + ("0" if CONTACT_DOC[-1] != "0" else "1")
    dialog.doc_kind.set_code("resident_id")
    dialog.doc_number.setText(wrong)
    dialog.review_button.click()
    errors = dialog.form.errors
    expected = check_document("resident_id", wrong)
    assert errors["collector.name"].text() == "Enter the collector's name"
    assert errors["collector.doc_number"].text() == expected.message_en  # both at once
    assert not errors["items"].text()
    assert dialog.stack.currentIndex() == CHOOSE

    # In Chinese, the same refusal in Chinese.
    desk.services.language = "zh_CN"
    dialog.review_button.click()
    assert errors["collector.doc_number"].text() == expected.message_zh
    desk.services.language = "en"

    # No badge ticked either: every failing field says so, and still nothing is recorded.
    for row in range(dialog.model.rowCount()):
        dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Unchecked.value,
                             Qt.ItemDataRole.CheckStateRole)
    dialog.review_button.click()
    assert errors["items"].text() and errors["collector.name"].text()
    assert errors["collector.doc_number"].text()
    assert replica_count(desk, Handout) == 0
    assert replica_count(desk, OutboxCommand) == outbox_before
    desk.synced(qtbot)
    assert service_rows(desk.fair, Handout) == []


def test_handed_out_badges_are_not_offered(qtbot: QtBot, desk: DeskUnderTest,
                                           good_photo: bytes) -> None:
    trio = enterprise_with_three(desk.fair, desk.services.engine.client, good_photo)
    desk.synced(qtbot)
    dialog = open_dialog(qtbot, desk, trio)
    print_ticked(qtbot, desk, dialog)
    badge_of = {row.name: row.badge_id for row in dialog.model.rows}

    # 李雷 collects his own badge at this desk meanwhile: the open list shows it at once.
    with qtbot.waitSignal(desk.services.data_changed, timeout=10_000):
        desk.services.record("hand_out_badges", {
            "items": [{"badge_id": str(badge_of["李雷"]), "handout_id": new_id()}],
            "recipient": "holder", "document_checked": "resident_id"})
    qtbot.waitUntil(lambda: states(dialog)["李雷"] == HANDED_OUT, timeout=5000)
    assert ticked(dialog, READY) == {"韩梅梅", "赵子龙"}
    dialog.reject()

    # Opened again: shown as handed out, without a check box to tick.
    dialog = open_dialog(qtbot, desk, trio)
    row = next(i for i, r in enumerate(dialog.model.rows) if r.name == "李雷")
    index = dialog.model.index(row, 0)
    assert dialog.model.data(index, Qt.ItemDataRole.CheckStateRole) is None
    assert not dialog.model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not dialog.model.setData(index, Qt.CheckState.Checked.value,
                                    Qt.ItemDataRole.CheckStateRole)
    assert "Handed out" in dialog.model.data(dialog.model.index(row, 3))
    assert ticked(dialog, READY) == {"韩梅梅", "赵子龙"}

    # While the operator reads the confirmation, another desk hands out 赵子龙's badge and
    # this desk pulls it: the batch is recorded, and the dialog says which was flagged.
    dialog.doc_kind.set_code("resident_id")
    dialog.doc_number.setText(CONTACT_DOC)
    dialog.review_button.click()
    assert dialog.stack.currentIndex() == CONFIRM
    with desk.fair.service.db().write() as session:
        run_as_service(session, "hand_out_badges", {
            "items": [{"badge_id": str(badge_of["赵子龙"]), "handout_id": new_id()}],
            "recipient": "holder", "document_checked": "resident_id"})
    desk.synced(qtbot)
    qtbot.waitUntil(lambda: replica_count(desk, Handout) == 2, timeout=10_000)
    dialog.confirm_button.click()
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == RESULT, timeout=10_000)
    assert "赵子龙" in dialog.result_label.text() and "韩梅梅" not in dialog.result_label.text()
    with desk.services.replica.read() as session:
        flagged = list(session.scalars(select(Handout).where(Handout.flagged.is_(True))))
    assert [h.badge_id for h in flagged] == [badge_of["赵子龙"]]
    dialog.close_button.click()
