"""Badge pick-up of a pre-registered person: find as you type, print, check the document in
hand (a wrong number is refused), hand out; the hand-out reaches the service."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.views.handout_dialog import HandOutDialog
from tests.desk.conftest import DeskUnderTest, answer_next_dialog, type_text
from tests.desk.seed import Badge, Handout, approved_person, service_rows


def test_pick_up_and_hand_out(qtbot: QtBot, desk: DeskUnderTest, good_photo: bytes) -> None:
    seeded = approved_person(desk.fair, desk.services.engine.client, good_photo)
    desk.synced(qtbot)
    people = desk.window.people

    # Search as you type: the surname alone finds the person, from the first characters.
    type_text(people.search, "欧阳")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=5000)
    assert people.model.hit(0).name == seeded.name
    assert seeded.doc_number not in people.model.hit(0).doc_masked  # lists show it masked
    card = people.card
    qtbot.waitUntil(lambda: card.card is not None and card.print_button.isEnabled(),
                    timeout=5000)
    assert not card.handout_button.isEnabled()  # nothing printed yet

    # Print: the print dialog of the printing package, to a PDF file here.
    people.print_current()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "BadgePrintDialog"
                                for d in desk.services.open_dialogs), timeout=10_000)
    dialog = next(d for d in desk.services.open_dialogs if type(d).__name__ == "BadgePrintDialog")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: card.card is not None and card.card.badge is not None,
                    timeout=10_000)
    assert (desk.tmp / "b.pdf").stat().st_size > 1000
    code = card.card.badge.code
    assert card.handout_button.isEnabled()

    # The document in hand must be the registered one: a wrong number is refused.
    wrong = seeded.doc_number[:-2] + ("12" if not seeded.doc_number.endswith("12") else "34")
    seen: dict[str, str] = {}

    def check_document(dialog: QDialog) -> None:
        assert isinstance(dialog, HandOutDialog)
        dialog.doc_number.setText(wrong)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: bool(dialog.form.errors["doc_number"].text()), timeout=5000)
        seen["refusal"] = dialog.form.errors["doc_number"].text()
        dialog.doc_number.setText(seeded.doc_number)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_next_dialog(qtbot, check_document, HandOutDialog)
    people.hand_out_current()
    assert seen["refusal"]  # shown next to the field, and not handed out then
    qtbot.waitUntil(lambda: card.card is not None and card.card.badge is not None
                    and card.card.badge.handed_out, timeout=5000)
    assert not card.handout_button.isEnabled()

    # A scan of the badge code from anywhere finds the same person.
    desk.window.tabs.setCurrentIndex(2)
    people.take_scan(code)
    qtbot.waitUntil(lambda: card.card is not None and card.card.name == seeded.name)

    desk.synced(qtbot)
    badges = service_rows(desk.fair, Badge, code=code)
    assert len(badges) == 1
    handouts = service_rows(desk.fair, Handout, badge_id=badges[0].id)
    assert len(handouts) == 1 and handouts[0].recipient == "holder"
    assert handouts[0].document_checked == "resident_id"
