"""Driving the walk-in wizard the way an operator does, page by page."""

from __future__ import annotations

import random
import uuid
from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desk.views.person_dialog import PersonDialog
from desk.views.walkin_wizard import ACCOUNT, APPLICATION, BATCH, ENTERPRISE, FIND, PEOPLE
from tests import factories as f
from tests.desk.conftest import answer_next_dialog, type_text


def open_wizard(qtbot: QtBot, window: Any) -> Any:
    window.walk_in()
    wizard = [d for d in window.services.open_dialogs if type(d).__name__ == "WalkInWizard"][-1]
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def register_enterprise(qtbot: QtBot, wizard: Any, name: str, identifier: str,
                        seed: int) -> None:
    assert wizard.currentId() == FIND
    type_text(wizard.find_page.query, name)
    wizard.find_page.register_new.setChecked(True)
    wizard.next()
    assert wizard.currentId() == ACCOUNT
    account = wizard.account_page
    assert account.identifier.text()  # proposed from the pinyin initials
    wizard.next()  # consent not given, mobile missing: refused, every field at once
    assert wizard.currentId() == ACCOUNT
    assert account.form.errors["consent_agreed"].text()
    assert account.form.errors["contact_mobile"].text()
    account.consent.setChecked(True)
    account.identifier.setText(identifier)
    account.mobile.setText("13800138000")
    wizard.next()
    assert wizard.currentId() == ENTERPRISE
    fields = wizard.enterprise_page.fields
    assert fields.name.text() == name
    form = f.enterprise_form(name, code=f.uscc(random.Random(seed)))
    fields.province.set_code(form["province"])
    fields.uscc.setText(form["uscc"])
    fields.industry.set_code(form["industry"])
    fields.sectors.set_codes([fields.sectors._choices[0].code])
    fields.website.setText(form["website"])
    fields.introduction.setPlainText(form["introduction"])
    wizard.next()
    assert wizard.currentId() == APPLICATION
    application = wizard.application_page.fields
    assert application.participation.code() == "attendee"
    assert application.attendee_type.code() == "uninvited"
    application.contact_name.setText("王芳")
    application.contact_position.setText("经理")
    application.contact_phone.setText("13900139000")
    application.contact_email.setText("wang@example.cn")
    application.purposes.set_codes(["partners"])
    wizard.next()  # records account, enterprise and application, then moves on
    qtbot.waitUntil(lambda: wizard.currentId() == PEOPLE, timeout=10_000)


def add_person(qtbot: QtBot, wizard: Any, photo: bytes, *, name: str, seq: int) -> None:
    form = f.person_form(name, seq=seq)

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, PersonDialog)
        fields = dialog.fields
        type_text(fields.name, form["name"])
        fields.doc_number.setText(form["doc_number"])
        fields.doc_number.editingFinished.emit()  # fills birthday and gender
        assert fields.birthday.text() == form["birthday"]
        fields.mobile.setText(form["mobile"])
        dialog.photo.check(photo)
        qtbot.waitUntil(lambda: dialog.photo.sha256 is not None, timeout=20_000)
        dialog.save()

    answer_next_dialog(qtbot, fill, PersonDialog)
    wizard.people_page.add_person()
    qtbot.waitUntil(lambda: any(m.name == name for m in wizard.people_page.members),
                    timeout=10_000)


def send_batch(qtbot: QtBot, wizard: Any, expect: int) -> str:
    wizard.next()
    assert wizard.currentId() == BATCH
    batch = wizard.batch_page
    qtbot.waitUntil(lambda: batch.list.count() == expect, timeout=5000)
    asked: dict[str, str] = {}

    def confirm(box: Any) -> None:
        asked["text"] = box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    answer_next_dialog(qtbot, confirm, QMessageBox)
    batch.send()
    qtbot.waitUntil(lambda: bool(batch.outcome.text()), timeout=10_000)
    return asked["text"]


def new_id() -> str:
    return str(uuid.uuid4())
