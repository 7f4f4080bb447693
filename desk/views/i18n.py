"""Switching the interface language at run time: Qt's own strings first, then ours.

Widgets set their texts in a `retranslate()` method, called once when built and again on
`QEvent.LanguageChange`, which Qt sends to every widget when translators change.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desk.paths import resources_dir

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")


def translations_dir() -> Path:
    return resources_dir() / "translations"


class Translators:
    """The installed translators, so a switch can take them out again."""

    def __init__(self) -> None:
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, language: str) -> None:
        app = QCoreApplication.instance()
        if app is None:
            return
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed.clear()
        self.language = language if language in LANGUAGES else "en"
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China)
                           if self.language == "zh_CN" else QLocale(QLocale.Language.English))
        if self.language == "en":
            # Removing translators sends LanguageChange too: every widget goes back to English.
            return
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ours = translations_dir()
        # Qt's own strings first, then the desk's catalogue and those of its other parts.
        others = sorted(p.stem for p in ours.glob(f"*_{language}.qm")
                        if p.stem != f"desk_{language}")
        for name, folder in ((f"qtbase_{language}", qt_dir), (f"desk_{language}", str(ours)),
                             *((stem, str(ours)) for stem in others)):
            translator = QTranslator(app)
            if translator.load(name, folder):
                app.installTranslator(translator)
                self._installed.append(translator)
            else:
                log.warning("translation %s not found in %s", name, folder)


TRANSLATORS = Translators()
