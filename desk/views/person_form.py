"""A person's fields: the document follows the nationality, a resident ID fills birthday and
gender, and a passport MRZ typed by a scanner fills the passport fields (the MRZ box takes
Enter as a line break, so Enter after line 1 never submits the form)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from desk.models import refdata
from desk.models.rules import RuleError, check_document, clean_mrz, parse_td3
from desk.models.rules.mrz import MrzError
from desk.views.scanner import SCAN_PROPERTY
from desk.views.widgets import ChoiceBox, ErrorLine, FieldForm

# Document types whose number encodes the birthday and gender.
ID_TYPES = ("resident_id", "residence_permit", "foreign_permanent_id")


class MrzBox(QPlainTextEdit):
    """Two lines of a passport's machine-readable zone; Enter is a line break here."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.insertPlainText("\n")
            return
        super().keyPressEvent(event)


class PersonFields(QWidget):
    """The person form; `values()` gives the mapping `check_person` reads."""

    def __init__(self, language: str = "zh_CN", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.form = FieldForm()
        self.nationality = ChoiceBox("nationalities")
        self.country = ChoiceBox("foreign_countries", blank=True)
        self.name = QLineEdit()
        self.gender = ChoiceBox("genders", blank=True)
        self.doc_type = ChoiceBox("doc_types")
        self.doc_number = QLineEdit()
        self.doc_number.setProperty(SCAN_PROPERTY, True)
        self.mrz = MrzBox()
        self.mrz.setProperty(SCAN_PROPERTY, True)
        self.mrz.setFixedHeight(56)
        self.mrz.setStyleSheet("font-family: monospace;")
        self.mrz.setTabChangesFocus(True)
        self.mrz_state = ErrorLine()
        self.birthday = QLineEdit()
        self.birthday.setInputMask("0000-00-00;_")
        self.mobile = QLineEdit()
        self.email = QLineEdit()
        self.duty = ChoiceBox("duties")
        self.position = ChoiceBox("positions")
        self.position.set_code("junior")
        self.duty.set_code("other")
        mrz_box = QWidget()
        column = QVBoxLayout(mrz_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.mrz)
        column.addWidget(self.mrz_state)
        for name, widget in (("nationality", self.nationality), ("country", self.country),
                             ("mrz", mrz_box), ("name", self.name),
                             ("doc_type", self.doc_type), ("doc_number", self.doc_number),
                             ("birthday", self.birthday), ("gender", self.gender),
                             ("mobile", self.mobile), ("email", self.email),
                             ("duty", self.duty), ("position", self.position)):
            self.form.add(name, widget)
        self.form.fields["mrz"] = self.mrz
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.nationality.currentIndexChanged.connect(self._nationality_changed)
        self.doc_type.currentIndexChanged.connect(self._doc_type_changed)
        self.doc_number.editingFinished.connect(self._fill_from_number)
        self.mrz.textChanged.connect(self._read_mrz)
        self.setTabOrder(self.nationality, self.country)
        self.retranslate()
        self._nationality_changed()

    # -- behaviour ----------------------------------------------------------------------

    def _nationality_changed(self) -> None:
        nationality = self.nationality.code() or "mainland"
        self.doc_type.set_codes(refdata.doc_types_for(nationality))
        self.form.set_row_visible("country", nationality == "abroad")
        self._doc_type_changed()

    def _doc_type_changed(self) -> None:
        self.form.set_row_visible("mrz", self.doc_type.code() == "passport")

    def _fill_from_number(self) -> None:
        doc_type = self.doc_type.code() or ""
        if doc_type not in ID_TYPES:
            return
        check = check_document(doc_type, self.doc_number.text())
        if not check.ok:
            return
        if check.birthday is not None:
            self.birthday.setText(check.birthday.isoformat())
        if check.gender is not None:
            self.gender.set_code(check.gender)

    def _read_mrz(self) -> None:
        lines = clean_mrz(self.mrz.toPlainText())
        if len(lines) < 2 or any(len(line) < 44 for line in lines[:2]):
            self.mrz_state.say("")
            return
        try:
            td3 = parse_td3(lines[:2])
        except MrzError:
            self.mrz_state.say(self.tr("The MRZ does not read: scan it again or type the fields."))
            return
        self.form.clear_errors()
        self.mrz_state.say(self.tr("Read from the MRZ: check the fields below."), warning=True)
        self.doc_number.setText(td3.number)
        self.birthday.setText(td3.birthday.isoformat())
        if td3.sex in "MF":
            self.gender.set_code("male" if td3.sex == "M" else "female")
        if td3.surname or td3.given_names:
            self.name.setText(" ".join(p for p in (td3.given_names, td3.surname) if p).title())
        country = refdata.country(td3.nationality) if td3.nationality else None
        if country is not None and country.alpha2 not in refdata.CHINA_ALPHA2:
            self.country.set_code(country.alpha2)

    # -- values -------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        birthday = self.birthday.text().strip("-_ ")
        return {
            "nationality": self.nationality.code(),
            "country": self.country.code() if self.nationality.code() == "abroad" else None,
            "name": self.name.text(),
            "gender": self.gender.code(),
            "doc_type": self.doc_type.code(),
            "doc_number": self.doc_number.text(),
            "birthday": birthday if len(birthday) == 10 else (birthday or None),
            "mobile": self.mobile.text() or None,
            "email": self.email.text() or None,
            "duty": self.duty.code(),
            "position": self.position.code(),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.nationality.set_code(values.get("nationality") or "mainland")
        self._nationality_changed()
        self.country.set_code(values.get("country"))
        self.name.setText(values.get("name") or "")
        self.gender.set_code(values.get("gender"))
        self.doc_type.set_code(values.get("doc_type"))
        self.doc_number.setText(values.get("doc_number") or "")
        birthday = values.get("birthday")
        self.birthday.setText(birthday.isoformat() if isinstance(birthday, date)
                              else str(birthday or ""))
        self.mobile.setText(values.get("mobile") or "")
        self.email.setText(values.get("email") or "")
        self.duty.set_code(values.get("duty") or "other")
        self.position.set_code(values.get("position") or "junior")

    def show_errors(self, errors: Sequence[RuleError], warnings: Sequence[RuleError] = ()) -> int:
        return self.form.show_errors(errors, self.language, warnings)

    # -- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {"nationality": self.tr("Nationality"), "country": self.tr("Country"),
                 "mrz": self.tr("Passport MRZ (scan)"), "name": self.tr("Name"),
                 "doc_type": self.tr("Document type"), "doc_number": self.tr("Document number"),
                 "birthday": self.tr("Birthday"), "gender": self.tr("Gender"),
                 "mobile": self.tr("Mobile"), "email": self.tr("E-mail"),
                 "duty": self.tr("Duty"), "position": self.tr("Position")}
        for name, text in texts.items():
            self.form.labels[name].setText(text)
        for box in (self.nationality, self.country, self.gender, self.doc_type, self.duty,
                    self.position):
            box.set_language(self.language)
        self.name.setPlaceholderText(self.tr("As on the document; from abroad: in Latin letters"))
        self.mrz.setPlaceholderText(self.tr("Scan the two MRZ lines at the bottom of the "
                                            "passport's photo page"))

    def set_language(self, language: str) -> None:
        self.language = language
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
