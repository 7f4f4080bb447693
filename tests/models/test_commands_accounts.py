"""A password reset by SMS asked for at the desk, on a replica in memory: who may ask, which
check it names, what it refuses, and that nothing of the visitor's phone, document or any
password is in what it records."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from sqlalchemy import select

from desk.models.commands import COMMANDS, QUEUEABLE, CommandRefused
from desk.models.commands.accounts import sms_destination
from desk.models.schema import Account, Enterprise, Person
from tests import factories as f
from tests.models.command_steps import add_person, new_id, refused, register
from tests.models.world import World


def _account_of(world: World, enterprise_id: str) -> Account:
    account = world.session.scalar(
        select(Account).where(Account.enterprise_id == uuid.UUID(enterprise_id))
    )
    assert account is not None
    return account


def _changes(world: World) -> int:
    return len(world.session.new) + len(world.session.dirty) + len(world.session.deleted)


def test_contact_person_check_asks_the_service_for_an_sms(world: World) -> None:
    enterprise_id = register(world)
    account = _account_of(world, enterprise_id)
    world.session.flush()
    world.events.clear()
    outcome = world.as_operator(
        "reset_account_password", account_id=str(account.id), verified_as="contact_person"
    )
    assert outcome.status == "applied"
    assert outcome.details == {"sms_to": "138****8000"}  # the factories' 13800138000
    (event,) = world.events
    assert event["type"] == "password_reset"
    assert event["account_id"] == str(account.id)
    assert event["verified_as"] == "contact_person"
    assert event["verified_id"] == enterprise_id
    assert event["role"] == "operator" and event["requested_by"] and event["desk_id"]
    # Nothing written on the replica, and no phone, password or document anywhere in it.
    assert _changes(world) == 0
    assert set(event) == {
        "type", "account_id", "requested_by", "role", "desk_id", "verified_as", "verified_id"
    }
    assert "13800138000" not in json.dumps(event)


def test_registered_person_check_names_the_person(world: World) -> None:
    enterprise_id = register(world)
    person_id = add_person(world, enterprise_id)
    account = _account_of(world, enterprise_id)
    world.events.clear()
    world.as_operator(
        "reset_account_password",
        account_id=str(account.id),
        verified_as="registered_person",
        person_id=person_id,
    )
    (event,) = world.events
    assert (event["verified_as"], event["verified_id"]) == ("registered_person", person_id)
    person = world.session.get(Person, uuid.UUID(person_id))
    assert person is not None and person.doc_number not in json.dumps(event)


def test_a_person_of_another_enterprise_or_deleted_is_no_check(world: World) -> None:
    enterprise_id = register(world)
    other_person = add_person(world, register(world), seq=13)
    account = _account_of(world, enterprise_id)
    args = {"account_id": str(account.id), "verified_as": "registered_person"}
    world.events.clear()
    with refused("not_verified"):
        world.as_operator("reset_account_password", **args, person_id=other_person)
    with refused("not_verified"):
        world.as_operator("reset_account_password", **args)  # no person named
    with refused("not_verified"):
        world.as_operator("reset_account_password", **args, person_id=new_id())
    own = add_person(world, enterprise_id, seq=14)
    world.as_operator("delete_person", person_id=own)
    world.events.clear()
    with refused("not_verified"):
        world.as_operator("reset_account_password", **args, person_id=own)
    # A contact-person check names no person.
    with refused("not_verified"):
        world.as_operator(
            "reset_account_password",
            account_id=str(account.id),
            verified_as="contact_person",
            person_id=other_person,
        )
    assert world.events == []


def test_unknown_check_account_or_enterprise_is_refused(world: World) -> None:
    account = _account_of(world, register(world))
    with refused("bad_verification"):
        world.as_operator(
            "reset_account_password", account_id=str(account.id), verified_as="looked_honest"
        )
    with refused("not_found"):
        world.as_operator(
            "reset_account_password", account_id=new_id(), verified_as="contact_person"
        )
    bare = new_id()
    world.as_operator("create_account", account_id=bare, account=f.account_form("bare01"))
    with refused("no_enterprise"):
        world.as_operator("reset_account_password", account_id=bare, verified_as="contact_person")


def test_an_account_without_a_mobile_is_refused_in_both_languages(world: World) -> None:
    account_id, enterprise_id = new_id(), new_id()
    world.as_operator(
        "create_account",
        account_id=account_id,
        account=f.account_form(
            "hk0001", registration_region="hk", contact_mobile="", contact_email="a@example.hk"
        ),
    )
    world.as_operator(
        "register_enterprise",
        enterprise_id=enterprise_id,
        account_id=account_id,
        enterprise=f.enterprise_form("香港示例贸易有限公司"),
    )
    assert world.session.get(Enterprise, uuid.UUID(enterprise_id)) is not None
    world.events.clear()
    with pytest.raises(CommandRefused) as refusal:
        world.as_operator(
            "reset_account_password", account_id=account_id, verified_as="contact_person"
        )
    assert refusal.value.code == "no_mobile" and refusal.value.field == "contact_mobile"
    assert "手机号" in refusal.value.message_zh and "mobile" in refusal.value.message_en
    assert world.events == []


def test_only_operators_at_a_desk_ask_and_they_may_queue_it(world: World) -> None:
    account = _account_of(world, register(world))
    args: dict[str, Any] = {"account_id": str(account.id), "verified_as": "contact_person"}
    for ask in (world.as_host_user, world.as_admin, world.as_committee):
        with refused("not_allowed"):
            ask("reset_account_password", **args)
    assert "reset_account_password" in QUEUEABLE
    assert COMMANDS["reset_account_password"].kind == "desk"


def test_the_sms_number_is_masked_as_visitors_know_it() -> None:
    assert sms_destination("+8613812341234") == "138****1234"
    hong_kong = sms_destination("+85291234567")
    assert hong_kong.endswith("4567") and "9123" not in hong_kong
