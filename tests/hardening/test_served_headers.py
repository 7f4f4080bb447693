"""The service as `fairdesk-central serve` runs it names no server software in its answers,
and still dates them (desks read the service's clock from `Date`)."""

from __future__ import annotations

from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import requests

from tests.sync.harness import Service


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Service]:
    service = Service(tmp_path / "service")
    service.db()
    service.start()
    yield service
    service.close()


def test_no_server_header_on_any_answer(served: Service) -> None:
    answers = [
        requests.get(f"{served.url}/healthz", timeout=10),
        requests.get(f"{served.url}/no/such/thing", timeout=10),
        requests.post(f"{served.url}/auth/login", json={"username": "x"}, timeout=10),
        requests.post(
            f"{served.url}/auth/login", json={"username": "x", "password": "y"}, timeout=10
        ),
    ]
    assert [a.status_code for a in answers] == [200, 404, 422, 401]
    for answer in answers:
        assert "server" not in {name.lower() for name in answer.headers}, answer.headers
        assert "uvicorn" not in str(answer.headers).lower()
        assert parsedate_to_datetime(answer.headers["date"]).tzinfo is not None


def test_serve_options_name_the_oldest_desk_and_the_installer(tmp_path: Path) -> None:
    installer = "https://it.fair.lan/fairdesk/FairDesk-9.0-setup.exe"
    service = Service(
        tmp_path / "service", serve_args=("--min-desk-version", "9.0", "--installer-url", installer)
    )
    service.db()
    service.start()
    try:
        health = requests.get(f"{service.url}/healthz", timeout=10).json()
    finally:
        service.close()
    assert health["desk_version"]["min"] == "9.0"
    assert health["installer_url"] == installer
