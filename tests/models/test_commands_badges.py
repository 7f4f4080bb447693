"""Commands on people, badge requests, printing, hand-out and host organisations, on a
replica in memory: the same code the service runs."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import func, select

from desk.models.commands import CommandRefused
from desk.models.schema import (
    APPROVED,
    COLLECTED,
    PENDING,
    PRODUCED,
    REJECTED,
    UNDER_REVIEW,
    WAITING_ENTERPRISE,
    WITHDRAWN,
    Badge,
    BadgeRequest,
    Enterprise,
    Handout,
    HostOrg,
    HostStaff,
    Person,
)
from tests import factories as f
from tests.models.command_steps import (
    add_person,
    applied_enterprise,
    approved_request,
    new_id,
    print_badge,
    refused,
    request,
    staff_form,
)
from tests.models.world import World

# People and badge requests -------------------------------------------------------------


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


# Printing and hand-out ------------------------------------------------------------------


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
