"""Walk-in, the enterprise's information as on its business licence. Also used to fix an
enterprise the reviewers sent back."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QCheckBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desk.models.rules import check_enterprise
from desk.views.widgets import ChoiceBox, ChoiceChecks, FieldForm

if TYPE_CHECKING:
    from desk.views.walkin_wizard import WalkInWizard


class EnterpriseFields(QWidget):
    """The enterprise form; `values()` is what `check_enterprise` reads."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = language
        self.form = FieldForm()
        self.name = QLineEdit()
        self.nature = ChoiceBox("natures")
        self.region = ChoiceBox("regions")
        self.province = ChoiceBox("provinces", blank=True)
        self.country = ChoiceBox("foreign_countries", blank=True)
        self.uscc = QLineEdit()
        self.uscc.setMaxLength(24)
        self.industry = ChoiceBox("service_sectors", blank=True)
        self.sectors = ChoiceChecks("thematic_exhibitions")
        self.company_type = ChoiceBox("company_types")
        self.fortune500 = QCheckBox()
        self.fortune500_company = QLineEdit()
        self.website = QLineEdit()
        self.introduction = QPlainTextEdit()
        self.introduction.setTabChangesFocus(True)
        self.introduction.setFixedHeight(90)
        for name, widget in (("name", self.name), ("nature", self.nature),
                             ("region", self.region), ("province", self.province),
                             ("country", self.country), ("uscc", self.uscc),
                             ("industry", self.industry), ("interested_sectors", self.sectors),
                             ("company_type", self.company_type),
                             ("fortune500", self.fortune500),
                             ("fortune500_company", self.fortune500_company),
                             ("website", self.website), ("introduction", self.introduction)):
            self.form.add(name, widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.region.currentIndexChanged.connect(self._region)
        self.fortune500.toggled.connect(self._region)
        self.retranslate()
        self._region()

    def _region(self) -> None:
        region = self.region.code()
        self.form.set_row_visible("province", region == "mainland")
        self.form.set_row_visible("uscc", region == "mainland")
        self.form.set_row_visible("country", region == "abroad")
        self.form.set_row_visible("fortune500_company", self.fortune500.isChecked())

    def values(self) -> dict[str, Any]:
        region = self.region.code()
        return {
            "name": self.name.text(),
            "nature": self.nature.code(),
            "region": region,
            "province": self.province.code() if region == "mainland" else None,
            "country": self.country.code() if region == "abroad" else None,
            "uscc": self.uscc.text() if region == "mainland" else None,
            "industry": self.industry.code(),
            "interested_sectors": self.sectors.codes(),
            "company_type": self.company_type.code(),
            "fortune500": self.fortune500.isChecked(),
            "fortune500_company": self.fortune500_company.text()
            if self.fortune500.isChecked() else None,
            "website": self.website.text(),
            "introduction": self.introduction.toPlainText(),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        self.name.setText(values.get("name") or "")
        self.nature.set_code(values.get("nature"))
        self.region.set_code(values.get("region"))
        self.province.set_code(values.get("province"))
        self.country.set_code(values.get("country"))
        self.uscc.setText(values.get("uscc") or "")
        self.industry.set_code(values.get("industry"))
        self.sectors.set_codes(values.get("interested_sectors") or [])
        self.company_type.set_code(values.get("company_type"))
        self.fortune500.setChecked(bool(values.get("fortune500")))
        self.fortune500_company.setText(values.get("fortune500_company") or "")
        self.website.setText(values.get("website") or "")
        self.introduction.setPlainText(values.get("introduction") or "")
        self._region()

    def retranslate(self) -> None:
        labels = {"name": self.tr("Name (as on the licence)"), "nature": self.tr("Nature"),
                  "region": self.tr("Registered in"), "province": self.tr("Province"),
                  "country": self.tr("Country"), "uscc": self.tr("Unified social credit code"),
                  "industry": self.tr("Industry"),
                  "interested_sectors": self.tr("Interested sectors"),
                  "company_type": self.tr("Company type"),
                  "fortune500": self.tr("Fortune Global 500"),
                  "fortune500_company": self.tr("Company in the list"),
                  "website": self.tr("Website"), "introduction": self.tr("Introduction")}
        for name, text in labels.items():
            self.form.labels[name].setText(text)
        for box in (self.nature, self.region, self.province, self.country, self.industry,
                    self.company_type):
            box.set_language(self.language)
        self.sectors.set_language(self.language)
        self.fortune500.setText(self.tr("Listed"))
        self.introduction.setPlaceholderText(self.tr("50 to 1000 characters; public once "
                                                     "approved"))


class EnterpriseInfoPage(QWizardPage):
    def __init__(self, wizard: WalkInWizard) -> None:
        super().__init__()
        self.w = wizard
        self.fields = EnterpriseFields(wizard.language)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.fields)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)

    def set_name(self, name: str) -> None:
        if not self.fields.name.isModified():
            self.fields.name.setText(name)

    def values(self) -> dict[str, Any]:
        return self.fields.values()

    def validatePage(self) -> bool:  # noqa: N802 (Qt)
        result = check_enterprise(self.values())
        return self.fields.form.show_errors(result.errors, self.w.language,
                                            result.warnings) == 0

    def retranslate(self) -> None:
        self.setTitle(self.tr("The enterprise"))
        self.setSubTitle(self.tr("As on the business licence. One account per enterprise name."))
        self.fields.language = self.w.language
        self.fields.retranslate()
