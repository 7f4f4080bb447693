"""Errors as operators read them: one sentence in their language, and for the unexpected a
dialog with a report they can copy for fair IT. One exception hook for the whole program."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk import __version__
from desk.models.commands import CommandRefused
from desk.models.rules import RuleError, ValidationFailed
from desk.sync.errors import (
    AuthError,
    LoginRefused,
    Offline,
    ServerError,
    SyncError,
    VersionNotSupported,
)

translate = QCoreApplication.translate

log = logging.getLogger(__name__)


def sync_words(code: str | None) -> str:
    """A sync or sign-in error code in the operator's language."""
    words = {
        "bad_credentials": translate("Errors", "Wrong username or password."),
        "offline_unknown": translate(
            "Errors", "This operator has not signed in online at this desk yet: sign in once "
            "while the service is reachable."),
        "not_allowed_at_desk": translate("Errors", "This account may not sign in at this desk."),
        "desk_required": translate("Errors", "This desk is not enrolled yet."),
        "desk_revoked": translate(
            "Errors", "This desk was revoked: syncing has stopped. Call fair IT."),
        "replica_restored": translate(
            "Errors", "This desk's data was restored from a copy: syncing has stopped until "
            "fair IT enrolls it again."),
        "version_not_supported": translate(
            "Errors", "The service needs a newer desk: update this desk."),
        "desk_too_old": translate(
            "Errors", "The service needs a newer desk: update this desk."),
        "unreachable": translate("Errors", "The service cannot be reached."),
        "too_many_attempts": translate("Errors", "Too many attempts: wait a few minutes."),
        "not_enrolled": translate("Errors", "This desk is not enrolled yet."),
        "bad_enrollment_code": translate(
            "Errors", "The enrollment code is wrong or was used already."),
        "enrollment_code_expired": translate(
            "Errors", "The enrollment code has expired: ask fair IT for a new one."),
    }
    fallback = translate("Errors", "The service answered with an error (%1).")
    return words.get(code or "", fallback.replace("%1", code or "?"))


def describe(error: BaseException, language: str) -> str:
    """What to tell the operator about an expected failure; "" when it is unexpected."""
    zh = language.lower().startswith("zh")
    if isinstance(error, CommandRefused):
        problems = error.details.get("errors") if isinstance(error.details, dict) else None
        if problems:
            lines = [(p.get("message_zh") if zh else p.get("message_en")) or "" for p in problems]
            return "\n".join(line for line in lines if line)
        return error.message_zh if zh else error.message_en
    if isinstance(error, ValidationFailed):
        return "\n".join(e.message(language) for e in error.errors)
    if isinstance(error, RuleError):
        return error.message(language)
    if isinstance(error, LoginRefused | AuthError | VersionNotSupported):
        return sync_words(error.code)
    if isinstance(error, Offline | ServerError):
        return translate("Errors", "The service cannot be reached. The desk keeps working; "
                                   "what you do is sent when the link returns.")
    if isinstance(error, SyncError):
        return sync_words(error.code)
    return ""


def show_error(parent: QWidget | None, error: BaseException, language: str) -> None:
    """An expected failure as a message box; anything else as the crash report dialog."""
    words = describe(error, language)
    if words:
        QMessageBox.warning(parent, translate("Errors", "Not done"), words)
        return
    CrashDialog(error, parent).exec()


def report_text(error: BaseException) -> str:
    trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    return (f"Fair Desk {__version__}\nPython {platform.python_version()} on "
            f"{platform.platform()}\n\n{trace}")


class CrashDialog(QDialog):
    """Something went wrong that nobody foresaw: a sentence, and a report to copy."""

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(translate("Errors", "Something went wrong"))
        self.report = QPlainTextEdit(report_text(error))
        self.report.setReadOnly(True)
        self.report.setMinimumSize(560, 240)
        copy = QPushButton(translate("Errors", "Copy report"))
        copy.clicked.connect(self._copy)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(translate("Errors", "The desk met an unexpected problem. Your "
                                                    "work that was already saved is safe. Copy "
                                                    "the report below and give it to fair IT.")))
        layout.addWidget(self.report)
        layout.addWidget(buttons)

    def _copy(self) -> None:
        QApplication.clipboard().setText(self.report.toPlainText())


_showing = False


def _hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    log.critical("unhandled exception", exc_info=(kind, error, tb))
    if _showing or QApplication.instance() is None:
        return
    _showing = True  # one dialog at a time: an error in a paint loop must not stack them
    try:
        CrashDialog(error, QApplication.activeWindow()).exec()
    finally:
        _showing = False


def install_exception_hook() -> None:
    """Log first, then show the report dialog; the one hook of the program."""
    sys.excepthook = _hook
