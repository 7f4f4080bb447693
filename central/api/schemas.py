"""Request and response bodies.

Every request body refuses fields it does not declare: a misspelt field is an error the
caller hears about, not a value silently dropped, and nothing unexpected reaches the services.
Lengths are bounded generously; the domain rules still judge the values.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

STRICT = ConfigDict(extra="forbid")

# A name, username or id as the service stores them; reasons and display names are longer.
Short = Annotated[str, Field(max_length=200)]


class PushCommand(BaseModel):
    """The envelope of one pushed command. `args` stays free: the command's own rules judge
    it, and a bad argument is that command's refusal, not the whole batch's."""

    model_config = STRICT

    id: int = Field(strict=True)
    name: str = Field(max_length=64)
    v: int = Field(default=1, strict=True, ge=1)
    operator_id: str | None = Field(default=None, max_length=64)
    occurred_at: str | None = Field(default=None, max_length=64)
    args: dict[str, Any] = Field(default_factory=dict)


def _as_sent(command: PushCommand) -> dict[str, Any]:
    # The push service works on the envelope as the desk sent it, without filled-in defaults.
    return command.model_dump(exclude_unset=True)


CheckedCommand = Annotated[PushCommand, AfterValidator(_as_sent)]


class DeskReport(BaseModel):
    """What a desk says about itself on each sync, for the operations view."""

    model_config = STRICT

    desk_time: datetime | None = None
    outbox_waiting: int | None = Field(default=None, ge=0)
    outbox_rejected: int | None = Field(default=None, ge=0)
    app_version: str | None = Field(default=None, max_length=40)


class SyncIn(DeskReport):
    """What every push and pull opens with: the protocol and schema the desk speaks, and
    the desk's own version (`desk_version`; older desks said it only as `app_version`)."""

    protocol: int
    schema_: int | None = Field(default=None, alias="schema")
    desk_version: str | None = Field(default=None, max_length=40)


class PushIn(SyncIn):
    client_id: uuid.UUID
    desk_id: str | None = Field(default=None, max_length=64)
    # Checked envelope by envelope, then handed on as plain dicts (what the service reads).
    if TYPE_CHECKING:
        commands: list[dict[str, Any]]
    else:
        commands: list[CheckedCommand] = Field(default_factory=list)


class PullIn(SyncIn):
    client_id: uuid.UUID | None = None
    cursor: int = Field(default=0, ge=0)
    limit: int = Field(default=1000, ge=1)
    wait: float = Field(default=0, ge=0)
    results_after: int | None = None


class EnrollIn(BaseModel):
    model_config = STRICT

    code: str = Field(max_length=40)
    public_key: str | None = Field(default=None, max_length=100)
    name: str | None = Field(default=None, max_length=80)


class EnrollOut(BaseModel):
    desk_id: str
    desk_name: str
    token: str
    host_org_id: str | None
    protocol_min: int
    protocol_max: int


class LoginIn(BaseModel):
    model_config = STRICT

    username: str = Field(min_length=1, max_length=64)
    password: str = Field(min_length=1, max_length=200)
    desk_token: str | None = Field(default=None, max_length=200)


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
    model_config = STRICT

    target: Literal["enterprise", "badge_request", "host_staff", "guest", "host_org"]
    id: str = Field(max_length=64)
    decision: Literal["approve", "reject"]
    reason: str = Field(default="", max_length=2000)


class CommandIn(BaseModel):
    """A command run online with the caller's session; `args` is judged by the command."""

    model_config = STRICT

    name: str = Field(max_length=64)
    args: dict[str, Any] = Field(default_factory=dict)


class UserCreate(BaseModel):
    model_config = STRICT

    username: Short
    role: Short
    password: str = Field(max_length=200)
    display_name: Short = ""
    host_org: Short | None = None


class DeskCreate(BaseModel):
    model_config = STRICT

    name: Short
    host_org: Short | None = None


class DeskReplace(BaseModel):
    model_config = STRICT

    new: Short


class DeskRevoke(BaseModel):
    model_config = STRICT

    wipe: bool = Field(default=False, strict=True)


class ErrorOut(BaseModel):
    """Every refusal: a stable code the clients switch on, a sentence, and per-error extras
    (limits, failed fields, the accepted version range, a request id)."""

    model_config = ConfigDict(extra="allow")

    error: str
    message: str = ""


ERROR_TEXT = {
    400: "Malformed request (bad JSON, bad hash, bytes not matching their hash)",
    401: "No valid token or session, or wrong credentials",
    403: "Not allowed for this account or desk, or the desk is revoked",
    404: "No such thing",
    409: "Refused by the rules, or a protocol or desk version the service does not accept",
    413: "Body or batch larger than the service accepts",
    422: "A field is missing, unknown or malformed",
    429: "Too many failed attempts: wait and try again",
    500: "Internal error: a fixed body with a request id",
    503: "Temporarily unavailable: try again",
}


def errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of a route: the refusals it really gives, all shaped as `ErrorOut`."""
    return {code: {"model": ErrorOut, "description": ERROR_TEXT[code]} for code in codes}
