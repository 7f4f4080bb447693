"""Every icon the desk shows, by what it means (qtawesome fonts ship in the wheel)."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtGui import QIcon

NAMES = {
    "search": "fa6s.magnifying-glass",
    "print": "fa6s.print",
    "hand_out": "fa6s.hand-holding",
    "reprint": "fa6s.arrow-rotate-right",
    "edit": "fa6s.pen",
    "walk_in": "fa6s.user-plus",
    "enterprise": "fa6s.building",
    "people": "fa6s.users",
    "badge": "fa6s.id-badge",
    "review": "fa6s.clipboard-check",
    "attention": "fa6s.triangle-exclamation",
    "lock": "fa6s.lock",
    "sync": "fa6s.rotate",
    "online": "fa6s.wifi",
    "offline": "fa6s.plug-circle-xmark",
    "send": "fa6s.paper-plane",
    "photo": "fa6s.camera",
    "import": "fa6s.file-import",
    "key": "fa6s.key",
    "scan": "fa6s.barcode",
    "ok": "fa6s.circle-check",
    "dismiss": "fa6s.xmark",
    "delete": "fa6s.trash",
    "settings": "fa6s.gear",
    "sign_out": "fa6s.right-from-bracket",
    "help": "fa6s.circle-question",
    "language": "fa6s.language",
    "phone": "fa6s.phone",
    "card": "fa6s.id-card",
}


def icon(name: str, color: str = "#37474f") -> QIcon:
    return qta.icon(NAMES[name], color=color)
