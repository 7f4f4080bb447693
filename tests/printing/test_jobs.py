"""What a badge shows and the command a print records, from the schema rows (no Qt)."""

from __future__ import annotations

import uuid

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import select

from desk.models.badge_token import is_current, verify_badge
from desk.models.commands import CommandRefused
from desk.models.schema import PENDING, Badge, BadgeRequest, Person
from desk.printing.content import BadgeDataError, badge_view, latin_name
from desk.printing.jobs import KeySigner, current_badge, prepare_print
from desk.printing.revisions import RevisionAllocator
from tests.printing.fair import Fair


@pytest.mark.parametrize(
    ("name", "latin"),
    [
        ("张伟", "ZHANG Wei"),
        ("欧阳晓明", "OUYANG Xiaoming"),
        ("单雄信", "SHAN Xiongxin"),
        ("吕娜", "LYU Na"),
        ("阿依古丽·买买提", "Ayiguli Maimaiti"),
        ("Eileen Collins", ""),
        ("Grace Hopper", ""),
    ],
)
def test_the_latin_line_of_a_name(name: str, latin: str) -> None:
    assert latin_name(name) == latin


def test_a_badge_shows_the_holder_as_approved(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner
) -> None:
    request_id = fair.request(name="张伟", badge_type="exhibitor", photo="obama")
    # Edited after the request: the badge still shows what reviewers approved.
    request = fair.session.get(BadgeRequest, request_id)
    assert request is not None
    person = fair.session.get(Person, request.holder_id)
    assert person is not None
    person.name = "张三"
    person.photo_sha256 = fair.photo("biden")
    job = prepare_print(
        fair.session, request_id, allocator=allocator, signer=desk_signer, photos=fair.load_photo
    )
    view = job.view
    assert (view.name, view.name_latin) == ("张伟", "ZHANG Wei")
    assert view.organisation == "北京示例科技有限公司"
    assert (view.type_zh, view.type_en) == ("参展商", "Exhibitor")
    assert view.photo == fair.photos[request.snapshot["photo_sha256"]]
    assert view.code.startswith("E") and view.code.endswith("-000001")
    assert not job.reprint


def test_host_staff_and_guests_show_their_organisation(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner
) -> None:
    staff = fair.request(name="李娜", kind="host_staff")
    guest = fair.request(name="Grace Hopper", kind="guest", organisation="US Navy")
    host_guest = fair.request(name="王芳", kind="guest")
    views = [
        prepare_print(fair.session, r, allocator=allocator, signer=desk_signer).view
        for r in (staff, guest, host_guest)
    ]
    assert [v.organisation for v in views] == ["北京市商务局", "US Navy", "北京市商务局"]
    assert views[1].name_latin == "" and views[1].photo is None  # no photo source given


def test_printing_records_a_revision_and_a_reprint_needs_a_reason(
    fair: Fair,
    allocator: RevisionAllocator,
    desk_signer: KeySigner,
    public_keys: dict[str, Ed25519PublicKey],
) -> None:
    request_id = fair.request(badge_type="buyer")
    first = prepare_print(fair.session, request_id, allocator=allocator, signer=desk_signer)
    args = first.command_args("ignored on a first print")
    assert args["reprint_reason"] == ""
    assert args["signing_key_id"] == desk_signer.key_id
    fair.run("record_badge_printed", args)
    stored = current_badge(fair.session, request_id)
    assert stored is not None and stored.id == first.badge_id

    second = prepare_print(fair.session, request_id, allocator=allocator, signer=desk_signer)
    assert second.reprint and second.revision.counter == 2
    with pytest.raises(CommandRefused) as err:
        fair.run("record_badge_printed", second.command_args(""))
    assert err.value.code == "reprint_needs_reason"
    fair.run("record_badge_printed", second.command_args("证件丢失"))

    # At the gate: both badges carry good signatures; only the second is current.
    current = current_badge(fair.session, request_id)
    assert current is not None
    revision = (current.revision_desk, current.revision_counter)
    old = verify_badge(first.view.payload, public_keys)
    new = verify_badge(second.view.payload, public_keys)
    assert not is_current(old, revision) and is_current(new, revision)
    statuses = fair.session.scalars(select(Badge.status).order_by(Badge.revision_counter))
    assert list(statuses) == ["void", "valid"]


def test_a_stored_revision_draws_the_same_badge(
    fair: Fair, allocator: RevisionAllocator, service_signer: KeySigner
) -> None:
    request_id = fair.request(name="欧阳晓明", kind="host_staff", photo="biden")
    job = prepare_print(
        fair.session,
        request_id,
        allocator=allocator,
        signer=service_signer,
        photos=fair.load_photo,
    )
    fair.run("record_badge_printed", job.command_args())
    again = badge_view(fair.session, job.badge_id, photos=fair.load_photo)
    assert again == job.view


def test_no_badge_before_approval(
    fair: Fair, allocator: RevisionAllocator, desk_signer: KeySigner
) -> None:
    request_id = fair.request(status=PENDING)
    with pytest.raises(BadgeDataError) as err:
        prepare_print(fair.session, request_id, allocator=allocator, signer=desk_signer)
    assert err.value.code == "not_approved"
    with pytest.raises(BadgeDataError):
        prepare_print(fair.session, uuid.uuid4(), allocator=allocator, signer=desk_signer)
    with pytest.raises(BadgeDataError):
        badge_view(fair.session, uuid.uuid4())
