"""The host organisation tools, for host organisation accounts: the overview counts of the
fair's guide, invitation codes, own staff and guests, and the organisation's record.

Everything here is online with the host user's own session (the counts and codes belong to
the service), and everything but the record waits until the committee has approved the
organisation.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk.reviewing import Refused, ServiceSession
from desk.views import icons
from desk.views.errors import describe
from desk.views.host_codes import CodesPanel
from desk.views.host_people import HostPeoplePanel
from desk.views.host_person_dialog import HostPersonDialog
from desk.views.host_record import HostRecordPanel
from desk.views.review_access import OnlineAccess
from desk.views.services import DeskServices


def fetch_host_view(client: ServiceSession) -> dict[str, Any]:
    """Everything the tools show, in one background call."""
    return {
        "overview": client.host("overview"),
        "record": client.host("org"),
        "codes": client.host("codes").get("codes", []),
        "requests": client.host("code-requests").get("requests", []),
        "people": client.host("people"),
    }


class Tile(QFrame):
    """One count with its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("—")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.number.setStyleSheet("font-size: 26px; font-weight: bold; color: #1565c0;")
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)


class OverviewPanel(QWidget):
    """The guide's overview (信息总览): what waits for the organisation's review, and how its
    own staff and guests stand with the committee."""

    GROUPS = ("pending", "staff", "guests")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tiles: dict[str, Tile] = {}
        self.boxes: dict[str, QGroupBox] = {}
        layout = QVBoxLayout(self)
        keys = {
            "pending": ("exhibitors", "exhibitor_people", "attendees", "attendee_people"),
            "staff": ("staff_added", "staff_under_review", "staff_approved", "staff_rejected"),
            "guests": ("guests_added", "guests_under_review", "guests_approved",
                       "guests_rejected"),
        }
        for group, names in keys.items():
            box = QGroupBox()
            grid = QGridLayout(box)
            for column, name in enumerate(names):
                self.tiles[name] = Tile()
                grid.addWidget(self.tiles[name], 0, column)
            self.boxes[group] = box
            layout.addWidget(box)
        layout.addStretch(1)
        self.retranslate()

    def show_counts(self, overview: dict[str, Any]) -> None:
        enterprises, personnel = overview["enterprises"], overview["personnel"]
        values = {
            "exhibitors": enterprises["exhibitor"]["pending"],
            "exhibitor_people": personnel["exhibitor"]["pending"],
            "attendees": enterprises["attendee"]["pending"],
            "attendee_people": personnel["attendee"]["pending"],
        }
        for group in ("staff", "guests"):
            for state in ("added", "under_review", "approved", "rejected"):
                values[f"{group}_{state}"] = overview[group][state]
        for name, value in values.items():
            self.tiles[name].number.setText(str(value))

    def retranslate(self) -> None:
        self.boxes["pending"].setTitle(self.tr("Waiting for your review"))
        self.boxes["staff"].setTitle(self.tr("Your staff"))
        self.boxes["guests"].setTitle(self.tr("Your guests and VIPs"))
        captions = {
            "exhibitors": self.tr("Exhibitor enterprises"),
            "exhibitor_people": self.tr("Exhibitor personnel"),
            "attendees": self.tr("Attendee enterprises"),
            "attendee_people": self.tr("Attendee personnel"),
        }
        for group in ("staff", "guests"):
            captions[f"{group}_added"] = self.tr("Added")
            captions[f"{group}_under_review"] = self.tr("Under review")
            captions[f"{group}_approved"] = self.tr("Approved")
            captions[f"{group}_rejected"] = self.tr("Rejected")
        for name, text in captions.items():
            self.tiles[name].caption.setText(text)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class HostPanel(QWidget):
    """The tools' tabs for a host organisation account.

    Signals:
        loaded(): the tools were read from the service.
    """

    loaded = Signal()

    def __init__(self, services: DeskServices, parent: QWidget | None = None, *,
                 access: OnlineAccess | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.access = access or OnlineAccess(services, self)
        self.view: dict[str, Any] = {}
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.refresh_button = QPushButton(icons.icon("sync"), "")
        self.refresh_button.clicked.connect(self.refresh)
        self.tabs = QTabWidget()
        self.overview = OverviewPanel()
        self.codes = CodesPanel()
        self.people = HostPeoplePanel()
        self.people.language = services.language
        self.record = HostRecordPanel(services.tasks, services.language)
        for panel in (self.overview, self.codes, self.people, self.record):
            self.tabs.addTab(panel, "")
        self.codes.more_codes_asked.connect(self.ask_for_codes)
        self.people.add_requested.connect(self.add_person)
        self.record.save_requested.connect(self.save_record)
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.access.state_changed.connect(self._access_changed)
        self.retranslate()
        self._access_changed()

    def _access_changed(self) -> None:
        ready = self.access.online and self.access.signed_in
        self.tabs.setEnabled(ready)
        if not self.access.online:
            self._banner(self.tr("Offline: the host tools need the link to the service."),
                         "#b71c1c")
        elif not self.access.signed_in:
            self._banner(self.tr("Sign in online to use the host tools."), "#8d6e00")
        else:
            self._show_state()
            if not self.view:
                self.refresh()

    def _banner(self, text: str, colour: str) -> None:
        self.banner.setText(text)
        self.banner.setStyleSheet(f"color: {colour}; font-weight: bold;")

    def _show_state(self) -> None:
        org = (self.view.get("record") or {})
        name = str(org.get("name") or "")
        approved = org.get("review_state") == "approved" or bool(org.get("is_committee"))
        if not org:
            self._banner(self.tr("Loading…"), "#37474f")
        elif approved:
            self._banner(self.tr("%1 — approved by the committee.").replace("%1", name),
                         "#2e7d32")
        else:
            self._banner(self.tr("%1 — the committee reviews your organisation's record "
                                 "first; the other tools open once it is approved.")
                         .replace("%1", name), "#8d6e00")
        for index in (1, 2):
            self.tabs.setTabEnabled(index, approved)
        self.people.set_allowed(approved)
        if org and not approved:
            self.tabs.setCurrentWidget(self.record)

    def refresh(self) -> None:
        self.access.retry_link()

        def done(view: dict[str, Any]) -> None:
            self.view = view
            self.overview.show_counts(view["overview"])
            self.codes.show_codes(view["codes"], view["requests"])
            self.people.show_people(view["people"])
            self.record.show_record(view["record"])
            self._show_state()
            self.loaded.emit()

        self.access.run(fetch_host_view, success=done, failure=self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        language = self.services.language
        words = (error.words(language) if isinstance(error, Refused)
                 else describe(error, language) or type(error).__name__)
        self._banner(words, "#b71c1c")

    def ask_for_codes(self, count: int) -> None:
        def done(_result: Any) -> None:
            self.codes.say(self.tr("Asked the committee for %1 more codes.")
                           .replace("%1", str(count)))
            self.refresh()

        self.access.run(lambda client: client.request_codes(count), success=done,
                        failure=self._failed, owner=self)

    def add_person(self, kind: str) -> None:
        org_id = str((self.view.get("record") or {}).get("id") or "")
        if not org_id:
            return
        dialog = HostPersonDialog(self.access, org_id, kind, self)
        dialog.accepted.connect(self.refresh)
        dialog.open()

    def save_record(self, values: dict[str, Any], licence: bytes | None) -> None:
        org_id = str((self.view.get("record") or {}).get("id") or "")

        def op(client: ServiceSession) -> None:
            if licence is not None:
                client.put_blob(licence, "licence")
            client.command("update_host_org", {"host_org_id": org_id, "record": values})

        def done(_result: Any) -> None:
            self.record.say(self.tr("Sent: the committee will review it."))
            self.refresh()

        self.access.run(op, success=done, failure=self._failed, owner=self)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Refresh"))
        for index, text in enumerate((self.tr("Overview"), self.tr("Invitation codes"),
                                      self.tr("Staff and guests"),
                                      self.tr("Organisation record"))):
            self.tabs.setTabText(index, text)
        self._access_changed()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
