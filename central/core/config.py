"""Every setting of the central service, declared once with its default.

Values come from the environment (`FAIRDESK_` prefix, e.g. `FAIRDESK_DB`) so that each
worker process a process manager starts reads the same configuration.
"""

from __future__ import annotations

from pathlib import Path

from packaging.version import InvalidVersion, Version
from platformdirs import user_data_dir
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "fairdesk-central"


def default_data_dir() -> Path:
    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_url() -> str:
    return f"sqlite:///{default_data_dir() / 'central.sqlite3'}"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FAIRDESK_", extra="ignore")

    db: str = Field(default_factory=default_db_url)
    blob_dir: Path = Field(default_factory=lambda: default_data_dir() / "blobs")
    # Fernet key sealing the secrets waiting notices carry (first passwords). Unset: a key
    # file made on first use beside the blob folder; set it when processes run on several
    # machines. Never in the database: a copy of the database alone opens nothing.
    notice_key: str = ""

    # Sync protocol and replica schema versions this service accepts.
    protocol_min: int = 1
    protocol_max: int = 1
    schema_min: int = 1
    schema_max: int = 1
    # The oldest desk version this service syncs with (e.g. "1.4.0"); None accepts every
    # version. Raised at a fair to retire desks that must be reinstalled: they are refused
    # with `installer_url`, and keep their waiting commands until updated.
    min_desk_version: str | None = None
    installer_url: str = ""

    @field_validator("min_desk_version", mode="before")
    @classmethod
    def _desk_version(cls, value: object) -> object:
        # Checked at start: a typo here would otherwise refuse every desk of the fair.
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return str(Version(str(value).strip()))
        except InvalidVersion:
            raise ValueError(f"not a version number (like 1.4.0): {value!r}") from None

    session_ttl_s: int = 12 * 3600
    enrollment_code_ttl_s: int = 7 * 24 * 3600
    # Login throttling: failures counted over this window, per account and per address.
    login_window_s: int = 15 * 60
    login_max_failures_account: int = 5
    login_max_failures_address: int = 30

    pull_max_limit: int = 20000
    pull_max_wait_s: float = 30.0
    # Fallback re-check while long-polling, in case a wake-up was missed (other processes
    # on SQLite, a dropped LISTEN connection): keeps the answer within a second of a commit.
    pull_recheck_s: float = 0.5
    push_max_commands: int = 500
    # Idle keep-alive connections are kept this long (uvicorn's default is 5 s).
    keep_alive_s: int = 75
    # Answers on one connection before it is closed, so desks spread over the workers
    # (`central.api.spread`); 0 keeps connections open.
    connection_answers: int = 100
    # Requests a process works on at once (the others wait their turn).
    worker_threads: int = 4

    photo_max_bytes: int = 500_000
    licence_max_bytes: int = 300_000
    clock_skew_warn_s: int = 300

    db_pool_size: int = 20
    db_max_overflow: int = 20
    sqlite_busy_timeout_ms: int = 15_000
    # Photo checks (CPU-bound) one process runs at once; an upload waits this long at most
    # for its turn, else it is answered 503 with Retry-After.
    photo_checks_at_once: int = 2
    photo_check_wait_s: float = 5.0
