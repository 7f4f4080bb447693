"""The detail of one queue item: its photo (or licence scan), the data as sent, and for an
enterprise the badge requests that wait for it, with their photos, so a walk-in's
enterprise and people are judged together."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk.models.rules.masking import mask_document, mask_phone
from desk.views.review_models import QT_TRANSLATE_NOOP, QueueItem, choice_label, stage_text

CTX = "ReviewDetail"
PHOTO_SIZE = QSize(165, 231)  # badge photo proportions, 5:7
LICENCE_SIZE = QSize(300, 212)
THUMB = QSize(60, 84)
PhotoLoader = Callable[[str, Callable[[bytes | None], None]], None]

# (key, label, how to show it): "text", "date", "bool", "doc", "phone", a choice list name,
# or "list:<choice list>".
FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "enterprise": (
        ("name", QT_TRANSLATE_NOOP("ReviewDetail", "Enterprise name"), "text"),
        ("nature", QT_TRANSLATE_NOOP("ReviewDetail", "Nature"), "natures"),
        ("uscc", QT_TRANSLATE_NOOP("ReviewDetail", "Unified social credit code"), "text"),
        ("region", QT_TRANSLATE_NOOP("ReviewDetail", "Registered in"), "regions"),
        ("company_type", QT_TRANSLATE_NOOP("ReviewDetail", "Company type"), "company_types"),
        ("industry", QT_TRANSLATE_NOOP("ReviewDetail", "Industry"), "service_sectors"),
        ("fortune500", QT_TRANSLATE_NOOP("ReviewDetail", "Fortune Global 500"), "bool"),
        ("website", QT_TRANSLATE_NOOP("ReviewDetail", "Website"), "text"),
        ("participation", QT_TRANSLATE_NOOP("ReviewDetail", "Participation"), "participations"),
        ("exhibitor_type", QT_TRANSLATE_NOOP("ReviewDetail", "Exhibitor type"), "exhibitor_types"),
        ("attendee_type", QT_TRANSLATE_NOOP("ReviewDetail", "Attendee type"), "attendee_types"),
        ("contact_name", QT_TRANSLATE_NOOP("ReviewDetail", "Contact person"), "text"),
        ("contact_position", QT_TRANSLATE_NOOP("ReviewDetail", "Contact position"), "text"),
        ("contact_phone", QT_TRANSLATE_NOOP("ReviewDetail", "Contact phone"), "text"),
        ("contact_email", QT_TRANSLATE_NOOP("ReviewDetail", "Contact e-mail"), "text"),
        ("purposes", QT_TRANSLATE_NOOP("ReviewDetail", "Purposes"), "list:purposes"),
        ("exhibit_content", QT_TRANSLATE_NOOP("ReviewDetail", "Exhibit content"), "text"),
        ("exhibit_needs", QT_TRANSLATE_NOOP("ReviewDetail", "Exhibit needs"), "text"),
        ("introduction", QT_TRANSLATE_NOOP("ReviewDetail", "Introduction"), "text"),
        ("applied_at", QT_TRANSLATE_NOOP("ReviewDetail", "Applied"), "date"),
    ),
    "person": (
        ("name", QT_TRANSLATE_NOOP("ReviewDetail", "Name"), "text"),
        ("gender", QT_TRANSLATE_NOOP("ReviewDetail", "Gender"), "genders"),
        ("nationality", QT_TRANSLATE_NOOP("ReviewDetail", "Nationality"), "nationalities"),
        ("birthday", QT_TRANSLATE_NOOP("ReviewDetail", "Birthday"), "text"),
        ("doc_type", QT_TRANSLATE_NOOP("ReviewDetail", "Document type"), "doc_types"),
        ("doc_number", QT_TRANSLATE_NOOP("ReviewDetail", "Document number"), "doc"),
        ("mobile", QT_TRANSLATE_NOOP("ReviewDetail", "Mobile"), "phone"),
        ("email", QT_TRANSLATE_NOOP("ReviewDetail", "E-mail"), "text"),
        ("duty", QT_TRANSLATE_NOOP("ReviewDetail", "Duty"), "duties"),
        ("organisation", QT_TRANSLATE_NOOP("ReviewDetail", "Organisation"), "text"),
    ),
    "host_org": (
        ("name", QT_TRANSLATE_NOOP("ReviewDetail", "Organisation name"), "text"),
        ("name_en", QT_TRANSLATE_NOOP("ReviewDetail", "English name"), "text"),
        ("field", QT_TRANSLATE_NOOP("ReviewDetail", "Field"), "text"),
        ("industry_category", QT_TRANSLATE_NOOP("ReviewDetail", "Industry category"), "text"),
        ("uscc", QT_TRANSLATE_NOOP("ReviewDetail", "Unified social credit code"), "text"),
        ("address", QT_TRANSLATE_NOOP("ReviewDetail", "Address"), "text"),
        ("postcode", QT_TRANSLATE_NOOP("ReviewDetail", "Postcode"), "text"),
        ("phone", QT_TRANSLATE_NOOP("ReviewDetail", "Phone"), "text"),
        ("website", QT_TRANSLATE_NOOP("ReviewDetail", "Website"), "text"),
    ),
}


def _t(text: str) -> str:
    return QCoreApplication.translate(CTX, text)


def value_text(value: Any, how: str, language: str, reveal: bool) -> str:
    if value is None or value == "" or value == []:
        return ""
    if how == "bool":
        return (QCoreApplication.translate("ReviewDetail", "Yes") if value
                else QCoreApplication.translate("ReviewDetail", "No"))
    if how == "date":
        return str(value)[:16].replace("T", " ")
    if how == "doc":
        return str(value) if reveal else mask_document(str(value))
    if how == "phone":
        return str(value) if reveal else mask_phone(str(value))
    if how.startswith("list:"):
        return "、".join(choice_label(how[5:], v, language) for v in value)
    if how == "text":
        return str(value)
    return choice_label(how, value, language)


def fields_of(item: QueueItem) -> tuple[dict[str, Any], tuple[tuple[str, str, str], ...]]:
    """The values judged and how to show them: a badge request's snapshot, else the row."""
    if item.target == "badge_request":
        return dict(item.row.get("snapshot") or {}), FIELDS["person"]
    if item.target in ("host_staff", "guest"):
        return item.row, FIELDS["person"]
    return item.row, FIELDS[item.target]


