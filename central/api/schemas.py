"""Request and response bodies."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class PushCommand(BaseModel):
    model_config = ConfigDict(extra="allow")

    id: int
    name: str
    v: int = 1
    operator_id: str | None = None
    occurred_at: str | None = None
    args: dict[str, Any] = Field(default_factory=dict)


class DeskReport(BaseModel):
    """What a desk says about itself on each sync, for the operations view."""

    model_config = ConfigDict(extra="allow")

    desk_time: datetime | None = None
    outbox_waiting: int | None = None
    outbox_rejected: int | None = None
    app_version: str | None = None


class PushIn(DeskReport):
    protocol: int
    schema_: int | None = Field(default=None, alias="schema")
    client_id: uuid.UUID
    desk_id: str | None = None
    commands: list[dict[str, Any]] = Field(default_factory=list)


class PullIn(DeskReport):
    protocol: int
    schema_: int | None = Field(default=None, alias="schema")
    client_id: uuid.UUID | None = None
    cursor: int = Field(default=0, ge=0)
    limit: int = Field(default=1000, ge=1)
    wait: float = Field(default=0, ge=0)
    results_after: int | None = None


class EnrollIn(BaseModel):
    code: str
    public_key: str | None = None
    name: str | None = None


class EnrollOut(BaseModel):
    desk_id: str
    desk_name: str
    token: str
    host_org_id: str | None
    protocol_min: int
    protocol_max: int


class LoginIn(BaseModel):
    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)
    desk_token: str | None = None


class UserOut(BaseModel):
    id: str
    username: str
    display_name: str
    role: str
    host_org_id: str | None


class LoginOut(BaseModel):
    token: str
    expires_at: datetime
    user: UserOut
    desk_id: str | None = None


class DecideIn(BaseModel):
    target: Literal["enterprise", "badge_request", "host_staff", "guest", "host_org"]
    id: str
    decision: Literal["approve", "reject"]
    reason: str = ""


class CommandIn(BaseModel):
    name: str
    args: dict[str, Any] = Field(default_factory=dict)


class UserCreate(BaseModel):
    username: str
    role: str
    password: str
    display_name: str = ""
    host_org: str | None = None


class DeskCreate(BaseModel):
    name: str
    host_org: str | None = None


class DeskReplace(BaseModel):
    new: str


class DeskRevoke(BaseModel):
    wipe: bool = False
