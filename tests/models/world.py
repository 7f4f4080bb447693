"""A fair in a replica in memory, and commands run as each role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from desk.models.commands import Actor, Context, Outcome, run_command
from desk.models.commands.base import (
    ADMIN,
    COMMITTEE_REVIEWER,
    HOST_REVIEWER,
    HOST_USER,
    OPERATOR,
    PhotoStatus,
)

NOW = datetime(2026, 9, 9, 8, 0, tzinfo=UTC)


@dataclass
class StoredPhotos:
    """Photos by hash with the kinds they passed: the replica's photo store, in memory."""

    accepted: dict[str, set[str]] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)

    def photo_status(self, sha256: str, kind: str) -> PhotoStatus:
        if sha256 in self.refused:
            return "refused"
        kinds = self.accepted.get(sha256)
        if kinds is None:
            return "missing"
        return "accepted" if kind in kinds else "refused"

    def add(self, kind: str = "badge") -> str:
        sha = uuid.uuid4().hex * 2
        self.accepted.setdefault(sha, set()).add(kind)
        return sha


@dataclass
class World:
    """A fair in a replica: the committee's office, one host organisation, and helpers to
    run commands as each role."""

    session: Session
    photos: StoredPhotos
    committee_id: uuid.UUID
    host_id: uuid.UUID
    desk_id: uuid.UUID = field(default_factory=uuid.uuid4)
    now: datetime = NOW
    events: list[dict[str, Any]] = field(default_factory=list)

    def actor(self, role: str, host_org_id: uuid.UUID | None = None) -> Actor:
        return Actor(role=role, user_id=uuid.uuid4(), desk_id=self.desk_id, host_org_id=host_org_id)

    def run(self, actor: Actor, name: str, /, **args: Any) -> Outcome:
        ctx = Context(actor=actor, now=self.now, side="desk", photos=self.photos)
        outcome = run_command(self.session, ctx, name, args)
        self.events.extend(ctx.events)
        return outcome

    def as_operator(self, name: str, /, **args: Any) -> Outcome:
        return self.run(self.actor(OPERATOR, self.committee_id), name, **args)

    def as_admin(self, name: str, /, **args: Any) -> Outcome:
        return self.run(self.actor(ADMIN), name, **args)

    def as_host_reviewer(self, name: str, /, org: uuid.UUID | None = None, **args: Any) -> Outcome:
        return self.run(self.actor(HOST_REVIEWER, org or self.host_id), name, **args)

    def as_committee(self, name: str, /, **args: Any) -> Outcome:
        return self.run(self.actor(COMMITTEE_REVIEWER, self.committee_id), name, **args)

    def as_host_user(self, name: str, /, org: uuid.UUID | None = None, **args: Any) -> Outcome:
        return self.run(self.actor(HOST_USER, org or self.host_id), name, **args)

    def issue_code(self, code: str = "INVITE0001", org: uuid.UUID | None = None) -> str:
        self.as_admin(
            "issue_invitation_codes",
            host_org_id=str(org or self.host_id),
            codes=[{"id": str(uuid.uuid4()), "code": code}],
        )
        return code
