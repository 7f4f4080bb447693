"""Badge pick-up of a host organisation's guest: registered by the host organisation and
approved by the committee on the service, found in the People tab like enterprise personnel
(marked as a guest), printed and handed out against the document in hand."""

from __future__ import annotations

import hashlib
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from central.services.operations import run_as_service
from desk.views.handout_dialog import HandOutDialog
from desk.views.people_model import HOLDER_KIND_ROLE
from tests import factories as f
from tests.desk.conftest import DeskUnderTest, answer_next_dialog, type_text
from tests.desk.seed import Badge, Handout, service_rows
from tests.review.helpers import photo_bytes

GUEST_NAME = "诸葛明月"


def approved_guest(desk: DeskUnderTest) -> dict[str, str]:
    """A guest of the fair's host organisation, with a one-inch photo, approved by the
    committee (which gives the guest an approved badge request)."""
    fair = desk.fair
    photo = photo_bytes("one-inch")
    sha = hashlib.sha256(photo).hexdigest()
    answer = desk.services.engine.client.put_blob(sha, "one-inch", photo)
    assert answer.get("error") != "photo_refused", answer
    token = fair.reviewer_token()
    fair.decide(token, "host_org", str(fair.host_id))
    form = f.person_form(GUEST_NAME, seq=77, male=False)
    guest_id = str(uuid.uuid4())
    with fair.service.db().write() as session:
        run_as_service(session, "add_guest", {
            "guest_id": guest_id, "host_org_id": str(fair.host_id), "photo_sha256": sha,
            "guest": {"kind": "vip", "name": GUEST_NAME, "gender": "female",
                      "nationality": "mainland", "doc_type": "resident_id",
                      "doc_number": form["doc_number"], "mobile": "13600136001", "email": "",
                      "organisation": "某研究院", "position": "研究员"}})
    fair.decide(token, "guest", guest_id)
    return {"id": guest_id, "doc_number": form["doc_number"]}


def test_pick_up_of_a_guest(qtbot: QtBot, desk: DeskUnderTest) -> None:
    guest = approved_guest(desk)
    desk.synced(qtbot)
    people = desk.window.people

    # Found by name like anyone, and the list says it is a guest, not enterprise personnel.
    type_text(people.search, "明月")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=5000)
    hit = people.model.hit(0)
    assert hit is not None and hit.name == GUEST_NAME and hit.kind == "guest"
    assert str(hit.id) == guest["id"]
    assert people.model.data(people.model.index(0, 0), HOLDER_KIND_ROLE) == "guest"
    assert "Guest" in people.model.data(people.model.index(0, 0),
                                        Qt.ItemDataRole.DisplayRole)
    assert guest["doc_number"] not in hit.doc_masked
    assert "某研究院" in hit.enterprise

    card = people.card
    qtbot.waitUntil(lambda: card.card is not None and card.print_button.isEnabled(),
                    timeout=5000)
    assert card.card is not None and card.card.kind == "guest"
    assert not card.handout_button.isEnabled()

    # Editing is the host organisation's: the desk says so and opens nothing.
    notices: list[str] = []
    people.notice.connect(notices.append)
    people.edit_current()
    assert notices and GUEST_NAME in notices[-1]

    people.print_current()
    qtbot.waitUntil(lambda: any(type(d).__name__ == "BadgePrintDialog"
                                for d in desk.services.open_dialogs), timeout=10_000)
    dialog = next(d for d in desk.services.open_dialogs if type(d).__name__ == "BadgePrintDialog")
    dialog.print_button.click()
    qtbot.waitUntil(lambda: card.card is not None and card.card.badge is not None,
                    timeout=10_000)
    code = card.card.badge.code
    assert card.handout_button.isEnabled()

    # The badge code finds the guest too, typed with its dash or without.
    assert "-" in code
    people.search.clear()
    type_text(people.search, code.replace("-", ""))
    qtbot.waitUntil(lambda: people.model.rowCount() == 1
                    and people.model.hit(0).matched == "badge", timeout=5000)
    assert people.model.hit(0).kind == "guest"

    # The document in hand is checked against the guest's registered one.
    wrong = guest["doc_number"][:-2] + ("12" if not guest["doc_number"].endswith("12") else "34")
    seen: dict[str, str] = {}

    def check_document(dialog: QDialog) -> None:
        assert isinstance(dialog, HandOutDialog)
        dialog.doc_number.setText(wrong)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        qtbot.waitUntil(lambda: bool(dialog.form.errors["doc_number"].text()), timeout=5000)
        seen["refusal"] = dialog.form.errors["doc_number"].text()
        dialog.doc_number.setText(guest["doc_number"])
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    qtbot.waitUntil(lambda: card.card is not None and card.handout_button.isEnabled(),
                    timeout=5000)
    answer_next_dialog(qtbot, check_document, HandOutDialog)
    people.hand_out_current()
    assert seen["refusal"]
    qtbot.waitUntil(lambda: card.card is not None and card.card.badge is not None
                    and card.card.badge.handed_out, timeout=5000)

    desk.synced(qtbot)
    badges = service_rows(desk.fair, Badge, code=code)
    assert len(badges) == 1 and str(badges[0].holder_id) == guest["id"]
    handouts = service_rows(desk.fair, Handout, badge_id=badges[0].id)
    assert len(handouts) == 1 and handouts[0].recipient == "holder"


def test_a_guest_waiting_for_review_is_not_sent_to_the_enterprises_tab(
    qtbot: QtBot, desk: DeskUnderTest
) -> None:
    fair = desk.fair
    photo = photo_bytes("one-inch")
    sha = hashlib.sha256(photo).hexdigest()
    desk.services.engine.client.put_blob(sha, "one-inch", photo)
    fair.decide(fair.reviewer_token(), "host_org", str(fair.host_id))
    form = f.person_form(GUEST_NAME, seq=78, male=False)
    with fair.service.db().write() as session:
        run_as_service(session, "add_guest", {
            "guest_id": str(uuid.uuid4()), "host_org_id": str(fair.host_id),
            "photo_sha256": sha,
            "guest": {"kind": "vip", "name": GUEST_NAME, "gender": "female",
                      "nationality": "mainland", "doc_type": "resident_id",
                      "doc_number": form["doc_number"], "mobile": "13600136002", "email": "",
                      "organisation": "某研究院", "position": "研究员"}})
    desk.synced(qtbot)
    people = desk.window.people
    type_text(people.search, "明月")
    qtbot.waitUntil(lambda: people.model.rowCount() == 1, timeout=5000)
    card = people.card
    qtbot.waitUntil(lambda: card.card is not None, timeout=5000)
    assert "committee's approval" in card.notice.text()
    assert "Enterprises tab" not in card.notice.text()
    assert not card.print_button.isEnabled()
