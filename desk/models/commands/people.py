"""Enterprise personnel: add, edit, delete (applicant changes)."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import Executable, bindparam, select
from sqlalchemy.orm import Session

from desk.models import review
from desk.models.commands.base import CommandRefused, Context, Outcome
from desk.models.commands.lookup import (
    as_uuid,
    canonical_enterprise,
    live,
    require,
    require_new,
    require_photo,
)
from desk.models.rules import check_person
from desk.models.schema import (
    PENDING,
    WAITING_ENTERPRISE,
    WITHDRAWN,
    BadgeRequest,
    Person,
    PersonFields,
)
from desk.models.search_keys import person_keys, reversed_key


def identity_columns(values: dict[str, Any]) -> dict[str, Any]:
    """The checked values plus the search keys that travel with the row."""
    pinyin, initials = person_keys(values["name"])
    return {
        **values,
        "name_pinyin": pinyin,
        "name_initials": initials,
        "doc_number_rev": reversed_key(values.get("doc_number")),
        "mobile_rev": reversed_key(values.get("mobile")),
    }


@functools.cache
def _clash_query(*, new: bool, username: bool) -> Executable:
    """Built once per shape: composing the expression costs more than running it."""
    taken = (Person.doc_type == bindparam("doc_type")) & (
        Person.doc_number == bindparam("doc_number")
    )
    if username:
        taken = taken | (Person.username == bindparam("username"))
    condition = (
        (Person.enterprise_id == bindparam("enterprise_id"))
        & Person.deleted.is_(False)
        & (Person.id != bindparam("person_id"))
        & taken
    )
    if new:
        condition = condition | (Person.id == bindparam("person_id"))
    return (
        select(Person.id, Person.doc_type, Person.doc_number, Person.username)
        .where(condition)
        .limit(10)
    )


def _refuse_duplicate_document(
    session: Session,
    enterprise_id: Any,
    values: dict[str, Any],
    person_id: Any,
    *,
    new: bool = False,
) -> None:
    """Refuse a second person with the same document (or username) in one enterprise; with
    `new`, also refuse an id some row (even a deleted one) has already."""
    username = values.get("username")
    params = {
        "enterprise_id": enterprise_id,
        "person_id": person_id,
        "doc_type": values["doc_type"],
        "doc_number": values["doc_number"],
        "username": username,
    }
    rows = session.execute(_clash_query(new=new, username=bool(username)), params).all()
    if new and any(row.id == person_id for row in rows):
        raise CommandRefused(
            "duplicate_id",
            "该编号已被使用",
            "A record with this id exists already",
            field="person_id",
        )
    document = (values["doc_type"], values["doc_number"])
    clash = next((r for r in rows if (r.doc_type, r.doc_number) == document), None)
    if clash is not None:
        raise CommandRefused(
            "duplicate_person",
            "本企业已登记持该证件的人员",
            "A person with this document is registered for this enterprise already",
            field="doc_number",
            details={"person_id": str(clash.id)},
        )
    if rows:
        raise CommandRefused(
            "username_taken",
            "本企业已有该用户名",
            "This username is taken in this enterprise",
            field="username",
        )


def add_person(
    session: Session,
    ctx: Context,
    *,
    person_id: str,
    enterprise_id: str,
    person: dict[str, Any],
    photo_sha256: str | None = None,
) -> Outcome:
    """Add a person to an enterprise (allowed while the enterprise is still pending)."""
    values = check_person(person).values_or_raise()
    new_id = as_uuid(person_id, "person_id")
    try:
        enterprise = canonical_enterprise(session, enterprise_id)
    except CommandRefused:
        require_new(session, Person, new_id, "person_id")  # a used id is the first refusal
        raise
    # One query answers both "is the id used" and "is the document registered already":
    # this command runs for every walk-in, thousands of times an hour on the service. An
    # optimistic run leaves both to the service's unique indexes.
    if not ctx.optimistic or values.get("username"):
        _refuse_duplicate_document(session, enterprise.id, values, new_id, new=True)
    photo = require_photo(ctx, photo_sha256, "badge") if photo_sha256 else None
    session.add(
        Person(
            id=new_id, enterprise_id=enterprise.id, photo_sha256=photo, **identity_columns(values)
        )
    )
    return Outcome()


def edit_person(
    session: Session,
    ctx: Context,
    *,
    person_id: str,
    person: dict[str, Any],
    photo_sha256: str | None = None,
) -> Outcome:
    """Edit a person. What reviewers see of a sent badge request does not change: only
    `update_badge_request` sends the new data."""
    values = check_person(person).values_or_raise()
    row = require(session, Person, person_id, "person_id")
    _refuse_duplicate_document(session, row.enterprise_id, values, row.id)
    if photo_sha256:
        row.photo_sha256 = require_photo(ctx, photo_sha256, "badge")
    for key, value in identity_columns(values).items():
        setattr(row, key, value)
    return Outcome()


def requests_of(session: Session, holder_id: Any) -> list[BadgeRequest]:
    return list(
        session.scalars(live(BadgeRequest).where(BadgeRequest.holder_id == holder_id)).all()
    )


def delete_person(session: Session, ctx: Context, *, person_id: str) -> Outcome:
    """Delete a person while no badge request of theirs is under review, approved or
    produced; a pending request is withdrawn with them."""
    row = require(session, Person, person_id, "person_id")
    requests = requests_of(session, row.id)
    if not review.person_deletable([r.status for r in requests]):
        raise CommandRefused(
            "person_locked",
            "该人员的制证申请已在审核中、已通过或已制证，不能删除",
            "This person's badge request is under review, approved or produced: cannot delete",
            field="person_id",
        )
    for request in requests:
        if request.status in (PENDING, WAITING_ENTERPRISE):
            request.status = WITHDRAWN
    row.deleted = True
    return Outcome()


def snapshot_of(row: PersonFields) -> dict[str, Any]:
    """What reviewers see of a holder: the data as sent, with the photo's hash."""
    keys = (
        "name",
        "gender",
        "nationality",
        "country",
        "doc_type",
        "doc_number",
        "mobile",
        "email",
        "photo_sha256",
        "position",
        "duty",
        "surname",
        "given_name",
        "organisation",
    )
    snap: dict[str, Any] = {k: getattr(row, k) for k in keys if hasattr(row, k)}
    birthday = getattr(row, "birthday", None)
    snap["birthday"] = birthday.isoformat() if birthday else None
    return snap


def person_form(row: Person) -> dict[str, Any]:
    """A stored person as the form the rules check, to prove the record is complete."""
    return {
        "nationality": row.nationality,
        "country": row.country,
        "name": row.name,
        "gender": row.gender,
        "doc_type": row.doc_type,
        "doc_number": row.doc_number,
        "birthday": row.birthday,
        "mobile": row.mobile,
        "email": row.email,
        "duty": row.duty,
        "position": row.position,
        "username": row.username,
        "display_name": row.display_name,
    }
