"""The idle lock's minutes are a setting of the desk: from 1 to 60, a bad value in the
settings file ignored with a warning that repeats nothing but a number, and never "never"."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from pytestqt.qtbot import QtBot

from desk import settings as desk_settings
from desk.views.lock import IdleWatcher

DEFAULT = desk_settings.DEFAULTS.lock_minutes


def _file(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "settings.toml"
    path.write_text(f'language = "en"\n{line}\n', encoding="utf-8")
    return path


def test_default_is_declared_once_and_within_bounds() -> None:
    assert desk_settings.LOCK_MINUTES_MIN <= DEFAULT <= desk_settings.LOCK_MINUTES_MAX
    assert "lock_minutes" in desk_settings.KEYS


@pytest.mark.parametrize(("line", "minutes"), [
    ("lock_minutes = 10", 10),
    ("lock_minutes = 1", 1),
    ("lock_minutes = 60", 60),
    ('lock_minutes = "15"', 15),
    ("", DEFAULT),
])
def test_good_values_are_taken(tmp_path: Path, line: str, minutes: int,
                               caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="desk.settings"):
        loaded = desk_settings.load(_file(tmp_path, line))
    assert loaded.lock_minutes == minutes and loaded.language == "en"
    assert caplog.records == []


@pytest.mark.parametrize(("line", "said"), [
    ("lock_minutes = 0", "0 is ignored"),
    ("lock_minutes = 61", "61 is ignored"),
    ("lock_minutes = -5", "-5 is ignored"),
    ("lock_minutes = 7.5", "a value is ignored"),
    ("lock_minutes = true", "a value is ignored"),
    ('lock_minutes = "13800138000 never"', "a value is ignored"),
])
def test_bad_values_fall_back_to_the_default_with_a_warning(
        tmp_path: Path, line: str, said: str, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="desk.settings"):
        loaded = desk_settings.load(_file(tmp_path, line))
    assert loaded.lock_minutes == DEFAULT
    assert loaded.language == "en"  # the rest of the file still counts
    (record,) = caplog.records
    message = record.getMessage()
    assert "lock_minutes" in message and said in message and f"default {DEFAULT}" in message
    assert "13800138000" not in message


def test_stored_as_a_number_and_read_back() -> None:
    saved = desk_settings.update(lock_minutes=12)
    assert saved.lock_minutes == 12
    text = desk_settings.settings_path().read_text(encoding="utf-8")
    assert "lock_minutes = 12\n" in text
    assert desk_settings.load().lock_minutes == 12
    with pytest.raises(ValueError, match="1 to 60"):
        desk_settings.update(lock_minutes=0)
    assert desk_settings.load().lock_minutes == 12  # the refused change stored nothing


def test_the_watcher_locks_after_the_set_minutes_and_never_turns_off(qtbot: QtBot,
                                                                      tmp_path: Path) -> None:
    watcher = IdleWatcher(desk_settings.load(_file(tmp_path, "lock_minutes = 10")).lock_minutes)
    assert watcher.timer.isActive() and watcher.timer.interval() == 10 * 60_000
    for given, held in ((0, 1), (-3, 1), (600, 60)):
        watcher.set_minutes(given)
        assert watcher.minutes == held and watcher.timer.isActive()
        assert watcher.timer.interval() == held * 60_000
    # A key press starts the wait again; the timer running out is the idle signal.
    watcher.timer.stop()
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert watcher.eventFilter(watcher, key) is False  # the key still reaches its widget
    assert watcher.timer.isActive()
    with qtbot.waitSignal(watcher.idle, timeout=1000):
        watcher.timer.timeout.emit()
