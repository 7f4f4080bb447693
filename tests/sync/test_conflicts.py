"""P6 (refusals are shown), P7 (service-only fields win), P8 (hand-outs never lost or
counted twice): two offline desks racing, then healed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from desk.models.commands import CommandRefused
from desk.models.schema import Enterprise, Handout
from desk.sync import attention, photos
from desk.sync.client import Client
from desk.sync.outbox import to_push
from tests.sync import forms
from tests.sync.checks import assert_converged, assert_everything_answered, heal, outbox_rows
from tests.sync.harness import Desk, Fair
from tests.sync.proxy import PASS, REFUSE, FaultProxy

DeskFactory = Callable[..., Desk]


def _open_items(desk: Desk) -> list[attention.Item]:
    with desk.replica.read() as session:
        return attention.open_items(session)


def test_p6_code_redeemed_at_two_offline_desks(
    backend: str, fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    code = fair.codes("SHARED0001")[0]
    a, b = desks("p6a"), desks("p6b")
    heal([a, b])  # both know the code
    proxy.set_mode(REFUSE)
    for desk, tag in ((a, "a"), (b, "b")):
        for name, args in forms.walk_in(f"p6{tag}code", f"抢码企业{tag}有限公司", code):
            desk.record(name, **args)
    proxy.set_mode(PASS)
    heal([a, b])
    applied = [r for d in (a, b) for r in outbox_rows(d) if r.name == "apply_participation"]
    assert sorted(r.status for r in applied) == ["applied", "rejected"]
    loser = b if outbox_rows(b)[-1].status == "rejected" else a
    items = _open_items(loser)
    assert len(items) == 1 and items[0].code == "code_used"
    assert items[0].args is not None and items[0].args["participation"]["invitation_code"] == code
    assert "SHARED0001" not in items[0].message_en and items[0].message_zh
    assert _open_items(a if loser is b else b) == []
    assert_everything_answered(fair.service, [a, b])
    assert_converged(fair.service, [a, b])


def test_p7_review_state_changes_only_at_the_service(
    backend: str, fair: Fair, proxy: FaultProxy, desks: DeskFactory
) -> None:
    desk = desks("p7")
    commands = forms.walk_in("p7walk", "审核测试有限公司")
    for name, args in commands:
        desk.record(name, **args)
    enterprise_id = commands[1][1]["enterprise_id"]
    heal([desk])
    with pytest.raises(CommandRefused):
        desk.record("review_decide", target="enterprise", id=enterprise_id, decision="approve")
    identity = desk.replica.identity()
    sneaky = {
        "id": 4,
        "name": "review_decide",
        "operator_id": str(desk.operator.user_id),
        "occurred_at": "2026-09-09T08:00:00Z",
        "args": {"target": "enterprise", "id": enterprise_id, "decision": "approve"},
    }
    with Client(fair.service.url, token=identity.token) as raw:
        answer = raw.push(
            client_id=forms.new_id(), desk_id=str(identity.desk_id), commands=[{**sneaky, "id": 1}]
        ).data
    assert answer["results"][0]["status"] == "rejected"
    # A reviewer approves stage one; meanwhile the offline desk edits the enterprise.
    fair.decide(fair.reviewer_token(), "enterprise", enterprise_id)
    proxy.set_mode(REFUSE)
    desk.record(
        "update_enterprise",
        enterprise_id=enterprise_id,
        enterprise=forms.enterprise("审核测试有限公司"),
    )
    proxy.set_mode(PASS)
    heal([desk])
    with fair.service.db().read() as session:
        state = session.get(Enterprise, forms.uid(enterprise_id)).review_state
    with desk.replica.read() as session:
        assert (
            session.get(Enterprise, forms.uid(enterprise_id)).review_state
            == state
            == "under_review"
        )
    items = _open_items(desk)
    assert [i.command_name for i in items] == ["update_enterprise"]  # the draft is kept
    assert to_push(outbox_rows(desk)[-1])["args"] == items[0].args
    assert_converged(fair.service, [desk])


def _approved_badge(fair: Fair, desk: Desk, good_photo: bytes) -> str:
    """A walk-in with one person whose badge is approved and printed at `desk`."""
    token = fair.reviewer_token()
    commands = forms.walk_in("p8walk", "发证测试有限公司")
    for name, args in commands:
        desk.record(name, **args)
    enterprise_id = commands[1][1]["enterprise_id"]
    digest = photos.store(desk.replica, good_photo, "badge")
    person_id, request_id, badge_id = forms.new_id(), forms.new_id(), forms.new_id()
    desk.record(
        "add_person",
        person_id=person_id,
        enterprise_id=enterprise_id,
        person=forms.person(seq=77),
        photo_sha256=digest,
    )
    heal([desk])
    fair.decide(token, "enterprise", enterprise_id)
    fair.decide(token, "enterprise", enterprise_id)
    heal([desk])
    desk.record(
        "request_badges",
        batch_id=forms.new_id(),
        badge_type="delegate",
        items=[{"person_id": person_id, "request_id": request_id}],
    )
    heal([desk])
    fair.decide(token, "badge_request", request_id)
    fair.decide(token, "badge_request", request_id)
    heal([desk])
    desk.record(
        "record_badge_printed",
        badge_id=badge_id,
        request_id=request_id,
        code="B000001",
        revision_desk=desk.name,
        revision_counter=1,
    )
    heal([desk])
    return badge_id


def test_p8_badge_handed_out_at_two_offline_desks(
    backend: str, fair: Fair, proxy: FaultProxy, desks: DeskFactory, good_photo: bytes
) -> None:
    a, b = desks("p8a"), desks("p8b")
    badge_id = _approved_badge(fair, a, good_photo)
    heal([a, b])
    proxy.set_mode(REFUSE)
    for desk in (a, b):
        desk.record(
            "hand_out_badges",
            items=[{"badge_id": badge_id, "handout_id": forms.new_id()}],
            recipient="holder",
            document_checked="resident_id",
        )
    proxy.set_mode(PASS)
    heal([a, b])
    with fair.service.db().read() as session:
        handouts = list(
            session.scalars(select(Handout).where(Handout.badge_id == forms.uid(badge_id)))
        )
        distinct = session.scalar(select(func.count(func.distinct(Handout.badge_id))))
    assert len(handouts) == 2
    assert sorted(h.flagged for h in handouts) == [False, True]
    assert distinct == 1
    assert [i.kind for i in _open_items(b)] == [attention.HANDOUT_FLAGGED]
    assert _open_items(a) == []
    assert_everything_answered(fair.service, [a, b])
    assert_converged(fair.service, [a, b])
