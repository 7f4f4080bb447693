"""The signed QR payload: compact, readable by common scanners, and not forgeable."""

from __future__ import annotations

import base64
import uuid

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from hypothesis import given
from hypothesis import strategies as st

from desk.models.badge_token import (
    TOKEN_PREFIX,
    BadgeTokenError,
    ForgedBadgeToken,
    MalformedBadgeToken,
    Revision,
    UnknownSigningKey,
    assemble_badge_token,
    generate_private_key,
    is_current,
    key_id_for,
    parse_badge,
    private_key_bytes,
    private_key_from_bytes,
    public_key_from_text,
    public_key_text,
    sign_badge,
    verify_badge,
)


def _sign(key: Ed25519PrivateKey, kind: str = "desk", **over: object) -> str:
    args: dict[str, object] = {
        "badge_id": uuid.uuid4(),
        "revision_desk": str(uuid.uuid4()),
        "revision_counter": 1,
        "key_id": key_id_for(key, kind),  # type: ignore[arg-type]
    }
    args.update(over)
    return sign_badge(key, **args)  # type: ignore[arg-type]


def _binary(payload: str) -> bytes:
    body = payload[len(TOKEN_PREFIX) :]
    return base64.b32decode(body + "=" * (-len(body) % 8))


def _text(binary: bytes) -> str:
    return TOKEN_PREFIX + base64.b32encode(binary).decode().rstrip("=")


@pytest.mark.parametrize("kind", ["service", "desk"])
def test_a_signed_badge_verifies_with_its_key(
    kind: str,
    service_key: Ed25519PrivateKey,
    desk_key: Ed25519PrivateKey,
    public_keys: dict[str, Ed25519PublicKey],
) -> None:
    key = service_key if kind == "service" else desk_key
    badge_id, desk = uuid.uuid4(), str(uuid.uuid4())
    payload = _sign(key, kind, badge_id=badge_id, revision_desk=desk, revision_counter=4321)
    verified = verify_badge(payload, public_keys)
    assert verified.badge_id == badge_id
    assert verified.revision == Revision(desk, 4321)
    assert verified.signed_by == kind
    assert verified.key_id == key_id_for(key, kind)


def test_the_payload_fits_a_small_qr_code_that_phones_read(desk_key: Ed25519PrivateKey) -> None:
    # The largest usual token: a desk UUID and a counter of three LEB128 bytes.
    payload = _sign(desk_key, revision_counter=2**21 - 1)
    assert len(payload) <= 178
    assert set(payload) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    qr = segno.make_qr(payload, error="m")
    assert not qr.is_micro
    assert int(qr.version) <= 7 and qr.mode == "alphanumeric" and qr.error == "M"


def test_short_desk_ids_and_key_names_are_carried_as_given(desk_key: Ed25519PrivateKey) -> None:
    payload = _sign(desk_key, revision_desk="D1", key_id="service:2026-main")
    token = parse_badge(payload)
    assert token.revision == Revision("D1", 1)
    assert token.key_id == "service:2026-main" and token.signed_by == "service"
    assert len(payload) < 160


def test_every_changed_byte_is_refused(
    service_key: Ed25519PrivateKey, public_keys: dict[str, Ed25519PublicKey]
) -> None:
    payload = _sign(service_key, "service", revision_counter=300)
    binary = _binary(payload)
    for index in range(len(binary)):
        for flip in (0x01, 0x80):
            forged = bytearray(binary)
            forged[index] ^= flip
            with pytest.raises(BadgeTokenError):
                verify_badge(_text(bytes(forged)), public_keys)


def test_every_changed_character_is_refused(
    desk_key: Ed25519PrivateKey, public_keys: dict[str, Ed25519PublicKey]
) -> None:
    payload = _sign(desk_key)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for index in range(len(TOKEN_PREFIX), len(payload)):
        other = alphabet[(alphabet.index(payload[index]) + 1) % 32]
        with pytest.raises(BadgeTokenError):
            verify_badge(payload[:index] + other + payload[index + 1 :], public_keys)


def test_a_signature_from_another_key_is_forged(
    public_keys: dict[str, Ed25519PublicKey], desk_key: Ed25519PrivateKey
) -> None:
    # A stolen key id is no help without its private key.
    impostor = generate_private_key()
    payload = _sign(impostor, key_id=key_id_for(desk_key, "desk"))
    with pytest.raises(ForgedBadgeToken) as err:
        verify_badge(payload, public_keys)
    assert err.value.code == "bad_signature"


def test_an_unknown_key_is_refused(public_keys: dict[str, Ed25519PublicKey]) -> None:
    with pytest.raises(UnknownSigningKey) as err:
        verify_badge(_sign(generate_private_key()), public_keys)
    assert err.value.code == "unknown_key"


