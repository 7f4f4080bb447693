"""Every setting of the desk, declared once with its default.

Stored as a plain TOML file in the platform's config directory (`settings.toml`), so the
headless commands and the sync module read it without Qt. Secrets and personal data never go
here: the device token and operator details live in the encrypted replica, and its key only
wrapped in the key slots file beside it. Tests point `FAIRDESK_CONFIG_DIR` at a temporary
directory; `--data-dir` overrides where the replica lives.
"""

from __future__ import annotations

import logging
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "fairdesk"
CONFIG_ENV = "FAIRDESK_CONFIG_DIR"
FILE_NAME = "settings.toml"
REPLICA_NAME = "replica.sqlite3"
# The idle lock's bounds: a public counter always locks, and not after a whole morning.
LOCK_MINUTES_MIN, LOCK_MINUTES_MAX = 1, 60

log = logging.getLogger(__name__)


def default_data_dir() -> str:
    return user_data_dir(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Settings:
    # Where the central service answers (set by enrollment too).
    service_url: str = ""
    # This counter's name, as fair IT enrolled it.
    desk_name: str = ""
    # The interface language: "zh_CN" or "en".
    language: str = "zh_CN"
    # The badge printer's name; empty: ask, or print to PDF.
    printer: str = ""
    # Where the replica and logs live; empty: the platform's data directory.
    data_dir: str = ""
    # Minutes without a key or a click before the window locks, from 1 to 60 (never
    # locking is not offered: the counter is public).
    lock_minutes: int = 5

    def replica_path(self, data_dir: str | Path | None = None) -> Path:
        """The replica file: under `data_dir` when given (`--data-dir`), else the setting.
        Its key slots are beside it (`replica.keys.json`)."""
        base = Path(data_dir) if data_dir else Path(self.data_dir or default_data_dir())
        return base / REPLICA_NAME


DEFAULTS = Settings()
KEYS = tuple(f.name for f in fields(Settings))


def config_dir() -> Path:
    override = os.environ.get(CONFIG_ENV)
    return Path(override) if override else Path(user_config_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def lock_minutes(value: object) -> int | None:
    """`value` as idle-lock minutes (a whole number, or digits in a string, within the
    bounds); None when it is not one."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if LOCK_MINUTES_MIN <= value <= LOCK_MINUTES_MAX else None


def _checked_lock_minutes(value: object) -> int:
    minutes = lock_minutes(value)
    if minutes is not None:
        return minutes
    # Only a number is repeated: whatever else was typed stays out of the log.
    shown = repr(value) if isinstance(value, int) and not isinstance(value, bool) else "a value"
    log.warning(
        "settings: lock_minutes must be a whole number of minutes from %d to %d; %s is "
        "ignored and the default %d is used",
        LOCK_MINUTES_MIN, LOCK_MINUTES_MAX, shown, DEFAULTS.lock_minutes,
    )
    return DEFAULTS.lock_minutes


def load(path: Path | None = None) -> Settings:
    """The stored settings; missing or unknown keys fall back to the defaults, and so does a
    bad idle-lock time (with a warning in the log)."""
    path = path or settings_path()
    try:
        raw: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return DEFAULTS
    except (OSError, tomllib.TOMLDecodeError):
        return DEFAULTS
    values: dict[str, Any] = {
        k: str(v)
        for k, v in raw.items()
        if k in KEYS and k != "lock_minutes" and isinstance(v, str | int)
    }
    if "lock_minutes" in raw:
        values["lock_minutes"] = _checked_lock_minutes(raw["lock_minutes"])
    return replace(DEFAULTS, **values)


def _toml_value(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write every setting (written atomically: a crash never leaves half a file)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} = {_toml_value(getattr(settings, key))}" for key in KEYS]
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def update(**changes: Any) -> Settings:
    """Change some settings and store them."""
    unknown = set(changes) - set(KEYS)
    if unknown:
        raise KeyError(f"unknown settings: {', '.join(sorted(unknown))}")
    if "lock_minutes" in changes:
        minutes = lock_minutes(changes["lock_minutes"])
        if minutes is None:
            raise ValueError(
                f"lock_minutes is a whole number of minutes from {LOCK_MINUTES_MIN} to "
                f"{LOCK_MINUTES_MAX}"
            )
        changes["lock_minutes"] = minutes
    settings = replace(load(), **changes)
    save(settings)
    return settings
