"""Protocol properties with real desks, a real service and the fault-injecting proxy:
P2 (at most once), P3 (order, gaps), P10 (version skew), P11 (clock skew), P12 (photos)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select

from desk.models.schema import Person
from desk.sync.client import Client
from desk.sync.errors import VersionNotSupported
from desk.sync.status import desk_status
from desk.sync.tables import PENDING
from tests.sync import forms
from tests.sync.checks import assert_converged, assert_everything_answered, heal, outbox_rows
from tests.sync.harness import Desk, Fair, SkewedClock
from tests.sync.proxy import CUT, CUT_REQUEST, DUPLICATE, PASS, REFUSE, TRUNCATE, FaultProxy

DeskFactory = Callable[..., Desk]


def _walk_in_with_people(desk: Desk, tag: str, people: int) -> str:
    commands = forms.walk_in(f"id{tag}", f"测试企业{tag}有限公司")
    for name, args in commands:
        desk.record(name, **args)
    enterprise_id = commands[1][1]["enterprise_id"]
    for i in range(people):
        desk.record(
            "add_person",
            person_id=forms.new_id(),
            enterprise_id=enterprise_id,
            person=forms.person(seq=10 + i),
        )
    return enterprise_id


def _service_people(fair: Fair) -> int:
    with fair.service.db().read() as session:
        return int(session.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.mark.parametrize("fault", [CUT, DUPLICATE, TRUNCATE])
def test_p2_each_command_takes_effect_at_most_once(
    backend: str, fair: Fair, proxy: FaultProxy, desks: DeskFactory, fault: str
) -> None:
    desk = desks("p2")
    _walk_in_with_people(desk, "p2", 5)
    proxy.set_mode(fault)
    for _ in range(3):  # every answer lost or doubled: the service commits, the desk retries
        desk.engine.sync_once()
    proxy.set_mode(PASS)
    heal([desk])
    # Replays of an answered batch, straight to the service, change nothing either.
    rows = outbox_rows(desk)
    identity = desk.replica.identity()
    with Client(fair.service.url, token=identity.token) as raw:
        from desk.sync.outbox import to_push

        answer = raw.push(
            client_id=str(identity.client_id),
            desk_id=str(identity.desk_id),
            commands=[to_push(r) for r in rows],
        )
    assert [r["status"] for r in answer.data["results"]] == [r.status for r in rows]
    assert _service_people(fair) == 5
    assert assert_everything_answered(fair.service, [desk]) == len(rows) == 8
    assert proxy.counts[fault] >= 2
    assert_converged(fair.service, [desk])


def test_p3_order_is_kept_and_gaps_refused(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("p3")
    commands = [(n, a) for n, a in forms.walk_in("idp3", "顺序测试有限公司")]
    enterprise_id = commands[1][1]["enterprise_id"]
    commands += [
        (
            "add_person",
            {
                "person_id": forms.new_id(),
                "enterprise_id": enterprise_id,
                "person": forms.person(seq=20 + i),
            },
        )
        for i in range(4)
    ]
    identity = desk.replica.identity()
    body = [
        {
            "id": i + 1,
            "name": n,
            "v": 1,
            "operator_id": str(desk.operator.user_id),
            "occurred_at": "2026-09-09T08:00:00Z",
            "args": a,
        }
        for i, (n, a) in enumerate(commands)
    ]
    with Client(fair.service.url, token=identity.token) as raw:
        first = raw.push(
            client_id=str(identity.client_id), desk_id=str(identity.desk_id), commands=body[:4]
        ).data
        assert first["last_command_id"] == 4, first
        gap = raw.push(
            client_id=str(identity.client_id),
            desk_id=str(identity.desk_id),
            commands=[body[4], body[6]],
        ).data
        assert [r["id"] for r in gap["results"]] == [5]
        assert gap["last_command_id"] == 5
        assert gap["stopped"]["code"] == "gap"
        # Out of order within a batch is put in order; a later one alone is refused.
        alone = raw.push(
            client_id=str(identity.client_id), desk_id=str(identity.desk_id), commands=[body[6]]
        ).data
        assert alone["results"] == [] and alone["last_command_id"] == 5
    assert [r["status"] for r in first["results"] + gap["results"]] == ["applied"] * 5, first
    assert _service_people(fair) == 2


def test_p10_old_desk_is_refused_clearly_and_keeps_its_outbox(
    fair: Fair, desks: DeskFactory
) -> None:
    old = desks("p10old", protocol=0)
    _walk_in_with_people(old, "p10", 1)
    result = old.engine.sync_once()
    assert not result.ok and result.error == "version_not_supported"
    status = desk_status(old.replica)
    assert status["blocked"] == "version_not_supported"
    assert status["outbox"][PENDING] == 4
    with pytest.raises(VersionNotSupported) as raised:
        old.engine.client.pull(client_id=status["client_id"], cursor=0, limit=1)
    assert raised.value.details["min"] == 1
    # The same replica, updated to the current protocol, sends everything.
    old.engine.client.protocol = 1
    heal([old])
    assert assert_everything_answered(fair.service, [old]) == 4
    assert desk_status(old.replica)["blocked"] is None


def test_p11_clock_two_hours_off_keeps_order_and_warns(fair: Fair, desks: DeskFactory) -> None:
    desk = desks("p11", clock=SkewedClock(timedelta(hours=2)))
    enterprise_id = _walk_in_with_people(desk, "p11", 0)
    person_id = forms.new_id()
    desk.record(
        "add_person",
        person_id=person_id,
        enterprise_id=enterprise_id,
        person=forms.person("李一", seq=31),
    )
    # Later edits win by command order, whatever the desk clock says.
    desk.record("edit_person", person_id=person_id, person=forms.person("李二", seq=31))
    desk.record("edit_person", person_id=person_id, person=forms.person("李三", seq=31))
    heal([desk])
    with fair.service.db().read() as session:
        assert session.get(Person, forms.uid(person_id)).name == "李三"
    status = desk_status(desk.replica)
    assert status["clock_warning"] is True
    assert 7000 < status["clock_skew_s"] < 7400
    assert_converged(fair.service, [desk])


def test_p12_photos_arrive_intact(
    backend: str,
    fair: Fair,
    proxy: FaultProxy,
    desks: DeskFactory,
    good_photo: bytes,
    bad_photo: bytes,
) -> None:
    from desk.sync import photos

    desk = desks("p12")
    digest = photos.store(desk.replica, good_photo, "badge")
    identity = desk.replica.identity()
    enterprise_id = _walk_in_with_people(desk, "p12", 0)
    person_id = forms.new_id()
    desk.record(
        "add_person",
        person_id=person_id,
        enterprise_id=enterprise_id,
        person=forms.person(seq=41),
        photo_sha256=digest,
    )
    # An upload cut half way stores nothing under the hash.
    proxy.set_mode(CUT_REQUEST)
    assert not desk.engine.sync_once().ok
    with Client(fair.service.url, token=identity.token) as raw:
        assert raw.head_blob(digest) is None
        # Wrong bytes for the hash are refused.
        wrong = requests.put(
            f"{fair.service.url}/blobs/{digest}?kind=badge",
            data=bad_photo,
            headers={"X-Desk-Token": identity.token or ""},
            timeout=10,
        )
        assert wrong.status_code == 400 and wrong.json()["error"] == "hash_mismatch"
    proxy.set_mode(PASS)
    heal([desk])
    assert assert_everything_answered(fair.service, [desk]) == 4
    with Client(fair.service.url, token=identity.token) as raw:
        assert hashlib.sha256(raw.get_blob(digest)).hexdigest() == digest
        assert raw.head_blob(digest) == "accepted"
    with fair.service.db().read() as session:
        assert session.get(Person, forms.uid(person_id)).photo_sha256 == digest
    # A command ahead of its photo is a temporary failure: nothing advances.
    missing = hashlib.sha256(bad_photo).hexdigest()
    with Client(fair.service.url, token=identity.token) as raw:
        ahead = raw.push(
            client_id=forms.new_id(),
            desk_id=str(identity.desk_id),
            commands=[
                {
                    "id": 1,
                    "name": "add_person",
                    "operator_id": str(desk.operator.user_id),
                    "occurred_at": "2026-09-09T08:00:00Z",
                    "args": {
                        "person_id": forms.new_id(),
                        "enterprise_id": enterprise_id,
                        "person": forms.person(seq=42),
                        "photo_sha256": missing,
                    },
                }
            ],
        ).data
    assert ahead["last_command_id"] == 0 and ahead["results"] == []
    assert ahead["stopped"]["code"] == "photo_not_uploaded"
    # A photo the service refuses: the command naming it comes back rejected, for retake.
    refused = photos.store(desk.replica, bad_photo, "badge")
    other = forms.new_id()
    desk.record(
        "add_person",
        person_id=other,
        enterprise_id=enterprise_id,
        person=forms.person(seq=43),
        photo_sha256=refused,
    )
    heal([desk])
    last = outbox_rows(desk)[-1]
    assert last.status == "rejected" and last.result["code"] == "photo_refused"
    assert_converged(fair.service, [desk])


def test_offline_desk_keeps_working_and_catches_up(
    fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    desk = desks("offline")
    proxy.set_mode(REFUSE)
    _walk_in_with_people(desk, "off", 3)
    for _ in range(3):
        assert not desk.engine.sync_once().ok
    assert desk.engine.link.state == "offline"
    assert desk_status(desk.replica)["outbox"][PENDING] == 6
    proxy.set_mode(PASS)
    heal([desk])
    assert desk.engine.link.state == "online"
    assert_everything_answered(fair.service, [desk])
    assert_converged(fair.service, [desk])