@pytest.mark.parametrize(
    "mangle",
    [
        lambda p: "",
        lambda p: TOKEN_PREFIX,
        lambda p: "XY" + p[2:],
        lambda p: p.lower(),
        lambda p: p + "=",
        lambda p: p + "A",
        lambda p: p[:-8],
        lambda p: p[:40],
        lambda p: p + "AAAAAAAA",
        lambda p: p.replace("A", "1"),
        lambda p: _text(b"\x02" + _binary(p)[1:]),
        lambda p: "https://example.com/badge",
    ],
)
def test_malformed_payloads_are_refused(
    mangle: object, desk_key: Ed25519PrivateKey, public_keys: dict[str, Ed25519PublicKey]
) -> None:
    payload = _sign(desk_key)
    bad = mangle(payload)  # type: ignore[operator]
    assert bad != payload
    with pytest.raises(BadgeTokenError):
        verify_badge(bad, public_keys)


def test_scanner_whitespace_is_tolerated(
    desk_key: Ed25519PrivateKey, public_keys: dict[str, Ed25519PublicKey]
) -> None:
    payload = _sign(desk_key)
    assert verify_badge(f"  {payload}\r\n", public_keys).revision.counter == 1


def test_a_voided_revision_is_told_apart_from_a_forged_one(
    desk_key: Ed25519PrivateKey, public_keys: dict[str, Ed25519PublicKey]
) -> None:
    badge, desk = uuid.uuid4(), str(uuid.uuid4())
    first = verify_badge(_sign(desk_key, badge_id=badge, revision_desk=desk), public_keys)
    # Reprinted (lost badge): a new revision; the service marks the first one void.
    second = verify_badge(
        _sign(desk_key, badge_id=badge, revision_desk=desk, revision_counter=2), public_keys
    )
    current = Revision(desk, 2)
    assert is_current(second, current)
    assert not is_current(first, current)  # genuine signature, void revision
    assert is_current(second, (desk.upper(), 2))  # the same desk however its id is spelt
    assert not is_current(second, None)
    # Another desk's revision with the same counter is another revision.
    assert not is_current(second, Revision(str(uuid.uuid4()), 2))


def test_a_stored_badge_row_gives_back_its_payload(desk_key: Ed25519PrivateKey) -> None:
    payload = _sign(desk_key, revision_counter=77)
    token = parse_badge(payload)
    again = assemble_badge_token(
        badge_id=str(token.badge_id),
        revision_desk=token.revision.desk,
        revision_counter=token.revision.counter,
        key_id=token.key_id,
        signature=token.signature_text,
    )
    assert again == payload
    with pytest.raises(MalformedBadgeToken):
        assemble_badge_token(
            badge_id=token.badge_id,
            revision_desk=token.revision.desk,
            revision_counter=77,
            key_id=token.key_id,
            signature="not-a-signature",
        )


def test_keys_serialise_and_have_stable_ids() -> None:
    key = generate_private_key()
    again = private_key_from_bytes(private_key_bytes(key))
    assert public_key_text(again) == public_key_text(key)
    public = public_key_from_text(public_key_text(key))
    assert key_id_for(public, "desk") == key_id_for(key, "desk")
    assert key_id_for(key, "desk").startswith("desk:") and len(key_id_for(key, "desk")) == 21
    assert key_id_for(generate_private_key(), "desk") != key_id_for(key, "desk")
    with pytest.raises(ValueError):
        public_key_from_text("not base64!")
    with pytest.raises(ValueError):
        key_id_for(key, "gate")  # type: ignore[arg-type]


@pytest.mark.parametrize("key_id", ["", "desk", "desk:", "gate:1", "service:" + "x" * 64])
def test_signing_refuses_bad_key_ids(key_id: str, desk_key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError):
        _sign(desk_key, key_id=key_id)


@pytest.mark.parametrize("counter", [0, -1, 2**32])
def test_signing_refuses_counters_out_of_range(counter: int, desk_key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError):
        _sign(desk_key, revision_counter=counter)


@given(
    desk=st.one_of(
        st.uuids().map(str),
        st.binary(min_size=1, max_size=20).map(bytes.hex),
        st.text(min_size=1, max_size=20).filter(lambda t: len(t.encode()) <= 63),
    ),
    counter=st.integers(min_value=1, max_value=2**32 - 1),
)
def test_any_desk_id_and_counter_round_trip(desk: str, counter: int) -> None:
    key = _ROUND_TRIP_KEY
    payload = _sign(key, revision_desk=desk, revision_counter=counter)
    verified = verify_badge(payload, {key_id_for(key, "desk"): key.public_key()})
    assert verified.revision.counter == counter
    assert is_current(verified, Revision(desk, counter))


_ROUND_TRIP_KEY = generate_private_key()
