"""The decision bar under a queue: approve, or reject with a reason, then confirm.

Two steps so a stray key never decides: A (or R) arms the bar and says what will happen,
Ctrl+Enter confirms, Esc cancels. A rejection needs a preset reason or a few words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.views import icons

# Preset reasons: the text sent is bilingual, as the desk or enterprise reading it may use
# either language.
PRESETS: tuple[tuple[str, str], ...] = (
    ("photo", "照片不符合要求 / Photo not compliant"),
    ("licence", "营业执照不清晰 / Business licence unclear"),
    ("incomplete", "信息不完整 / Information incomplete"),
    ("not_invited", "非本机构邀请 / Not invited by us"),
    ("mismatch", "证件信息与本人不符 / Document does not match the person"),
)
MAX_REASON = 500


class DecisionBar(QWidget):
    """Signals:
    decided(str, str, bool): confirmed: "approve" or "reject", the reason ("" when
        approving), and whether an enterprise's waiting badge requests go with it.
    """

    decided = Signal(str, str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode: str | None = None
        self.count = 0
        self.waiting_requests = 0
        self.approve_button = QPushButton(icons.icon("ok", "#2e7d32"), "")
        self.reject_button = QPushButton(icons.icon("dismiss", "#b71c1c"), "")
        self.approve_button.clicked.connect(self.arm_approve)
        self.reject_button.clicked.connect(self.arm_reject)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.with_requests = QCheckBox()
        self.with_requests.setChecked(True)
        self.reason = QComboBox()
        self.free_text = QLineEdit()
        self.free_text.setMaxLength(MAX_REASON)
        self.free_text.returnPressed.connect(self.confirm)
        self.confirm_button = QPushButton()
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.prompt, 1)
        armed = QHBoxLayout()
        armed.addWidget(self.with_requests)
        armed.addWidget(self.reason)
        armed.addWidget(self.free_text, 1)
        armed.addWidget(self.confirm_button)
        armed.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addLayout(armed)
        layout.addWidget(self.message)
        self.retranslate()
        self._show()

    # -- what the reviewer does -----------------------------------------------------------

    def set_selection(self, count: int, waiting_requests: int = 0) -> None:
        """How many items are selected, and how many badge requests wait with them."""
        self.count = count
        self.waiting_requests = waiting_requests
        if count == 0:
            self.mode = None
        self._show()

    def set_enabled_for_link(self, enabled: bool) -> None:
        self.setEnabled(enabled)
        if not enabled:
            self.mode = None
            self._show()

    def arm_approve(self) -> None:
        if self.count and self.isEnabled():
            self.mode = "approve"
            self._show()
            self.confirm_button.setFocus()

    def arm_reject(self) -> None:
        if self.count and self.isEnabled():
            self.mode = "reject"
            self._show()
            self.reason.setFocus()  # arrows pick a preset, Tab goes to the free text

    def cancel(self) -> None:
        self.mode = None
        self.say("")
        self._show()

    def confirm(self) -> None:
        if self.mode is None or not self.count or not self.isEnabled():
            return
        if self.mode == "approve":
            with_requests = self.with_requests.isVisible() and self.with_requests.isChecked()
            self.mode = None
            self._show()
            self.decided.emit("approve", "", with_requests)
            return
        reason = self.reason_text()
        if not reason:
            self.say(self.tr("Choose a reason or write one."), error=True)
            self.reason.setFocus()
            return
        self.mode = None
        self.free_text.clear()
        self.reason.setCurrentIndex(0)
        self._show()
        self.decided.emit("reject", reason, False)

    def reason_text(self) -> str:
        preset = self.reason.currentData()
        words = self.free_text.text().strip()
        text = str(preset or "")
        if words:
            text = f"{text}：{words}" if text else words
        return text[:MAX_REASON]

    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #2e7d32;")
        self.message.setText(text)

    # -- looks ----------------------------------------------------------------------------

    def _show(self) -> None:
        armed = self.mode is not None
        self.approve_button.setEnabled(self.count > 0)
        self.reject_button.setEnabled(self.count > 0)
        self.reason.setVisible(self.mode == "reject")
        self.free_text.setVisible(self.mode == "reject")
        self.with_requests.setVisible(self.mode == "approve" and self.waiting_requests > 0)
        self.with_requests.setText(self.tr("with the %1 badge requests waiting for it")
                                   .replace("%1", str(self.waiting_requests)))
        self.confirm_button.setVisible(armed)
        self.cancel_button.setVisible(armed)
        n = str(self.count)
        if self.mode == "approve":
            self.prompt.setText(self.tr("Approve %1 selected? Ctrl+Enter to confirm, Esc to "
                                        "cancel.").replace("%1", n))
        elif self.mode == "reject":
            self.prompt.setText(self.tr("Reject %1 selected: choose a reason, then Ctrl+Enter."
                                        ).replace("%1", n))
        elif self.count:
            self.prompt.setText(self.tr("%1 selected · A approve · R reject").replace("%1", n))
        else:
            self.prompt.setText(self.tr("Select an item to decide."))

    def retranslate(self) -> None:
        self.approve_button.setText(self.tr("Approve (A)"))
        self.reject_button.setText(self.tr("Reject (R)"))
        self.confirm_button.setText(self.tr("Confirm (Ctrl+Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))
        self.free_text.setPlaceholderText(self.tr("Reason in your own words (optional with a "
                                                  "preset)"))
        labels = {
            "photo": self.tr("Photo not compliant"),
            "licence": self.tr("Business licence unclear"),
            "incomplete": self.tr("Information incomplete"),
            "not_invited": self.tr("Not invited by us"),
            "mismatch": self.tr("Document does not match the person"),
        }
        current = self.reason.currentIndex()
        self.reason.clear()
        self.reason.addItem(self.tr("Other (write the reason)"), "")
        for key, sent in PRESETS:
            self.reason.addItem(labels[key], sent)
        self.reason.setCurrentIndex(max(0, current))
        self._show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
