"""The desk's logs, at DEBUG, hold no document number, phone, e-mail, name, token or photo.

The session (enroll, sign-ins, a walk-in with people and photos, sync with pull, status,
export) logged every logger at DEBUG to a file, without the redacting filter the desk's
window adds, so what is checked here is what the code itself writes.
"""

from __future__ import annotations

from tests.privacy.flow import Session
from tests.privacy.scan import leaks


def test_debug_log_and_stderr_hold_no_personal_data_or_secret(desk_session: Session) -> None:
    logs = desk_session.data_dir / "logs"
    text = (logs / "desk.log").read_text(encoding="utf-8")
    # It did log, at DEBUG, from the sync layer and the HTTP client.
    assert " DEBUG " in text and "desk.sync." in text and "urllib3" in text
    assert leaks((logs / "desk.log").read_bytes(), desk_session.secrets) == []
    assert leaks((logs / "stderr.txt").read_bytes(), desk_session.secrets) == []


def test_the_scan_would_see_a_leak(desk_session: Session) -> None:
    secrets = desk_session.secrets
    name = sorted(secrets.names)[0]
    number = sorted(secrets.numbers)[0]
    planted = f"x {name} y {number} z".encode()
    assert len(leaks(planted, secrets)) >= 2
    jpeg_like = b"\x00" * 10 + b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 10
    assert leaks(jpeg_like, secrets) == ["a JPEG header"]
