"""Enterprise accounts after registration: a new password sent by SMS at the desk.

The operator first checks the visitor against the enterprise's records (the contact person,
or one of its registered people). The command records who asked and which check was done,
by ids only: the phone or document number typed for the check never leaves the desk. The
service makes the new password, stores only its hash and seals it into the SMS; neither the
desk nor this command ever holds it.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from sqlalchemy.orm import Session

from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import as_uuid, require
from desk.models.rules import mask_phone
from desk.models.schema import Account, Enterprise, Person

Verification = Literal["contact_person", "registered_person"]
VERIFICATIONS: tuple[str, ...] = get_args(Verification)
MAINLAND_PREFIX = "+86"


def sms_destination(mobile: str) -> str:
    """The number as the visitor recognises it, masked: +8613812341234 -> 138****1234;
    other regions keep only the last digits."""
    national = mobile.removeprefix(MAINLAND_PREFIX)
    if mobile.startswith(MAINLAND_PREFIX) and len(national) == 11:
        return f"{national[:3]}****{national[-4:]}"
    return mask_phone(mobile)


def _not_verified(field: str) -> CommandRefused:
    return CommandRefused(
        "not_verified",
        "核验对象不属于该账户的企业，不能重置密码",
        "The visitor was not checked against this account's enterprise: no reset",
        field=field,
    )


def _verified_id(
    session: Session, account: Account, verified_as: str, person_id: str | None
) -> str:
    """The id of what the visitor was checked against: the enterprise (its contact person)
    or the registered person."""
    if verified_as not in VERIFICATIONS:
        raise CommandRefused(
            "bad_verification",
            "核验方式无效",
            f"The check must be one of {', '.join(VERIFICATIONS)}",
            field="verified_as",
        )
    if account.enterprise_id is None:
        raise CommandRefused(
            "no_enterprise",
            "该账户尚未登记企业信息，无法核验来访者",
            "This account has no enterprise yet: the visitor cannot be checked",
            field="account_id",
        )
    if verified_as == "contact_person":
        if person_id is not None:
            raise _not_verified("person_id")
        enterprise = require(session, Enterprise, account.enterprise_id, "account_id")
        return str(enterprise.id)
    if person_id is None:
        raise _not_verified("person_id")
    person = session.get(Person, as_uuid(person_id, "person_id"))
    if person is None or person.deleted or person.enterprise_id != account.enterprise_id:
        raise _not_verified("person_id")
    return str(person.id)


def reset_account_password(
    session: Session,
    ctx: Context,
    *,
    account_id: str,
    verified_as: str,
    person_id: str | None = None,
) -> Outcome:
    """Ask the service to send the account a new password by SMS to its contact mobile.

    Answers with the masked number the SMS goes to. Writes nothing here: the password and
    its hash exist only on the service.
    """
    account = require(session, Account, account_id, "account_id")
    verified_id = _verified_id(session, account, verified_as, person_id)
    if not account.contact_mobile:
        raise CommandRefused(
            "no_mobile",
            "该账户没有登记手机号，无法通过短信重置密码",
            "This account has no mobile number: a password reset cannot be sent by SMS",
            field="contact_mobile",
        )
    event: dict[str, Any] = {
        "type": "password_reset",
        "account_id": str(account.id),
        "requested_by": str(ctx.actor.user_id) if ctx.actor.user_id else None,
        "role": ctx.actor.role,
        "desk_id": str(ctx.actor.desk_id) if ctx.actor.desk_id else None,
        "verified_as": verified_as,
        "verified_id": verified_id,
    }
    ctx.events.append(event)
    return Outcome(details={"sms_to": sms_destination(account.contact_mobile)})
