"""The domain commands on a replica in memory: the same code the service runs."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desk.models.commands import COMMANDS, QUEUEABLE, CommandRefused
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    WITHDRAWN,
    Account,
    Badge,
    BadgeRequest,
    Enterprise,
    Handout,
    HostOrg,
    HostStaff,
    InvitationCode,
    Person,
)
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


# Accounts and enterprises -------------------------------------------------------------


def test_walk_in_uninvited_attendee_is_reviewed_by_the_desks_host_org(world: World) -> None:
    enterprise_id = register(world)
    world.as_operator(
        "apply_participation", enterprise_id=enterprise_id, participation=f.participation_form()
    )
    row = world.session.get(Enterprise, uuid.UUID(enterprise_id))
    assert row is not None
    assert row.review_state == PENDING
    assert (
        row.reviewing_host_org_id == world.committee_id
    )  # the desk belongs to the committee's office
    assert row.name_key and row.name_pinyin.startswith("beijing")
    account = world.session.scalar(select(Account).where(Account.enterprise_id == row.id))
    assert account is not None and account.consent_terms_version == "2026-1"
    assert account.consent_at == world.now


def test_account_identifier_is_unique_across_the_fair(world: World) -> None:
    world.as_operator("create_account", account_id=new_id(), account=f.account_form("same01"))
    with refused("identifier_taken"):
        world.as_operator("create_account", account_id=new_id(), account=f.account_form("same01"))


def test_account_password_never_lands_in_the_replica(world: World) -> None:
    world.as_operator(
        "create_account",
        account_id=new_id(),
        account=f.account_form("pw0001", password="Secret123"),
    )
    columns = {c.name for c in Account.__table__.columns}
    assert not any("password" in c for c in columns)
    assert world.events[-1]["type"] == "account_created"


def test_same_name_registered_twice_becomes_an_alias(world: World) -> None:
    first = register(world, "上海某某咨询有限公司", "shmm01")
    account_id, second = new_id(), new_id()
    world.as_operator("create_account", account_id=account_id, account=f.account_form("shmm02"))
    # Full-width brackets, spaces and case do not make another enterprise.
    outcome = world.as_operator(
        "register_enterprise",
        enterprise_id=second,
        account_id=account_id,
        enterprise=f.enterprise_form(" 上海某某咨询有限公司 ", code=f.uscc(random.Random(7))),
    )
    assert outcome.status == "merged"
    assert outcome.details["canonical_id"] == first
    # Commands naming the alias act on the canonical enterprise.
    person_id = add_person(world, second)
    person = world.session.get(Person, uuid.UUID(person_id))
    assert person is not None and str(person.enterprise_id) == first


def test_same_credit_code_is_the_same_enterprise(world: World) -> None:
    code = f.uscc(random.Random(3))
    first = register(world, "甲公司", "jia001", code=code)
    account_id = new_id()
    world.as_operator("create_account", account_id=account_id, account=f.account_form("yi0001"))
    outcome = world.as_operator(
        "register_enterprise",
        enterprise_id=new_id(),
        account_id=account_id,
        enterprise=f.enterprise_form("乙公司", code=code),
    )
    assert outcome.status == "merged" and outcome.details["canonical_id"] == first
    assert outcome.details["matched_on"] == "uscc"


def test_bad_form_reports_every_failure_and_changes_nothing(world: World) -> None:
    account_id = new_id()
    world.as_operator("create_account", account_id=account_id, account=f.account_form("bad001"))
    with pytest.raises(CommandRefused) as err:
        world.as_operator(
            "register_enterprise",
            enterprise_id=new_id(),
            account_id=account_id,
            enterprise=f.enterprise_form("", uscc="91110000600037341A", introduction="太短"),
        )
    fields = {e["field"] for e in err.value.details["errors"]}
    assert {"name", "uscc", "introduction"} <= fields
    assert world.session.scalar(select(func.count()).select_from(Enterprise)) == 0


# Invitation codes and windows ----------------------------------------------------------


def test_every_exhibitor_needs_an_invitation_code(world: World) -> None:
    enterprise_id = register(world)
    with pytest.raises(CommandRefused) as err:
        world.as_operator(
            "apply_participation",
            enterprise_id=enterprise_id,
            participation=f.participation_form("exhibitor", code=None),
        )
    assert "invitation_code" in {e["field"] for e in err.value.details["errors"]}


def test_a_code_decides_the_reviewer_and_is_single_use(world: World) -> None:
    code = world.issue_code("EXPO2026AB")
    first = register(world, "甲公司", "jia001")
    world.as_operator(
        "apply_participation",
        enterprise_id=first,
        participation=f.participation_form("exhibitor", code="expo 2026ab"),
    )
    row = world.session.get(Enterprise, uuid.UUID(first))
    assert row is not None and row.reviewing_host_org_id == world.host_id
    used = world.session.scalar(select(InvitationCode).where(InvitationCode.code == code))
    assert (
        used is not None and str(used.used_by_enterprise_id) == first and used.used_at == world.now
    )

    second = register(world, "乙公司", "yi0001", code=f.uscc(random.Random(9)))
    with pytest.raises(CommandRefused) as err:
        world.as_operator(
            "apply_participation",
            enterprise_id=second,
            participation=f.participation_form("exhibitor", code=code),
        )
    assert err.value.code == "code_used"
    assert err.value.details["used_by_enterprise_id"] == first
    assert "甲公司" in err.value.message_zh
    other = world.session.get(Enterprise, uuid.UUID(second))
    assert other is not None and other.review_state is None  # kept, waiting for another code


def test_unknown_code_is_refused(world: World) -> None:
    enterprise_id = register(world)
    with refused("code_unknown"):
        world.as_operator(
            "apply_participation",
            enterprise_id=enterprise_id,
            participation=f.participation_form("attendee", code="NOSUCH1234"),
        )


def test_applications_outside_their_window_are_refused(world: World) -> None:
    world.as_admin(
        "set_registration_window",
        participation_type="attendee",
        opens_at=(world.now + timedelta(days=1)).isoformat(),
        closes_at=(world.now + timedelta(days=5)).isoformat(),
    )
    enterprise_id = register(world)
    with refused("outside_window"):
        world.as_operator(
            "apply_participation", enterprise_id=enterprise_id, participation=f.participation_form()
        )
    world.now += timedelta(days=2)
    world.as_operator(
        "apply_participation", enterprise_id=enterprise_id, participation=f.participation_form()
    )


def test_window_must_close_after_it_opens(world: World) -> None:
    with refused("bad_window"):
        world.as_admin(
            "set_registration_window",
            participation_type="attendee",
            opens_at=world.now.isoformat(),
            closes_at=(world.now - timedelta(days=1)).isoformat(),
        )


# People and badge requests -------------------------------------------------------------


def applied_enterprise(world: World, kind: str = "attendee", **participation: object) -> str:
    enterprise_id = register(world)
    code = world.issue_code() if kind == "exhibitor" else None
    world.as_operator(
        "apply_participation",
        enterprise_id=enterprise_id,
        participation=f.participation_form(kind, code=code, **participation),  # type: ignore[arg-type]
    )
    return enterprise_id


def test_person_keys_are_computed_where_the_row_is_written(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    person_id = add_person(world, enterprise_id, name="单雄信")
    person = world.session.get(Person, uuid.UUID(person_id))
    assert person is not None
    assert (person.name_pinyin, person.name_initials) == ("shanxiongxin", "sxx")
    assert person.doc_number_rev == person.doc_number[::-1]


def test_same_document_twice_in_one_enterprise_is_refused(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    add_person(world, enterprise_id, seq=12)
    with refused("duplicate_person"):
        add_person(world, enterprise_id, seq=12)


def test_badge_request_needs_a_photo_and_reports_everyone(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    good = add_person(world, enterprise_id, seq=12)
    without_photo = add_person(world, enterprise_id, seq=14, photo=False)
    with pytest.raises(CommandRefused) as err:
        request(world, [good, without_photo])
    assert err.value.code == "people_incomplete"
    assert list(err.value.details["people"]) == [without_photo]
    assert world.session.scalar(select(func.count()).select_from(BadgeRequest)) == 0


def test_refused_photo_cannot_be_attached(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    sha = "ab" * 32
    world.photos.refused.add(sha)
    with refused("photo_refused"):
        world.as_operator(
            "add_person",
            person_id=new_id(),
            enterprise_id=enterprise_id,
            person=f.person_form(),
            photo_sha256=sha,
        )


def test_request_for_pending_enterprise_waits_then_enters_review(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    people = [add_person(world, enterprise_id, seq=s) for s in (12, 14)]
    request_ids = request(world, people)
    states = {world.session.get(BadgeRequest, uuid.UUID(r)).status for r in request_ids}  # type: ignore[union-attr]
    assert states == {WAITING_ENTERPRISE}
    # Stage one of an uninvited walk-in is the desk's host organisation: the committee's office.
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    assert world.session.get(Enterprise, uuid.UUID(enterprise_id)).review_state == UNDER_REVIEW  # type: ignore[union-attr]
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    assert world.session.get(Enterprise, uuid.UUID(enterprise_id)).review_state == APPROVED  # type: ignore[union-attr]
    states = {world.session.get(BadgeRequest, uuid.UUID(r)).status for r in request_ids}  # type: ignore[union-attr]
    assert states == {PENDING}


def test_badge_type_must_suit_the_participation(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    person = add_person(world, enterprise_id)
    with refused("badge_type_not_allowed"):
        request(world, [person], badge_type="exhibitor")


def test_online_only_exhibitors_get_no_badges(world: World) -> None:
    enterprise_id = applied_enterprise(world, "exhibitor", exhibitor_type="online")
    person = add_person(world, enterprise_id)
    with refused("online_exhibitor"):
        request(world, [person], badge_type="exhibitor")


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


def test_approved_request_queues_a_collection_notice(world: World) -> None:
    _, _, request_id = approved_request(world)
    assert world.session.get(BadgeRequest, uuid.UUID(request_id)).status == APPROVED  # type: ignore[union-attr]
    assert {"type": "badge_approved", "request_id": request_id} in world.events


def test_editing_a_person_does_not_change_what_reviewers_see(world: World) -> None:
    _, person, request_id = approved_request(world)
    world.as_operator("edit_person", person_id=person, person=f.person_form(name="张伟明"))
    req = world.session.get(BadgeRequest, uuid.UUID(request_id))
    assert req is not None and req.snapshot["name"] == "张伟" and req.status == APPROVED
    world.as_operator("update_badge_request", request_id=request_id)
    assert req.snapshot["name"] == "张伟明" and req.status == PENDING


def test_update_while_under_review_is_refused(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    person = add_person(world, enterprise_id)
    (request_id,) = request(world, [person])
    world.as_committee("review_decide", target="badge_request", id=request_id, decision="approve")
    with refused("under_review"):
        world.as_operator("update_badge_request", request_id=request_id)


def test_rejected_then_resubmitted(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    with refused("reason_required"):
        world.as_committee(
            "review_decide", target="enterprise", id=enterprise_id, decision="reject"
        )
    world.as_committee(
        "review_decide",
        target="enterprise",
        id=enterprise_id,
        decision="reject",
        reason="营业执照不清晰",
    )
    row = world.session.get(Enterprise, uuid.UUID(enterprise_id))
    assert row is not None and row.review_state == REJECTED and row.rejected_stage == 1
    assert row.review_reason == "营业执照不清晰"
    world.as_operator(
        "update_enterprise", enterprise_id=enterprise_id, enterprise=f.enterprise_form()
    )
    world.as_operator("resubmit_enterprise", enterprise_id=enterprise_id)
    assert row.review_state == PENDING


def test_no_edits_under_review(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    with refused("under_review"):
        world.as_operator(
            "update_enterprise", enterprise_id=enterprise_id, enterprise=f.enterprise_form()
        )


def test_delete_person_withdraws_pending_request_but_not_past_review(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    person = add_person(world, enterprise_id)
    (request_id,) = request(world, [person])
    world.as_operator("delete_person", person_id=person)
    assert world.session.get(BadgeRequest, uuid.UUID(request_id)).status == WITHDRAWN  # type: ignore[union-attr]
    assert world.session.get(Person, uuid.UUID(person)).deleted  # type: ignore[union-attr]

    _, locked, _ = approved_request(world)
    with refused("person_locked"):
        world.as_operator("delete_person", person_id=locked)


# Decisions ------------------------------------------------------------------------------


def test_operators_never_decide(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    with refused("not_allowed"):
        world.as_operator(
            "review_decide", target="enterprise", id=enterprise_id, decision="approve"
        )


def test_host_reviewer_only_in_scope(world: World) -> None:
    code = world.issue_code()
    enterprise_id = register(world)
    world.as_operator(
        "apply_participation",
        enterprise_id=enterprise_id,
        participation=f.participation_form("attendee", code=code),
    )
    with refused("out_of_scope"):
        world.as_host_reviewer(
            "review_decide",
            org=uuid.uuid4(),
            target="enterprise",
            id=enterprise_id,
            decision="approve",
        )
    # The committee cannot take stage one of an organisation's invitee either.
    with refused("out_of_scope"):
        world.as_committee(
            "review_decide", target="enterprise", id=enterprise_id, decision="approve"
        )
    world.as_host_reviewer(
        "review_decide", target="enterprise", id=enterprise_id, decision="approve"
    )
    with refused("out_of_scope"):
        world.as_host_reviewer(
            "review_decide", target="enterprise", id=enterprise_id, decision="approve"
        )
    world.as_committee("review_decide", target="enterprise", id=enterprise_id, decision="approve")


# Printing and hand-out ------------------------------------------------------------------


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


def test_print_only_approved_and_reprint_voids_the_previous(world: World) -> None:
    enterprise_id = applied_enterprise(world)
    person = add_person(world, enterprise_id)
    (pending_request,) = request(world, [person])
    with refused("not_approved"):
        print_badge(world, pending_request, 1)

    _, _, request_id = approved_request(world)
    first = print_badge(world, request_id, 1)
    assert world.session.get(BadgeRequest, uuid.UUID(request_id)).status == PRODUCED  # type: ignore[union-attr]
    with refused("reprint_needs_reason"):
        print_badge(world, request_id, 2)
    with refused("revision_used"):
        print_badge(world, request_id, 1, reason="丢失")
    second = print_badge(world, request_id, 2, reason="证件丢失")
    assert world.session.get(Badge, uuid.UUID(first)).status == "void"  # type: ignore[union-attr]
    assert world.session.get(Badge, uuid.UUID(second)).status == "valid"  # type: ignore[union-attr]
    with refused("badge_void"):
        world.as_operator(
            "hand_out_badges",
            items=[{"handout_id": new_id(), "badge_id": first}],
            recipient="holder",
            document_checked="resident_id",
        )


def test_second_hand_out_is_stored_and_flagged(world: World) -> None:
    _, _, request_id = approved_request(world)
    badge = print_badge(world, request_id, 1)
    for _ in range(2):
        world.as_operator(
            "hand_out_badges",
            items=[{"handout_id": new_id(), "badge_id": badge}],
            recipient="holder",
            document_checked="resident_id",
        )
    rows = world.session.scalars(select(Handout).order_by(Handout.flagged)).all()
    assert [r.flagged for r in rows] == [False, True]
    distinct = world.session.scalar(select(func.count(func.distinct(Handout.badge_id))))
    assert distinct == 1
    assert world.session.get(BadgeRequest, uuid.UUID(request_id)).status == COLLECTED  # type: ignore[union-attr]


def test_batch_hand_out_to_a_collector_records_their_document(world: World) -> None:
    _, _, request_id = approved_request(world)
    badge = print_badge(world, request_id, 1)
    with pytest.raises(CommandRefused) as err:
        world.as_operator(
            "hand_out_badges",
            items=[{"handout_id": new_id(), "badge_id": badge}],
            recipient="collector",
            document_checked="resident_id",
            collector={"name": "", "doc_kind": "resident-id", "doc_number": "11010519491231002Y"},
        )
    assert {e["field"] for e in err.value.details["errors"]} == {
        "collector.name",
        "collector.doc_number",
    }
    world.as_operator(
        "hand_out_badges",
        items=[{"handout_id": new_id(), "badge_id": badge}],
        recipient="collector",
        document_checked="resident_id",
        collector={"name": "李娜", "doc_kind": "resident-id", "doc_number": "11010519491231002x"},
    )
    row = world.session.scalar(select(Handout))
    assert (
        row is not None
        and row.collector_name == "李娜"
        and row.collector_doc_number == "11010519491231002X"
    )


# Host organisations ---------------------------------------------------------------------


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


def test_host_org_must_be_approved_before_adding_staff(world: World) -> None:
    with refused("host_org_not_approved"):
        world.as_host_user(
            "add_host_staff",
            staff_id=new_id(),
            host_org_id=str(world.host_id),
            staff=staff_form(),
            photo_sha256=world.photos.add("one-inch"),
        )
    world.as_committee(
        "review_decide", target="host_org", id=str(world.host_id), decision="approve"
    )
    staff_id = new_id()
    world.as_host_user(
        "add_host_staff",
        staff_id=staff_id,
        host_org_id=str(world.host_id),
        staff=staff_form(),
        photo_sha256=world.photos.add("one-inch"),
    )
    with refused("out_of_scope"):
        world.as_host_user(
            "edit_host_staff", org=uuid.uuid4(), staff_id=staff_id, staff=staff_form()
        )
    # The committee alone reviews host staff; approval gives a delegate badge.
    with refused("out_of_scope"):
        world.as_host_reviewer(
            "review_decide", target="host_staff", id=staff_id, decision="approve"
        )
    world.as_committee("review_decide", target="host_staff", id=staff_id, decision="approve")
    assert world.session.get(HostStaff, uuid.UUID(staff_id)).review_state == APPROVED  # type: ignore[union-attr]
    badge_request = world.session.scalar(
        select(BadgeRequest).where(BadgeRequest.holder_id == uuid.UUID(staff_id))
    )
    assert badge_request is not None
    assert (badge_request.badge_type, badge_request.status) == ("delegate", APPROVED)


def test_staff_photo_must_be_one_inch(world: World) -> None:
    world.as_committee(
        "review_decide", target="host_org", id=str(world.host_id), decision="approve"
    )
    with refused("photo_refused"):
        world.as_host_user(
            "add_host_staff",
            staff_id=new_id(),
            host_org_id=str(world.host_id),
            staff=staff_form(),
            photo_sha256=world.photos.add("badge"),
        )


def test_committee_office_is_approved_from_the_start(world: World) -> None:
    office = world.session.get(HostOrg, world.committee_id)
    assert office is not None and office.review_state == APPROVED


# The registry -----------------------------------------------------------------------------


def test_unknown_command_and_bad_arguments_are_refused(world: World) -> None:
    with refused("unknown_command"):
        world.as_operator("drop_everything")
    with refused("bad_arguments"):
        world.as_operator("delete_person", person_id=new_id(), extra=1)


def test_decisions_are_never_queueable() -> None:
    assert "review_decide" not in QUEUEABLE
    assert {"add_person", "request_badges", "hand_out_badges"} <= QUEUEABLE
    assert COMMANDS["review_decide"].kind == "decision"
