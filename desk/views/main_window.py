"""The main window: the tabs of the desk, its menus and shortcuts, the status bar, the
offline banner, the scanner heard from anywhere, and the idle lock."""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desk import __version__
from desk.views import icons
from desk.views.attention_panel import AttentionPanel
from desk.views.errors import show_error
from desk.views.i18n import TRANSLATORS
from desk.views.lock import IdleWatcher, LockScreen
from desk.views.people_panel import PeoplePanel
from desk.views.scanner import ScannerFilter
from desk.views.services import DeskServices
from desk.views.status_bar import DeskStatusBar

if TYPE_CHECKING:
    from desk.views.badges_panel import BadgesPanel
    from desk.views.enterprises_panel import EnterprisesPanel

log = logging.getLogger(__name__)

HELP_LINE = "+86-10-58103199"
REVIEWER_ROLES = ("host_reviewer", "committee_reviewer")
# The Review tab's panel: a module with `ReviewPanel(services, parent)`, when installed.
REVIEW_MODULE = "desk.views.review_panel"
HOST_MODULE = "desk.views.host_panel"
HOST_ROLES = ("host_user",)
TAB_ICONS = {"enterprises": "enterprise", "badges": "badge"}


class MainWindow(QMainWindow):
    """Signals:
    sign_out_requested(): the operator chose to sign out (the app shows the sign-in again).
    """

    sign_out_requested = Signal()

    def __init__(self, services: DeskServices) -> None:
        super().__init__()
        self.services = services
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #b71c1c; color: white; padding: 6px; "
                                  "font-weight: bold;")
        self.banner.hide()
        self.tabs = QTabWidget()
        self.people = PeoplePanel(services)
        self.attention = AttentionPanel(services)
        self.review: QWidget | None = None
        self.host_tools: QWidget | None = None
        # The Enterprises and Badges panels are built the first time they are shown (or
        # asked for): building them loads their lists, which would hold up the desk's start
        # and the first search. Until then their tabs hold an empty page.
        self._pages: dict[str, QWidget] = {"enterprises": QWidget(), "badges": QWidget()}
        self._built: dict[str, QWidget] = {}
        self.tabs.addTab(self.people, icons.icon("people"), "")
        self.tabs.addTab(self._pages["enterprises"], icons.icon(TAB_ICONS["enterprises"]), "")
        self.tabs.addTab(self._pages["badges"], icons.icon(TAB_ICONS["badges"]), "")
        self.tabs.addTab(self.attention, icons.icon("attention"), "")
        self.tabs.currentChanged.connect(self._tab_shown)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 0)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.status = DeskStatusBar(services)
        self.setStatusBar(self.status)
        self.status.status_read.connect(self._status)
        self.people.notice.connect(lambda text: self.status.showMessage(text, 8000))
        self.attention.count_changed.connect(self._attention_count)
        services.tasks.unhandled_failure.connect(
            lambda error: show_error(self, error, services.language))
        services.operator_changed.connect(self._operator_changed)

        self.scanner = ScannerFilter(self)
        self.scanner.scanned.connect(self.take_scan)
        self.idle = IdleWatcher(services.lock_minutes, self)
        self.idle.idle.connect(self.lock)
        self.lock_screen = LockScreen(services, self)
        self.lock_screen.switch_requested.connect(self._switch_operator)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.scanner)
            app.installEventFilter(self.idle)
        self._build_actions()
        self.retranslate()
        self._operator_changed()
        geometry = QSettings("fairdesk", "desk").value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    # -- panels built on first show -----------------------------------------------------

    @property
    def enterprises(self) -> EnterprisesPanel:
        from desk.views.enterprises_panel import EnterprisesPanel

        panel = self._panel("enterprises")
        assert isinstance(panel, EnterprisesPanel)
        return panel

    @property
    def badges(self) -> BadgesPanel:
        from desk.views.badges_panel import BadgesPanel

        panel = self._panel("badges")
        assert isinstance(panel, BadgesPanel)
        return panel

    def _tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        for key, placeholder in self._pages.items():
            if placeholder is page and key not in self._built:
                self._panel(key)

    def _panel(self, key: str) -> QWidget:
        """The panel of a tab, built now if it was not yet, in its tab's place."""
        if key in self._built:
            return self._built[key]
        panel = self._make_panel(key)
        placeholder = self._pages[key]
        index = self.tabs.indexOf(placeholder)
        was_current = self.tabs.currentIndex() == index
        blocked = self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, panel, icons.icon(TAB_ICONS[key]), self._tab_text(key))
        if was_current:
            self.tabs.setCurrentIndex(index)
        self.tabs.blockSignals(blocked)
        placeholder.deleteLater()
        self._pages[key] = self._built[key] = panel
        return panel

    def _make_panel(self, key: str) -> QWidget:
        if key == "enterprises":
            from desk.views.enterprises_panel import EnterprisesPanel

            enterprises = EnterprisesPanel(self.services)
            enterprises.person_chosen.connect(self.open_person)
            return enterprises
        from desk.views.badges_panel import BadgesPanel

        badges = BadgesPanel(self.services)
        badges.person_chosen.connect(self.open_person)
        return badges

    def _tab_text(self, key: str) -> str:
        return self.tr("Enterprises") if key == "enterprises" else self.tr("Badges")

    # -- actions and shortcuts ----------------------------------------------------------

    def _action(self, key: str, icon: str | None, shortcuts: list[str], slot: object) -> QAction:
        action = QAction(self)
        if icon:
            action.setIcon(icons.icon(icon))
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_by_key[key] = action
        return action

    def _build_actions(self) -> None:
        self.actions_by_key: dict[str, QAction] = {}
        a = self._action
        a("find", "search", ["Ctrl+F", "F2"], self.focus_search)
        a("walk_in", "walk_in", ["Ctrl+N", "F3"], self.walk_in)
        a("print", "print", ["Ctrl+P"], self.people.print_current)
        a("hand_out", "hand_out", ["Ctrl+H"], self.people.hand_out_current)
        a("reprint", "reprint", ["Ctrl+R"], self.people.reprint_current)
        a("edit", "edit", ["Ctrl+E"], self.people.edit_current)
        a("sync", "sync", ["F5"], self.services.sync_now)
        a("lock", "lock", ["Ctrl+L"], self.lock)
        a("account_help", "key", ["Ctrl+K"], lambda: self.enterprises.account_help())
        a("sign_out", "sign_out", [], self.sign_out_requested.emit)
        a("quit", None, ["Ctrl+Q"], self.close)
        a("zh", "language", [], lambda: self.set_language("zh_CN"))
        a("en", "language", [], lambda: self.set_language("en"))
        a("help_line", "phone", ["F1"], self.show_help_line)
        a("about", "help", [], self.show_about)
        for number in range(1, 6):
            a(f"tab{number}", None, [f"Alt+{number}"],
              lambda _c=False, n=number: self.tabs.setCurrentIndex(n - 1))
        bar = self.menuBar()
        self.desk_menu = bar.addMenu("")
        for key in ("find", "walk_in", "account_help", "sync", "lock", "sign_out", "quit"):
            self.desk_menu.addAction(self.actions_by_key[key])
        self.badge_menu = bar.addMenu("")
        for key in ("print", "hand_out", "reprint", "edit"):
            self.badge_menu.addAction(self.actions_by_key[key])
        self.language_menu = bar.addMenu("")
        self.language_menu.addAction(self.actions_by_key["zh"])
        self.language_menu.addAction(self.actions_by_key["en"])
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.actions_by_key["help_line"])
        self.help_menu.addAction(self.actions_by_key["about"])

    # -- what the actions do ------------------------------------------------------------

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.people)
        self.people.focus_search()

    def walk_in(self) -> None:
        self.tabs.setCurrentWidget(self.enterprises)
        self.enterprises.walk_in()

    def open_person(self, person_id: object, text: str = "") -> None:
        self.tabs.setCurrentWidget(self.people)
        self.people.show_person(person_id, text)  # type: ignore[arg-type]

    def take_scan(self, code: str) -> None:
        if self.lock_screen.isVisible():
            return
        self.tabs.setCurrentWidget(self.people)
        self.people.take_scan(code)

    def lock(self) -> None:
        if self.services.operator is not None and not self.lock_screen.isVisible():
            self.lock_screen.retranslate()
            self.lock_screen.cover(self)

    def _switch_operator(self) -> None:
        self.lock_screen.hide()
        self.sign_out_requested.emit()

    def set_language(self, language: str) -> None:
        TRANSLATORS.install(language)
        self.services.set_language(language)

    def show_help_line(self) -> None:
        QMessageBox.information(self, self.tr("Help line"), self.tr(
            "The fair's bilingual help line: %1").replace("%1", HELP_LINE))

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Fair Desk"), self.tr(
            "Fair Desk %1 — the on-site registration desk.").replace("%1", __version__))

    def set_review_panel(self, panel: QWidget | None) -> None:
        """Put the reviewers' panel in the Review tab (or take the tab away)."""
        if self.review is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.review))
            self.review.deleteLater()
        self.review = panel
        if panel is not None:
            self.tabs.insertTab(3, panel, icons.icon("review"), self.tr("Review"))

    def set_host_panel(self, panel: QWidget | None) -> None:
        """Put a host organisation's tools in their own tab (or take the tab away)."""
        if self.host_tools is not None:
            self.tabs.removeTab(self.tabs.indexOf(self.host_tools))
            self.host_tools.deleteLater()
        self.host_tools = panel
        if panel is not None:
            self.tabs.insertTab(3, panel, icons.icon("enterprise"), self.tr("Host organisation"))

    def _operator_changed(self) -> None:
        operator = self.services.operator
        host_user = operator is not None and operator.role in HOST_ROLES
        if host_user and self.host_tools is None:
            module = importlib.import_module(HOST_MODULE)
            self.set_host_panel(module.HostPanel(self.services, self))
        elif not host_user and self.host_tools is not None:
            self.set_host_panel(None)
        reviewer = operator is not None and operator.role in REVIEWER_ROLES
        if reviewer and self.review is None:
            try:
                module = importlib.import_module(REVIEW_MODULE)
                self.set_review_panel(module.ReviewPanel(self.services, self))
            except ImportError:
                placeholder = QLabel(self.tr("The review panel is not installed on this desk."))
                placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.set_review_panel(placeholder)
        elif not reviewer and self.review is not None:
            self.set_review_panel(None)

    # -- status -------------------------------------------------------------------------

    def _status(self, facts: dict[str, object]) -> None:
        state = str(facts.get("link_state") or "")
        blocked = facts.get("blocked")
        if state == "online":
            self.banner.hide()
            return
        if blocked == "version_not_supported":
            text = self.tr("The service needs a newer desk: update this desk. Nothing is lost; "
                           "the waiting work is kept.")
            update = facts.get("update_required")
            if isinstance(update, dict) and update.get("installer_url"):
                text += " " + self.tr("Installer: %1.").replace("%1", str(update["installer_url"]))
        elif blocked:
            text = self.tr("Syncing has stopped (%1): call fair IT. The waiting work is kept."
                           ).replace("%1", str(blocked))
        elif state == "not_enrolled":
            text = self.tr("This desk is not enrolled: it works on its own data only.")
        else:
            text = self.tr("Offline: the desk keeps working and sends everything when the "
                           "link returns. Review decisions need the link.")
        self.banner.setText(text)
        self.banner.show()

    def _attention_count(self, count: int) -> None:
        index = self.tabs.indexOf(self.attention)
        text = self.tr("Attention")
        self.tabs.setTabText(index, f"{text} ({count})" if count else text)

    # -- language -----------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Fair Desk — on-site registration"))
        self.tabs.setTabText(self.tabs.indexOf(self.people), self.tr("People"))
        for key, page in self._pages.items():
            self.tabs.setTabText(self.tabs.indexOf(page), self._tab_text(key))
        self._attention_count(self.attention.count)
        if self.review is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.review), self.tr("Review"))
        if self.host_tools is not None:
            self.tabs.setTabText(self.tabs.indexOf(self.host_tools), self.tr("Host organisation"))
        texts = {
            "find": self.tr("Find person"), "walk_in": self.tr("Walk-in registration"),
            "print": self.tr("Print badge"), "hand_out": self.tr("Hand out badge"),
            "reprint": self.tr("Reprint badge"), "edit": self.tr("Edit person"),
            "sync": self.tr("Sync now"), "lock": self.tr("Lock"),
            "account_help": self.tr("Account help (forgotten identifier or password)"),
            "sign_out": self.tr("Sign out"), "quit": self.tr("Quit"),
            "zh": "中文", "en": "English",
            "help_line": self.tr("Help line"), "about": self.tr("About"),
        }
        for key, text in texts.items():
            self.actions_by_key[key].setText(text)
        self.desk_menu.setTitle(self.tr("&Desk"))
        self.badge_menu.setTitle(self.tr("&Badge"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.status.read()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt)
        QSettings("fairdesk", "desk").setValue("main/geometry", self.saveGeometry())
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
            app.removeEventFilter(self.idle)
        super().closeEvent(event)
