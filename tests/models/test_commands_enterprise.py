"""Commands on accounts, enterprises, invitation codes, windows and decisions, on a replica in
memory: the same code the service runs."""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desk.models.commands import COMMANDS, QUEUEABLE, CommandRefused
from desk.models.schema import (
    PENDING,
    Account,
    Enterprise,
    InvitationCode,
    Person,
)
from tests import factories as f
from tests.models.command_steps import (
    add_person,
    applied_enterprise,
    new_id,
    refused,
    register,
)
from tests.models.world import World

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
