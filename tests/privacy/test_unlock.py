"""Opening the encrypted replica: key slots for offline sign-in, the escrow key for an
operator new to the desk (or with a reset password), and what a revoked desk still allows."""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, update

from central.core import security
from central.db.tables import User
from central.services import accounts, escrow
from desk.sync import cipher, operators
from desk.sync.client import Client
from desk.sync.errors import LoginRefused, ReplicaLocked
from desk.sync.replica import Replica, open_replica
from tests.sync.harness import PASSWORD, Desk, Fair

DeskFactory = Callable[..., Desk]
NOWHERE = "http://127.0.0.1:9"


def _restart(desk: Desk) -> Replica:
    """The desk's process ends and starts again: the file is there, no key in memory."""
    path = desk.replica.path
    desk.close()
    cipher.forget(path)
    replica = open_replica(path)
    assert replica.locked
    return replica


def _set_password(fair: Fair, username: str, password: str) -> None:
    with fair.service.db().write() as session:
        session.execute(
            update(User)
            .where(User.username == username)
            .values(password_hash=security.hash_password(password))
        )


def test_a_locked_replica_says_whom_to_ask_and_nothing_else(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("lk1", url=fair.service.url)
    desk_id = desk.replica.identity().desk_id
    replica = _restart(desk)
    identity = replica.identity()
    assert identity.desk_id == desk_id and identity.service_url == fair.service.url
    assert identity.token is None
    with pytest.raises(ReplicaLocked) as refused:
        with replica.read():
            pass
    assert refused.value.code == "locked"
    with pytest.raises(ReplicaLocked):
        replica.unlock(cipher.new_key())
    assert replica.locked
    replica.close()


def test_offline_sign_in_opens_with_the_operators_slot_only(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("lk2", url=fair.service.url)
    username = desk.operator.username
    replica = _restart(desk)
    with pytest.raises(LoginRefused) as wrong:
        operators.login(replica, Client(NOWHERE), username, "not-the-password")
    assert wrong.value.code == "bad_credentials" and replica.locked
    with pytest.raises(LoginRefused) as unknown:
        operators.login(replica, Client(NOWHERE), "op_elsewhere", PASSWORD)
    assert unknown.value.code == "offline_unknown" and replica.locked
    operator = operators.login(replica, Client(NOWHERE), username, PASSWORD)
    assert not operator.online and not replica.locked
    assert replica.identity().token  # the device token was inside, now readable
    replica.close()


def test_an_operator_new_to_the_desk_opens_it_through_the_service(
    fair: Fair, desks: DeskFactory
) -> None:
    desk = desks("lk3", url=fair.service.url)
    newcomer = fair.operator("op_newcomer")
    replica = _restart(desk)
    with pytest.raises(LoginRefused):  # offline: nothing here knows this operator
        operators.login(replica, Client(NOWHERE), newcomer, PASSWORD)
    with Client(fair.service.url) as client:
        with pytest.raises(LoginRefused):
            operators.login(replica, client, newcomer, "wrong-password-9")
        assert replica.locked
        operator = operators.login(replica, client, newcomer, PASSWORD)
    assert operator.online and operator.session_token and not replica.locked
    slots = replica.keyslots()
    assert slots is not None and slots.has_user(newcomer)
    replica.close()
    cipher.forget(replica.path)
    again = open_replica(replica.path)
    assert not operators.login(again, Client(NOWHERE), newcomer, PASSWORD).online
    again.close()


def test_a_reset_password_replaces_the_slot(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("lk4", url=fair.service.url)
    username = desk.operator.username
    _set_password(fair, username, "a-new-password-1")
    replica = _restart(desk)
    with Client(fair.service.url) as client:
        # The old password opens the slot, but the service refuses it: slot dropped, locked.
        with pytest.raises(LoginRefused):
            operators.login(replica, client, username, PASSWORD)
        assert replica.locked
        slots = replica.keyslots()
        assert slots is not None and not slots.has_user(username)
        operators.login(replica, client, username, "a-new-password-1")
    replica.close()
    cipher.forget(replica.path)
    again = open_replica(replica.path)
    with pytest.raises(LoginRefused):
        operators.login(again, Client(NOWHERE), username, PASSWORD)
    operators.login(again, Client(NOWHERE), username, "a-new-password-1")
    again.close()


def test_the_service_refuses_the_escrow_key_to_others_and_to_revoked_desks(
    fair: Fair, desks: DeskFactory
) -> None:
    desk = desks("lk5", url=fair.service.url)
    username = desk.operator.username
    with fair.service.db().write() as session:
        accounts.create_user(
            session,
            username="op_otherorg",
            role="operator",
            password=PASSWORD,
            host_org=str(fair.host_id),
        )
        accounts.create_user(
            session,
            username="hostuser1",
            role="host_user",
            password=PASSWORD,
            host_org=str(fair.host_id),
        )
    newcomer = fair.operator("op_late")
    replica = _restart(desk)
    with Client(fair.service.url) as client:
        for who, code in (
            ("op_otherorg", "not_allowed_at_desk"),
            ("hostuser1", "not_allowed_at_desk"),
        ):
            with pytest.raises(LoginRefused) as refused:
                operators.login(replica, client, who, PASSWORD)
            assert refused.value.code == code and replica.locked
    with fair.service.db().write() as session:
        accounts.revoke_desk(session, "lk5")
    with Client(fair.service.url) as client:
        with pytest.raises(LoginRefused) as revoked:
            operators.login(replica, client, newcomer, PASSWORD)
        assert revoked.value.code == "desk_revoked" and replica.locked
        # An operator with a slot still gets in (offline), to export the outbox.
        operator = operators.login(replica, client, username, PASSWORD)
    assert not operator.online and not replica.locked
    replica.close()


def test_the_service_keeps_escrow_keys_sealed(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("lk6", url=fair.service.url)
    desk_id = desk.replica.identity().desk_id
    key = desk.replica.key()
    slots = desk.replica.keyslots()
    assert slots is not None
    with fair.service.db().read() as session:
        row = session.scalar(
            select(escrow.DeskEscrowKey).where(escrow.DeskEscrowKey.desk_id == desk_id)
        )
        assert row is not None
        sealed = bytes(row.sealed)
        escrow_key = escrow._unseal(escrow.master_key(fair.service.settings()), row.desk_id, sealed)
    assert escrow_key not in sealed and slots.open_escrow(escrow_key) == key
    database = Path(fair.service.db_url.removeprefix("sqlite:///"))
    for path in [database, *database.parent.glob(database.name + "-*")]:
        content = path.read_bytes()
        assert escrow_key not in content and base64.b64encode(escrow_key) not in content
    assert (
        not (fair.service.workdir / "service.log").read_bytes().count(base64.b64encode(escrow_key))
    )
