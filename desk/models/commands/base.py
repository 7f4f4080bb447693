"""What every domain command receives and how it answers."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal, Protocol

from desk.models.rules.errors import RuleError

# Roles of the people (and devices) commands act for.
OPERATOR = "operator"  # desk staff: applicant changes for visitors, printing, hand-out
HOST_REVIEWER = "host_reviewer"  # reviews stage one, in their host organisation's scope
COMMITTEE_REVIEWER = "committee_reviewer"  # reviews stage two and the one-stage reviews
HOST_USER = "host_user"  # a host organisation's own account: codes, staff, guests, record
ADMIN = "admin"  # fair IT: codes, windows, users, desks
SERVICE = "service"  # the service itself (seeding, maintenance)
ROLES = (OPERATOR, HOST_REVIEWER, COMMITTEE_REVIEWER, HOST_USER, ADMIN, SERVICE)

Side = Literal["desk", "service"]
PhotoStatus = Literal["accepted", "refused", "missing"]


class PhotoLookup(Protocol):
    def photo_status(self, sha256: str, kind: str) -> PhotoStatus:
        """Whether a stored photo of that hash passed the photo rules for `kind`."""
        ...


@dataclass(frozen=True, slots=True)
class Actor:
    """Who a command acts for: the signed-in person, the desk it came from, their scope."""

    role: str
    user_id: uuid.UUID | None = None
    desk_id: uuid.UUID | None = None
    # A reviewer's or host user's organisation; for an operator, the desk's host
    # organisation, which reviews the desk's uninvited walk-ins.
    host_org_id: uuid.UUID | None = None


@dataclass
class Context:
    """Everything a command may consult besides the database session."""

    actor: Actor
    now: datetime
    side: Side
    photos: PhotoLookup
    # Things to do after the transaction commits (collection notices, SMS); the service
    # delivers them through its gateway, the desk ignores them.
    events: list[dict[str, Any]] = field(default_factory=list)
    # Set by a caller that runs the command again, checked, if anything fails: the writes
    # are left for the caller to flush, and a clash that a unique index of the database
    # refuses anyway (a used id, a person's document) is not looked up first.
    optimistic: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """A command that took effect: `applied`, or `merged` into an existing row."""

    status: Literal["applied", "merged"] = "applied"
    details: dict[str, Any] = field(default_factory=dict)


class CommandRefused(Exception):
    """A permanent refusal: the command's effect is rolled back and never retried."""

    def __init__(
        self,
        code: str,
        message_zh: str,
        message_en: str,
        *,
        field: str | None = None,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.field = field
        self.details = details or {}

    @classmethod
    def from_errors(cls, errors: tuple[RuleError, ...] | list[RuleError]) -> CommandRefused:
        first = errors[0]
        return cls(
            "invalid",
            first.message_zh
            if len(errors) == 1
            else f"{len(errors)} 项填写有误：{first.message_zh}",
            first.message_en
            if len(errors) == 1
            else f"{len(errors)} fields are wrong: {first.message_en}",
            field=first.field,
            details={"errors": [e.as_dict() for e in errors]},
        )


class TemporaryFailure(Exception):
    """The command cannot run yet (a photo not uploaded, the database busy): retry later."""

    def __init__(self, code: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code


CommandFn = Callable[..., Outcome | None]
