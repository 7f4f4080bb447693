"""Who may sign in at a desk (and so get a key slot that opens its replica): the service and
the desk apply one rule. Operators allowed at the desk, reviewers, fair IT, and a host
organisation's account at that organisation's own desks get a slot after an online sign-in,
through either way in (the open desk's login, the locked desk's escrow unlock); anyone else is
refused with `not_allowed_at_desk` and gets no slot."""

from __future__ import annotations

import itertools
import uuid
from pathlib import Path

import pytest
import requests

from central.db.tables import Desk as DeskRow
from central.db.tables import User
from central.services import accounts, escrow
from desk.models.commands import ROLES, SERVICE
from desk.sync import cipher, operators
from desk.sync.client import Client
from desk.sync.enrollment import enroll
from desk.sync.errors import LoginRefused
from desk.sync.replica import Replica, open_replica
from tests.sync.harness import PASSWORD, Fair

NOWHERE = "http://127.0.0.1:9"


def _user(fair: Fair, username: str, role: str, host_org: uuid.UUID | None) -> str:
    with fair.service.db().write() as session:
        accounts.create_user(
            session,
            username=username,
            role=role,
            password=PASSWORD,
            host_org=str(host_org) if host_org else None,
        )
    return username


def _host_desk(fair: Fair, path: Path) -> Replica:
    """A desk enrolled for the host organisation (not the committee's office)."""
    with fair.service.db().write() as session:
        _desk, code = accounts.new_enrollment(
            session, fair.service.settings(), name="host-desk", host_org=str(fair.host_id)
        )
    replica = open_replica(path)
    enroll(replica, fair.service.url, code)
    return replica


def _restart(replica: Replica) -> Replica:
    path = replica.path
    replica.close()
    cipher.forget(path)
    again = open_replica(path)
    assert again.locked
    return again


def _has_slot(replica: Replica, username: str) -> bool:
    slots = replica.keyslots()
    return slots is not None and slots.has_user(username)


def test_every_role_allowed_at_a_desk_gets_a_slot_and_the_others_are_refused(
    fair: Fair, tmp_path: Path
) -> None:
    other_org = fair.committee_id
    allowed = [
        _user(fair, "op_anywhere", "operator", None),
        _user(fair, "op_of_host", "operator", fair.host_id),
        "hostrev",  # the host organisation's reviewer
        "reviewer",  # the committee's
        _user(fair, "fair_it", "admin", None),
        _user(fair, "host_own", "host_user", fair.host_id),
    ]
    refused = [
        _user(fair, "op_of_other", "operator", other_org),
        _user(fair, "host_other", "host_user", other_org),
    ]
    replica = _host_desk(fair, tmp_path / "desk" / "replica.sqlite3")
    token = replica.identity().token
    with Client(fair.service.url, token=token) as client:
        for username in refused:  # the open desk: the service's /auth/login refuses
            with pytest.raises(LoginRefused) as no:
                operators.login(replica, client, username, PASSWORD)
            assert no.value.code == "not_allowed_at_desk", username
            assert not _has_slot(replica, username)
    replica = _restart(replica)
    with Client(fair.service.url) as client:
        for username in refused:  # the locked desk: the escrow unlock refuses
            with pytest.raises(LoginRefused) as no:
                operators.login(replica, client, username, PASSWORD)
            assert no.value.code == "not_allowed_at_desk", username
            assert replica.locked and not _has_slot(replica, username)
    for username in allowed:
        with Client(fair.service.url) as client:
            operator = operators.login(replica, client, username, PASSWORD)  # escrow unlock
        assert operator.online and not replica.locked, username
        assert _has_slot(replica, username), username
        with Client(fair.service.url, token=token) as client:
            again = operators.login(replica, client, username, PASSWORD)  # /auth/login
        assert again.online and _has_slot(replica, username), username
        replica = _restart(replica)
        offline = operators.login(replica, Client(NOWHERE), username, PASSWORD)
        assert not offline.online and offline.role == operator.role, username
        replica = _restart(replica)
    replica.close()


def test_a_host_account_is_refused_at_another_desk_but_keeps_its_online_tools(
    fair: Fair, tmp_path: Path
) -> None:
    username = _user(fair, "host_visiting", "host_user", fair.host_id)
    # The committee office's desk (no host organisation of its own).
    with fair.service.db().write() as session:
        _desk, code = accounts.new_enrollment(session, fair.service.settings(), name="office")
    replica = open_replica(tmp_path / "office" / "replica.sqlite3")
    enroll(replica, fair.service.url, code)
    token = replica.identity().token
    body = {"username": username, "password": PASSWORD}
    at_desk = requests.post(
        f"{fair.service.url}/auth/login", json={**body, "desk_token": token}, timeout=10
    )
    assert at_desk.status_code == 403
    refusal = at_desk.json()
    assert refusal["error"] == "not_allowed_at_desk"
    assert "own organisation's desks" in refusal["message"]
    # Without a desk: the organisation's own tools, online, as before.
    assert requests.post(f"{fair.service.url}/auth/login", json=body, timeout=10).ok
    replica.close()


def test_the_desk_and_the_service_apply_one_rule() -> None:
    orgs = [None, uuid.uuid4(), uuid.uuid4()]
    checked = 0
    for role, user_org, desk_org in itertools.product(
        [*ROLES, "visitor"], orgs, orgs[:2]
    ):
        user = User(username="x", role=role, host_org_id=user_org, active=True)
        desk = DeskRow(name="d", host_org_id=desk_org)
        service_says = escrow.may_sign_in_at(user, desk)
        desk_says = operators.may_sign_in_here(role, user_org, desk_org)
        assert service_says == desk_says, (role, user_org, desk_org)
        checked += 1
        if role in (SERVICE, "visitor"):
            assert not service_says
        if role == "host_user":
            assert service_says == (user_org is not None and user_org == desk_org)
    assert checked == (len(ROLES) + 1) * 3 * 2
    inactive = User(username="x", role="admin", host_org_id=None, active=False)
    assert not escrow.may_sign_in_at(inactive, DeskRow(name="d", host_org_id=None))
