"""Domain commands: plain functions over a SQLAlchemy session.

The desk runs a command on its replica at once so the operator sees the result; the sync
module sends the command's name and arguments; the service runs the same function on the
real data and its answer is final. `run_command` is the one way in, for both.

The caller owns the transaction: the desk commits a command with its outbox row, the
service wraps each command of a push in a savepoint.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.orm import Session

from desk.models.commands import accounts, admin, badges, decisions, enterprise, host, people
from desk.models.commands.base import (
    ADMIN,
    COMMITTEE_REVIEWER,
    HOST_REVIEWER,
    HOST_USER,
    OPERATOR,
    ROLES,
    SERVICE,
    Actor,
    CommandFn,
    CommandRefused,
    Context,
    Outcome,
    PhotoLookup,
    TemporaryFailure,
)
from desk.models.rules import ValidationFailed

Kind = Literal["applicant", "desk", "host", "decision", "admin"]


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A command, what kind of change it is, and who may make it.

    `applicant` and `desk` commands may be queued offline by a desk; `decision` commands go
    only through the review endpoints with a reviewer's own session.
    """

    fn: CommandFn
    kind: Kind
    roles: frozenset[str]
    # Computed once: building a signature costs more than many a command's own work.
    signature: inspect.Signature


def _spec(fn: CommandFn, kind: Kind, *roles: str) -> CommandSpec:
    return CommandSpec(fn, kind, frozenset((*roles, SERVICE)), inspect.signature(fn))


COMMANDS: dict[str, CommandSpec] = {
    "create_account": _spec(enterprise.create_account, "applicant", OPERATOR),
    "register_enterprise": _spec(enterprise.register_enterprise, "applicant", OPERATOR),
    "apply_participation": _spec(enterprise.apply_participation, "applicant", OPERATOR),
    "update_enterprise": _spec(enterprise.update_enterprise, "applicant", OPERATOR),
    "resubmit_enterprise": _spec(enterprise.resubmit_enterprise, "applicant", OPERATOR),
    "add_person": _spec(people.add_person, "applicant", OPERATOR),
    "edit_person": _spec(people.edit_person, "applicant", OPERATOR),
    "delete_person": _spec(people.delete_person, "applicant", OPERATOR),
    "request_badges": _spec(badges.request_badges, "applicant", OPERATOR),
    "update_badge_request": _spec(badges.update_badge_request, "applicant", OPERATOR),
    "resubmit_badge_request": _spec(badges.resubmit_badge_request, "applicant", OPERATOR),
    "record_badge_printed": _spec(badges.record_badge_printed, "desk", OPERATOR),
    "hand_out_badges": _spec(badges.hand_out_badges, "desk", OPERATOR),
    "reset_account_password": _spec(accounts.reset_account_password, "desk", OPERATOR),
    "update_host_org": _spec(host.update_host_org, "host", HOST_USER),
    "add_host_staff": _spec(host.add_host_staff, "host", HOST_USER),
    "edit_host_staff": _spec(host.edit_host_staff, "host", HOST_USER),
    "add_guest": _spec(host.add_guest, "host", HOST_USER),
    "edit_guest": _spec(host.edit_guest, "host", HOST_USER),
    "review_decide": _spec(decisions.review_decide, "decision", HOST_REVIEWER, COMMITTEE_REVIEWER),
    "create_host_org": _spec(admin.create_host_org, "admin", ADMIN),
    "issue_invitation_codes": _spec(admin.issue_invitation_codes, "admin", ADMIN),
    "set_registration_window": _spec(admin.set_registration_window, "admin", ADMIN),
}

# Commands a desk may queue offline and push.
QUEUEABLE = frozenset(
    name for name, spec in COMMANDS.items() if spec.kind in ("applicant", "desk", "host")
)


def run_command(session: Session, ctx: Context, name: str, args: Mapping[str, Any]) -> Outcome:
    """Run one command for `ctx.actor`; raise `CommandRefused` or `TemporaryFailure`."""
    spec = COMMANDS.get(name)
    if spec is None:
        raise CommandRefused("unknown_command", "未知的操作", f"Unknown command {name!r}")
    if ctx.actor.role not in spec.roles:
        raise CommandRefused(
            "not_allowed",
            "您的账户无权进行此操作",
            "Your account may not do this",
            details={"command": name},
        )
    if not isinstance(args, Mapping):
        raise CommandRefused("bad_arguments", "参数无效", "Arguments must be an object")
    try:
        spec.signature.bind(session, ctx, **args)
    except TypeError as exc:
        raise CommandRefused("bad_arguments", "参数无效", f"Bad arguments: {exc}") from None
    try:
        outcome = spec.fn(session, ctx, **args)
        if not ctx.optimistic:
            session.flush()
    except ValidationFailed as failed:
        raise CommandRefused.from_errors(failed.errors) from None
    return outcome or Outcome()


__all__ = [
    "ADMIN",
    "COMMANDS",
    "COMMITTEE_REVIEWER",
    "HOST_REVIEWER",
    "HOST_USER",
    "OPERATOR",
    "QUEUEABLE",
    "ROLES",
    "SERVICE",
    "Actor",
    "CommandRefused",
    "CommandSpec",
    "Context",
    "Outcome",
    "PhotoLookup",
    "TemporaryFailure",
    "run_command",
]
