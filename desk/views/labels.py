"""Words for the states the desk shows (review, badge request, link), in the operator's
language. Codes come from the schema; reference-data labels come from `refdata`."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk.models import refdata

translate = QCoreApplication.translate


def request_status(code: str | None) -> str:
    words = {
        None: translate("Labels", "Not requested"),
        "waiting_enterprise": translate("Labels", "Waiting for the enterprise's approval"),
        "pending": translate("Labels", "Pending review"),
        "under_review": translate("Labels", "Under review"),
        "approved": translate("Labels", "Approved"),
        "rejected": translate("Labels", "Rejected"),
        "produced": translate("Labels", "Printed"),
        "collected": translate("Labels", "Handed out"),
        "withdrawn": translate("Labels", "Withdrawn"),
    }
    return words.get(code, code or "")


def review_state(code: str | None) -> str:
    words = {
        None: translate("Labels", "Not applied"),
        "pending": translate("Labels", "Pending review"),
        "under_review": translate("Labels", "Under review"),
        "approved": translate("Labels", "Approved"),
        "rejected": translate("Labels", "Rejected"),
    }
    return words.get(code, code or "")


def link_state(code: str) -> str:
    words = {
        "online": translate("Labels", "Online"),
        "offline": translate("Labels", "Offline"),
        "blocked": translate("Labels", "Sync stopped"),
        "not_enrolled": translate("Labels", "Not enrolled"),
    }
    return words.get(code, code)


def history_kind(code: str) -> str:
    words = {
        "requested": translate("Labels", "Badge requested"),
        "printed": translate("Labels", "Printed"),
        "handed_out": translate("Labels", "Handed out"),
    }
    return words.get(code, code)


def choice(list_name: str, code: str | None, language: str) -> str:
    if not code:
        return ""
    return refdata.label(list_name, code, "zh" if language.startswith("zh") else "en")


STATE_COLOURS = {
    "approved": "#2e7d32",
    "produced": "#1565c0",
    "collected": "#546e7a",
    "rejected": "#b71c1c",
    "pending": "#8d6e00",
    "under_review": "#8d6e00",
    "waiting_enterprise": "#8d6e00",
}