class ReviewDetail(QWidget):
    """Shows one item; `load_photo(sha, done)` fetches a photo off the UI thread."""

    def __init__(self, load_photo: PhotoLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.load_photo = load_photo
        self.language = "zh_CN"
        self.item: QueueItem | None = None
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.previous = QLabel()
        self.previous.setWordWrap(True)
        self.previous.setStyleSheet("color: #b71c1c;")
        self.photo = QLabel()
        self.photo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo.setFixedSize(PHOTO_SIZE)
        self.photo.setStyleSheet("border: 1px solid #b0bec5; background: #eceff1;")
        self.reveal = QCheckBox()
        self.reveal.toggled.connect(lambda _on: self.show_item(self.item))
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form_box = QWidget()
        form_box.setLayout(self.form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_box)
        self.requests_label = QLabel()
        self.requests = QListWidget()
        self.requests.setViewMode(QListWidget.ViewMode.IconMode)
        self.requests.setIconSize(THUMB)
        self.requests.setFlow(QListWidget.Flow.LeftToRight)
        self.requests.setWrapping(True)
        self.requests.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.requests.setMaximumHeight(150)
        self.requests.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(self.photo)
        side = QVBoxLayout()
        side.addWidget(self.title)
        side.addWidget(self.state)
        side.addWidget(self.previous)
        side.addStretch(1)
        side.addWidget(self.reveal)
        top.addLayout(side, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.requests_label)
        layout.addWidget(self.requests)
        self.retranslate()
        self.show_item(None)

    def show_item(self, item: QueueItem | None) -> None:
        self.item = item
        while self.form.rowCount():
            self.form.removeRow(0)
        self.requests.clear()
        self.photo.clear()
        if item is None:
            self.title.setText(self.tr("Nothing selected"))
            self.state.setText("")
            self.previous.setText("")
            self.requests_label.hide()
            self.requests.hide()
            return
        values, fields = fields_of(item)
        self.title.setText(item.name or "—")
        self.state.setText(stage_text(item))
        reason = str(item.row.get("review_reason") or "")
        self.previous.setText(self.tr("Rejected before: %1").replace("%1", reason)
                              if reason else "")
        reveal = self.reveal.isChecked()
        for key, label, how in fields:
            text = value_text(values.get(key), how, self.language, reveal)
            if text:
                shown = QLabel(text)
                shown.setWordWrap(True)
                shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.form.addRow(_t(label), shown)
        self._photo(item)
        self._requests(item)

    def _photo(self, item: QueueItem) -> None:
        # An enterprise has no photo of its own: its people's photos show below.
        self.photo.setVisible(item.target != "enterprise")
        is_scan = item.target == "host_org"
        size = LICENCE_SIZE if is_scan else PHOTO_SIZE
        self.photo.setFixedSize(size)
        sha = item.photo_sha256
        if not sha:
            self.photo.setText(self.tr("No licence scan") if is_scan else self.tr("No photo"))
            return
        self.photo.setText(self.tr("Loading…"))
        shown_id = item.id

        def done(data: bytes | None) -> None:
            if self.item is None or self.item.id != shown_id:
                return
            image = QImage.fromData(data) if data else QImage()
            if image.isNull():
                self.photo.setText(self.tr("Photo not available"))
                return
            self.photo.setPixmap(QPixmap.fromImage(image).scaled(
                size, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

        self.load_photo(sha, done)

    def _requests(self, item: QueueItem) -> None:
        visible = item.target == "enterprise"
        self.requests_label.setVisible(visible)
        self.requests.setVisible(visible)
        if not visible:
            return
        count = len(item.requests)
        self.requests_label.setText(
            self.tr("Badge requests waiting with this enterprise: %1").replace("%1", str(count))
            if count else self.tr("No badge requests wait with this enterprise."))
        for request in item.requests:
            snap = request.get("snapshot") or {}
            badge = choice_label("badge_types", request.get("badge_type"), self.language)
            entry = QListWidgetItem(f"{snap.get('name') or ''}\n{badge}")
            entry.setSizeHint(QSize(THUMB.width() + 40, THUMB.height() + 40))
            self.requests.addItem(entry)
            sha = snap.get("photo_sha256")
            if sha:
                self.load_photo(str(sha), self._thumb_setter(entry))

    def _thumb_setter(self, entry: QListWidgetItem) -> Callable[[bytes | None], None]:
        return lambda data: self._thumb(entry, data)

    def _thumb(self, entry: QListWidgetItem, data: bytes | None) -> None:
        if not data or not shiboken6.isValid(entry):  # the list moved on to another item
            return
        image = QImage.fromData(data)
        if not image.isNull():
            entry.setIcon(QIcon(QPixmap.fromImage(image).scaled(
                THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)))

    def set_language(self, language: str) -> None:
        self.language = language
        self.show_item(self.item)

    def retranslate(self) -> None:
        self.reveal.setText(self.tr("Show full numbers"))
        self.show_item(self.item)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
