"""A person's card on the People tab: the registered photo to compare with the face at the
counter, the masked document, the enterprise, the badge and its history, and the actions
of the pick-up: print, hand out, reprint, edit.

The document number is masked (at most its last four characters). The operator may check
the document in hand against it (typed or scanned): when it matches, the whole number is
shown on this card, for this person only, until another person is shown or `REVEAL_MS`
passes. It is never kept anywhere else."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk.views import icons, labels
from desk.views.lookups import PersonCard, matching_document, person_card
from desk.views.scanner import SCAN_PROPERTY
from desk.views.services import DeskServices

PHOTO_W, PHOTO_H = 165, 220
# How long a checked document's whole number stays on the card.
REVEAL_MS = 60_000
OK_STYLE, BAD_STYLE = "color: #2e7d32;", "color: #b71c1c;"


class PersonCardView(QFrame):
    """Shows one person; empty until `show_person`.

    Signals:
        edit_requested(object): the operator asked to edit this person (carries the card).
        handout_requested(object): the operator asked to hand out the badge (the card).
        card_loaded(object): the card's data arrived (the `PersonCard`, or None).
    """

    edit_requested = Signal(object)
    handout_requested = Signal(object)
    card_loaded = Signal(object)

    def __init__(self, services: DeskServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.card: PersonCard | None = None
        self._wanted: uuid.UUID | None = None
        # The whole document number of the person whose document was just checked.
        self._whole: str | None = None
        self._whole_for: uuid.UUID | None = None
        self._check_result = ""  # "", "empty", "match" or "mismatch"
        self._checks = 0  # checks asked for: only the latest one's answer counts
        self.mask_timer = QTimer(self)
        self.mask_timer.setSingleShot(True)
        self.mask_timer.setInterval(REVEAL_MS)
        self.mask_timer.timeout.connect(self.mask_document)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.photo = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo.setStyleSheet("background: #eceff1; border: 1px solid #b0bec5;")
        self.name = QLabel()
        self.name.setStyleSheet("font-size: 22px; font-weight: bold;")
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QFormLayout()
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        for key in ("enterprise", "document", "mobile", "badge", "code", "reason"):
            caption, value = QLabel(), QLabel()
            value.setWordWrap(True)
            self.captions[key], self.values[key] = caption, value
            self.facts.addRow(caption, value)
            if key == "document":
                self.facts.addRow(self._check_row())
        self.print_button = QPushButton(icons.icon("print"), "")
        self.handout_button = QPushButton(icons.icon("hand_out", "#2e7d32"), "")
        self.reprint_button = QPushButton(icons.icon("reprint"), "")
        self.edit_button = QPushButton(icons.icon("edit"), "")
        self.print_button.clicked.connect(self.print_badge)
        self.handout_button.clicked.connect(lambda: self.card and self.handout_requested.emit(
            self.card))
        self.reprint_button.clicked.connect(self.reprint_badge)
        self.edit_button.clicked.connect(lambda: self.card and self.edit_requested.emit(
            self.card))
        self.history_title = QLabel()
        self.history = QListWidget()
        self.history.setMaximumHeight(140)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8d6e00;")

        top = QHBoxLayout()
        top.addWidget(self.photo, 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        right.addWidget(self.name)
        right.addLayout(self.facts)
        right.addStretch(1)
        top.addLayout(right, 1)
        buttons = QHBoxLayout()
        for button in (self.handout_button, self.print_button, self.reprint_button,
                       self.edit_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.history_title)
        layout.addWidget(self.history)
        self.retranslate()
        self._fill()
        services.data_changed.connect(self.reload)

    def _check_row(self) -> QWidget:
        """The number on the document in hand (typed or scanned) and the check."""
        self.doc_check = QLineEdit()
        self.doc_check.setProperty(SCAN_PROPERTY, True)
        self.doc_check.returnPressed.connect(self.check_document)
        self.check_button = QPushButton(icons.icon("search"), "")
        self.check_button.clicked.connect(self.check_document)
        self.check_result = QLabel()
        self.check_result.setWordWrap(True)
        row = QWidget()
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.doc_check, 1)
        line.addWidget(self.check_button)
        box = QVBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(line)
        box.addWidget(self.check_result)
        return row

    # -- loading ------------------------------------------------------------------------

    def show_person(self, person_id: uuid.UUID | None) -> None:
        if person_id != self._wanted:
            self.mask_document()  # a checked number belongs to the person it was checked on
        self._wanted = person_id
        if person_id is None:
            self.card = None
            self._fill()
            return
        replica = self.services.replica

        def op() -> PersonCard | None:
            with replica.read() as session:
                return person_card(session, person_id)

        self.services.tasks.run(op, success=lambda card: self._arrived(person_id, card),
                                owner=self)

    def reload(self) -> None:
        if self._wanted is not None:
            self.show_person(self._wanted)

    def _arrived(self, person_id: uuid.UUID, card: PersonCard | None) -> None:
        if person_id != self._wanted:
            return  # the operator moved on to someone else
        photo_before = self.card.photo_sha256 if self.card else None
        self.card = card
        self._fill()
        if card is not None and card.photo_sha256 and card.photo_sha256 != photo_before:
            self.photo.setText(self.tr("Loading photo…"))
            sha = card.photo_sha256
            self.services.load_photo(sha, lambda data: self._photo(sha, data), owner=self)
        elif card is not None and not card.photo_sha256:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("No photo"))
        self.card_loaded.emit(card)

    def _photo(self, sha: str, data: bytes | None) -> None:
        if self.card is None or self.card.photo_sha256 != sha:
            return
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo.setPixmap(pixmap.scaled(PHOTO_W, PHOTO_H,
                                               Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo.setPixmap(QPixmap())
            self.photo.setText(self.tr("Photo not available offline"))

    # -- showing ------------------------------------------------------------------------

    def _fill(self) -> None:
        card = self.card
        language = self.services.language
        for button in (self.print_button, self.handout_button, self.reprint_button,
                       self.edit_button):
            button.setEnabled(False)
        self.history.clear()
        for caption in self.captions.values():
            caption.setVisible(card is not None)
        self.doc_check.setEnabled(card is not None)
        self.check_button.setEnabled(card is not None)
        self._show_check_result()
        if card is None:
            self.name.setText(self.tr("Scan a badge or type a name, pinyin, document or "
                                      "phone number"))
            for value in self.values.values():
                value.clear()
            self.notice.clear()
            self.photo.setPixmap(QPixmap())
            self.photo.clear()
            return
        self.name.setText(card.name)
        self.values["enterprise"].setText(
            f"{card.enterprise_name}  ({labels.review_state(card.enterprise_state)})")
        shown = self._whole if self._whole_for == card.id and self._whole else card.doc_masked
        self.values["document"].setText(
            f"{labels.choice('doc_types', card.doc_type, language)}  {shown}")
        self.values["mobile"].setText(card.mobile_masked)
        request, badge = card.request, card.badge
        state = labels.request_status(request.status if request else None)
        kind = labels.choice("badge_types", request.badge_type, language) if request else ""
        colour = labels.STATE_COLOURS.get(request.status if request else "", "#37474f")
        self.values["badge"].setText(f"<span style='color:{colour}'><b>{state}</b></span>"
                                     + (f" · {kind}" if kind else ""))
        self.values["code"].setText(badge.code if badge else "—")
        self.values["reason"].setText(request.review_reason if request and
                                      request.status == "rejected" else "")
        self.edit_button.setEnabled(True)
        printable = request is not None and request.status in ("approved", "produced",
                                                               "collected")
        self.print_button.setEnabled(printable and badge is None)
        self.reprint_button.setEnabled(printable and badge is not None)
        self.handout_button.setEnabled(badge is not None and not badge.handed_out)
        notice = ""
        if request is not None and request.status == "waiting_enterprise":
            notice = self.tr("The badge request waits for the enterprise's approval.")
        elif badge is not None and badge.handed_out:
            notice = self.tr("This badge was handed out already.")
        elif request is None and card.kind != "person":
            notice = self.tr("Registered by a host organisation: the delegate badge request "
                             "comes with the committee's approval.")
        elif request is None:
            notice = self.tr("No badge request yet: add one from the Enterprises tab.")
        self.notice.setText(notice)
        for line in card.history:
            stamp = line.at.astimezone().strftime("%m-%d %H:%M")
            detail = (labels.choice("badge_types", line.detail, language)
                      if line.kind == "requested" else line.detail)
            self.history.addItem(f"{stamp}  {labels.history_kind(line.kind)}  {detail}")

    # -- the document in hand -------------------------------------------------------------

    def check_document(self) -> None:
        """Compare the number typed or scanned from the document in hand with the registered
        one; when they match, show the whole number here for a short while."""
        card = self.card
        if card is None:
            return
        typed = self.doc_check.text().strip()
        self.doc_check.clear()  # the number typed stays nowhere
        self._checks += 1
        if not typed:
            self._set_check_result("empty")
            return
        replica, person_id, doc_type = self.services.replica, card.id, card.doc_type
        check = self._checks

        def op() -> str | None:
            with replica.read() as session:
                return matching_document(session, person_id, doc_type, typed)

        self.services.tasks.run(op, success=lambda whole: self._checked(person_id, check, whole),
                                owner=self)

    def _checked(self, person_id: uuid.UUID, check: int, whole: str | None) -> None:
        if person_id != self._wanted:
            return  # another person is shown now: nothing of this one appears
        if check != self._checks:
            return  # an earlier check answering late (checks run in parallel) says nothing
        if whole is None:
            self.mask_document()
            self._set_check_result("mismatch")
            return
        self._whole, self._whole_for = whole, person_id
        self.mask_timer.start()
        self._set_check_result("match")
        self._fill()

    def mask_document(self) -> None:
        """Back to the masked number (another person, or the time is up)."""
        self.mask_timer.stop()
        revealed = self._whole is not None
        self._whole = self._whole_for = None
        self.doc_check.clear()
        self._set_check_result("")
        if revealed:
            self._fill()

    @property
    def document_revealed(self) -> bool:
        return self._whole is not None

    def _set_check_result(self, result: str) -> None:
        self._check_result = result
        self._show_check_result()

    def _show_check_result(self) -> None:
        texts = {
            "empty": (self.tr("Type or scan the number on the document in hand."), BAD_STYLE),
            "match": (self.tr("The document in hand matches: the whole number is shown for "
                              "a minute."), OK_STYLE),
            "mismatch": (self.tr("The number differs from the registered one: check the "
                                 "document, do not hand out."), BAD_STYLE),
        }
        text, style = texts.get(self._check_result, ("", ""))
        self.check_result.setText(text)
        self.check_result.setStyleSheet(style)
        self.check_result.setVisible(bool(text))

    # -- actions ------------------------------------------------------------------------

    def print_badge(self) -> None:
        card = self.card
        if card is None or card.request is None or not self.print_button.isEnabled():
            return
        from desk.views.printing_hook import print_badge

        print_badge(self, self.services, card.request.id, self.reload)

    def reprint_badge(self) -> None:
        card = self.card
        if card is None or card.request is None or not self.reprint_button.isEnabled():
            return
        from desk.views.printing_hook import print_badge

        # The print dialog asks for the reprint reason itself, next to the preview.
        print_badge(self, self.services, card.request.id, self.reload)

    # -- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        captions = {"enterprise": self.tr("Enterprise"), "document": self.tr("Document"),
                    "mobile": self.tr("Mobile"), "badge": self.tr("Badge state"),
                    "code": self.tr("Badge code"), "reason": self.tr("Reason")}
        for key, text in captions.items():
            self.captions[key].setText(text)
        self.print_button.setText(self.tr("&Print badge (Ctrl+P)"))
        self.handout_button.setText(self.tr("&Hand out (Ctrl+H)"))
        self.reprint_button.setText(self.tr("&Reprint (Ctrl+R)"))
        self.edit_button.setText(self.tr("&Edit (Ctrl+E)"))
        self.history_title.setText(self.tr("History"))
        self.doc_check.setPlaceholderText(self.tr("Number on the document in hand"))
        self.check_button.setText(self.tr("Check &document"))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
