"""Steps of the command tests: a walk-in registered, people added, badges requested and
printed, as a desk does them."""

from __future__ import annotations

import random
import uuid

from desk.models.commands import CommandRefused
from tests import factories as f
from tests.models.world import World


def new_id() -> str:
    return str(uuid.uuid4())


def register(
    world: World, name: str | None = None, identifier: str | None = None, **over: object
) -> str:
    """An account and an enterprise, as a desk registers a walk-in; returns the enterprise id.
    Without a name, each call registers a different enterprise."""
    account_id, enterprise_id = new_id(), new_id()
    suffix = enterprise_id[:8]
    name = name or f"北京示例科技有限公司{suffix}"
    identifier = identifier or f"ent{suffix}"
    if "code" not in over:
        over["code"] = f.uscc(random.Random(enterprise_id))
    world.as_operator("create_account", account_id=account_id, account=f.account_form(identifier))
    world.as_operator(
        "register_enterprise",
        enterprise_id=enterprise_id,
        account_id=account_id,
        enterprise=f.enterprise_form(name, **over),  # type: ignore[arg-type]
    )
    return enterprise_id


def add_person(
    world: World, enterprise_id: str, seq: int = 12, photo: bool = True, **over: object
) -> str:
    person_id = new_id()
    world.as_operator(
        "add_person",
        person_id=person_id,
        enterprise_id=enterprise_id,
        person=f.person_form(seq=seq, **over),  # type: ignore[arg-type]
        photo_sha256=world.photos.add("badge") if photo else None,
    )
    return person_id


def request(world: World, person_ids: list[str], badge_type: str = "delegate") -> list[str]:
    ids = [new_id() for _ in person_ids]
    world.as_operator(
        "request_badges",
        batch_id=new_id(),
        badge_type=badge_type,
        items=[{"request_id": r, "person_id": p} for r, p in zip(ids, person_ids, strict=True)],
    )
    return ids


def approve_both_stages(
    world: World, target: str, row_id: str, org: uuid.UUID | None = None
) -> None:
    world.as_host_reviewer("review_decide", org=org, target=target, id=row_id, decision="approve")
    world.as_committee("review_decide", target=target, id=row_id, decision="approve")


def refused(code: str):  # type: ignore[no-untyped-def]
    class _Refused:
        def __enter__(self) -> None:
            return None

        def __exit__(self, exc_type, exc, tb) -> bool:  # type: ignore[no-untyped-def]
            assert exc_type is CommandRefused, f"expected a refusal {code!r}, got {exc_type}"
            assert exc.code == code, f"expected {code!r}, got {exc.code!r}: {exc.message_en}"
            return True

    return _Refused()


def applied_enterprise(world: World, kind: str = "attendee", **participation: object) -> str:
    enterprise_id = register(world)
    code = world.issue_code() if kind == "exhibitor" else None
    world.as_operator(
        "apply_participation",
        enterprise_id=enterprise_id,
        participation=f.participation_form(kind, code=code, **participation),  # type: ignore[arg-type]
    )
    return enterprise_id


def approved_request(world: World) -> tuple[str, str, str]:
    """(enterprise, person, request), the request approved in both stages."""
    enterprise_id = applied_enterprise(world)
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    person = add_person(world, enterprise_id)
    (request_id,) = request(world, [person])
    world.as_committee("review_decide", target="badge_request", id=request_id, decision="approve")
    world.as_committee("review_decide", target="badge_request", id=request_id, decision="approve")
    return enterprise_id, person, request_id


def print_badge(world: World, request_id: str, counter: int, reason: str = "") -> str:
    badge_id = new_id()
    world.as_operator(
        "record_badge_printed",
        badge_id=badge_id,
        request_id=request_id,
        code=f"B{counter:09d}",
        revision_desk=str(world.desk_id),
        revision_counter=counter,
        reprint_reason=reason,
    )
    return badge_id


def staff_form() -> dict[str, object]:
    form = f.person_form(seq=30)
    return {
        "surname": "刘",
        "given_name": "洋",
        "gender": form["gender"],
        "nationality": "mainland",
        "doc_type": "resident_id",
        "doc_number": form["doc_number"],
        "mobile": "13600136000",
        "email": "liu@example.cn",
        "position": "staff",
    }
