"""Valid command arguments for sync tests, built on the shared test factories."""

from __future__ import annotations

import random
import uuid
from typing import Any

from tests.factories import account_form, enterprise_form, participation_form, person_form, uscc


def new_id() -> str:
    return str(uuid.uuid4())


def account(identifier: str) -> dict[str, Any]:
    return account_form(identifier)


def enterprise(name: str, rng: random.Random | None = None) -> dict[str, Any]:
    return enterprise_form(
        name, code=uscc(rng or random.Random(name)), interested_sectors=["finance"]
    )


def participation(code: str | None = None) -> dict[str, Any]:
    return participation_form("attendee", code=code)


def person(name: str = "张伟", seq: int = 12) -> dict[str, Any]:
    return person_form(name, seq=seq)


def walk_in(
    identifier: str, name: str, code: str | None = None
) -> list[tuple[str, dict[str, Any]]]:
    """The commands of a walk-in enterprise: account, registration, application."""
    acc, ent = new_id(), new_id()
    return [
        ("create_account", {"account_id": acc, "account": account(identifier)}),
        (
            "register_enterprise",
            {"enterprise_id": ent, "account_id": acc, "enterprise": enterprise(name)},
        ),
        ("apply_participation", {"enterprise_id": ent, "participation": participation(code)}),
    ]


def uid(value: str) -> uuid.UUID:
    return uuid.UUID(value)
