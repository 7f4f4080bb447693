"""Account help at the desk, against a real service on loopback: a visitor who passes the
check is shown the identifier and can get a new password by SMS (the desk shows only the
masked number; the service seals the password into the waiting SMS); an account without a
mobile is refused in words, and nothing is queued; a visitor who fails the check gets
nothing."""

from __future__ import annotations

import hashlib
import random
import uuid

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from central.core.security import verify_password
from central.db.tables import AccountSecret, AuditLog, Notice, NoticeSecret
from central.services.notices import NoticeKey
from central.services.operations import run_as_service
from desk.models.schema import Account
from desk.sync.tables import OutboxCommand
from desk.views.account_help import HELP_LINE, AccountHelpDialog
from tests import factories as f
from tests.desk.conftest import DeskUnderTest, type_text
from tests.desk.seed import new_id, service_rows

CONTACT_NAME, CONTACT_PHONE = "王芳", "13900139000"  # the factories' participation contact


def _registered(desk: DeskUnderTest, identifier: str, seq: int, **account: object) -> str:
    """An enterprise with its account, application and one person, on the service."""
    acct, ent = new_id(), new_id()
    with desk.fair.service.db().write() as session:
        run_as_service(session, "create_account", {
            "account_id": acct, "account": f.account_form(identifier, **account)})
        run_as_service(session, "register_enterprise", {
            "enterprise_id": ent, "account_id": acct,
            "enterprise": f.enterprise_form(f"帮助测试{seq}咨询有限公司",
                                            code=f.uscc(random.Random(seq)))})
        run_as_service(session, "apply_participation", {
            "enterprise_id": ent, "participation": f.participation_form()})
    return acct


def _open(qtbot: QtBot, desk: DeskUnderTest, identifier: str) -> AccountHelpDialog:
    dialog = AccountHelpDialog(desk.services, desk.window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.search.setText(identifier)
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=5000)
    dialog.results.setCurrentRow(0)
    return dialog


def _as_contact(qtbot: QtBot, dialog: AccountHelpDialog) -> None:
    dialog.as_contact.setChecked(True)
    type_text(dialog.name, CONTACT_NAME)
    dialog.phone.setText(CONTACT_PHONE)
    dialog.check_button.click()
    qtbot.waitUntil(dialog.reset_button.isEnabled, timeout=5000)


def _queued_resets(desk: DeskUnderTest) -> int:
    with desk.services.replica.read() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxCommand).where(
            OutboxCommand.name == "reset_account_password")) or 0)


def test_contact_person_gets_a_new_password_by_sms(qtbot: QtBot, desk: DeskUnderTest) -> None:
    acct = _registered(desk, "help01", 41)
    desk.synced(qtbot)
    dialog = _open(qtbot, desk, "help01")
    _as_contact(qtbot, dialog)
    assert "help01" in dialog.answer.text() and "admin01" in dialog.answer.text()

    dialog.reset_button.click()
    qtbot.waitUntil(lambda: bool(dialog.reset_note.text()), timeout=5000)
    assert dialog.reset_note.text() == "A new password will be sent by SMS to 138****8000."
    assert not dialog.reset_button.isEnabled()  # one reset per check
    assert _queued_resets(desk) == 1

    desk.synced(qtbot)
    (notice,) = service_rows(desk.fair, Notice, kind="password_reset")
    assert notice.recipient == "+8613800138000" and str(notice.subject_id) == acct
    key = NoticeKey.from_settings(desk.fair.service.settings())
    with desk.fair.service.db().read() as session:
        sealed = session.get(NoticeSecret, notice.id)
        stored = session.get(AccountSecret, uuid.UUID(acct))
        assert sealed is not None and stored is not None
        password = key.open(sealed.sealed)
        assert verify_password(stored.password_hash, password)
    assert password not in notice.body_zh + notice.body_en


def test_an_account_without_a_mobile_is_refused_and_nothing_is_queued(
        qtbot: QtBot, desk: DeskUnderTest) -> None:
    _registered(desk, "help02", 42, registration_region="hk", contact_mobile="",
                contact_email="help@example.hk")
    desk.synced(qtbot)
    dialog = _open(qtbot, desk, "help02")
    _as_contact(qtbot, dialog)
    dialog.reset_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=5000)
    assert "no mobile number" in dialog.error.text() and HELP_LINE in dialog.error.text()
    assert dialog.reset_note.text() == ""
    assert _queued_resets(desk) == 0


def test_a_registered_person_passes_only_with_their_own_document(
        qtbot: QtBot, desk: DeskUnderTest, good_photo: bytes) -> None:
    acct = _registered(desk, "help03", 43)
    sha = hashlib.sha256(good_photo).hexdigest()
    desk.services.engine.client.put_blob(sha, "badge", good_photo)
    person_id = new_id()
    person = f.person_form("张伟", seq=43)
    with desk.fair.service.db().write() as session:
        enterprise_id = session.scalar(select(Account.enterprise_id).where(
            Account.id == uuid.UUID(acct)))
        run_as_service(session, "add_person", {
            "person_id": person_id, "enterprise_id": str(enterprise_id), "person": person,
            "photo_sha256": sha})
    desk.synced(qtbot)
    dialog = _open(qtbot, desk, "help03")
    dialog.as_person.setChecked(True)
    type_text(dialog.name, "张伟")
    dialog.doc_type.set_code("resident_id")
    dialog.doc_number.setText(f.person_form(seq=99)["doc_number"])  # someone else's
    dialog.check_button.click()
    qtbot.waitUntil(lambda: bool(dialog.error.text()), timeout=5000)
    assert dialog.answer.text() == "" and not dialog.reset_button.isEnabled()
    assert dialog.revealed is None

    dialog.doc_number.setText(person["doc_number"])
    dialog.check_button.click()
    qtbot.waitUntil(dialog.reset_button.isEnabled, timeout=5000)
    dialog.reset_button.click()
    qtbot.waitUntil(lambda: "138****8000" in dialog.reset_note.text(), timeout=5000)
    desk.synced(qtbot)
    (row,) = service_rows(desk.fair, AuditLog, action="account_password_reset")
    assert row.target == f"account_id={acct} registered_person={person_id}"
    assert person["doc_number"] not in row.target
