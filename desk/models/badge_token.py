"""The signed token in a badge's QR code, and the keys that sign it.

A token names one printed revision of a badge: the badge id, the revision (desk, counter) and
who signed it. The service signs revisions printed while the desk is online; a desk signs with
its own Ed25519 key (its public half registered at enrollment) while offline. A gate holding
the public keys can tell a forged badge (the signature fails) from a voided one (the signature
holds but the revision is no longer the badge's current one: `is_current`).

Text form: ``FD`` + unpadded RFC 4648 base32 (upper case) of the binary form below. Base32's
alphabet lies inside the QR code's alphanumeric mode, which packs 5.5 bits a character, so
the usual token (a desk UUID, an 8-byte key fingerprint) is at most 178 characters: a
version 7 (45x45 modules) QR code at error level M.

Binary form, version 1::

    version        1 byte   (1)
    badge id      16 bytes  UUID
    revision desk  ref      (see `_pack_ref`)
    counter        unsigned LEB128
    key            1 byte   bit 7: signed by a desk (1) or the service (0); bits 0-6: a ref
                            header, followed by the ref's bytes
    signature     64 bytes  Ed25519 over SIGNING_CONTEXT + every byte before it
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

TOKEN_PREFIX = "FD"
FORMAT_VERSION = 1
# Domain separation: a badge signature can never be replayed as any other signed message.
SIGNING_CONTEXT = b"fair-desk badge token v1\x00"
SIGNATURE_BYTES = 64
MAX_COUNTER = 2**32 - 1

KeyKind = Literal["service", "desk"]
KEY_KINDS: tuple[KeyKind, ...] = ("service", "desk")
_DESK_KEY_BIT = 0x80

# Ref headers: 0x00 a UUID follows (16 bytes); 0x01-0x3F that many bytes of UTF-8 text;
# 0x40-0x7F (0x40 + n) n raw bytes shown as lower-case hex.
_REF_UUID = 0x00
_REF_TEXT_MAX = 0x3F
_REF_HEX = 0x40
_REF_HEX_MAX = 0x3F
_HEX_RE = re.compile(r"(?:[0-9a-f]{2})+")


class BadgeTokenError(ValueError):
    """A token that cannot be trusted. `code` is stable: the gate and the desk show it."""

    code = "bad_token"


class MalformedBadgeToken(BadgeTokenError):
    code = "malformed"


class UnknownSigningKey(BadgeTokenError):
    code = "unknown_key"


class ForgedBadgeToken(BadgeTokenError):
    code = "bad_signature"


@dataclass(frozen=True, slots=True)
class Revision:
    """One printed revision of a badge. The desk is part of it, so two desks printing offline
    never issue the same revision."""

    desk: str
    counter: int

    def normalized(self) -> Revision:
        return Revision(normalize_desk(self.desk), self.counter)


@dataclass(frozen=True, slots=True)
class BadgeToken:
    """A token's contents, parsed but not yet trusted (see `verify_badge`)."""

    badge_id: uuid.UUID
    revision: Revision
    key_id: str
    signature: bytes
    signed_part: bytes

    @property
    def signed_by(self) -> KeyKind:
        return key_kind(self.key_id)

    @property
    def signature_text(self) -> str:
        """The signature as stored with the badge row (`Badge.signature`)."""
        return encode_signature(self.signature)


@dataclass(frozen=True, slots=True)
class VerifiedBadge:
    """A token whose signature held under the key it names."""

    badge_id: uuid.UUID
    revision: Revision
    key_id: str
    signed_by: KeyKind


# Keys -----------------------------------------------------------------------------------


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def private_key_bytes(key: Ed25519PrivateKey) -> bytes:
    """The 32 raw bytes of a private key (the desk keeps them in its replica)."""
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def private_key_from_bytes(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def public_key_text(key: Ed25519PublicKey | Ed25519PrivateKey) -> str:
    """Standard base64 of the raw public key: the form a desk sends when it enrolls."""
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode()


def public_key_from_text(text: str) -> Ed25519PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("not a base64 Ed25519 public key") from exc


def key_id_for(key: Ed25519PublicKey | Ed25519PrivateKey, kind: KeyKind) -> str:
    """`kind:fingerprint`, the fingerprint the first 8 bytes of SHA-256 of the public key:
    a desk enrolled again gets a new key and so a new id, and old badges still verify."""
    if kind not in KEY_KINDS:
        raise ValueError(f"unknown key kind {kind!r}")
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    digest = hashlib.sha256(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).digest()
    return f"{kind}:{digest[:8].hex()}"


def key_kind(key_id: str) -> KeyKind:
    kind, _, rest = key_id.partition(":")
    if kind == "service" and rest:
        return "service"
    if kind == "desk" and rest:
        return "desk"
    raise ValueError(f"a key id is 'service:...' or 'desk:...', not {key_id!r}")


def encode_signature(signature: bytes) -> str:
    return base64.urlsafe_b64encode(signature).decode().rstrip("=")


def decode_signature(text: str) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedBadgeToken("the stored signature is not base64url") from exc
    if len(raw) != SIGNATURE_BYTES:
        raise MalformedBadgeToken("the stored signature has the wrong length")
    return raw


# Binary pieces ---------------------------------------------------------------------------


def normalize_desk(desk: str) -> str:
    """A desk id as tokens carry it: a UUID in its canonical form, any other id as given."""
    try:
        return str(uuid.UUID(desk))
    except ValueError:
        return desk


def _pack_ref(text: str) -> bytes:
    """The shortest form that gives `text` back exactly: UUID, hex bytes, or UTF-8 text."""
    try:
        if str(uuid.UUID(text)) == text:
            return bytes([_REF_UUID]) + uuid.UUID(text).bytes
    except ValueError:
        pass
    if _HEX_RE.fullmatch(text) and len(text) // 2 <= _REF_HEX_MAX:
        raw = bytes.fromhex(text)
        return bytes([_REF_HEX + len(raw)]) + raw
    raw = text.encode("utf-8")
    if not 1 <= len(raw) <= _REF_TEXT_MAX:
        raise ValueError(f"an id in a badge token is 1-{_REF_TEXT_MAX} bytes: {text!r}")
    return bytes([len(raw)]) + raw


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise MalformedBadgeToken("the token is cut short")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def byte(self) -> int:
        return self.take(1)[0]

    def ref(self, header: int) -> str:
        if header == _REF_UUID:
            return str(uuid.UUID(bytes=self.take(16)))
        if header <= _REF_TEXT_MAX:
            try:
                text = self.take(header).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise MalformedBadgeToken("an id in the token is not UTF-8") from exc
            if _pack_ref(text) != bytes([header]) + text.encode("utf-8"):
                raise MalformedBadgeToken("an id in the token is not in its shortest form")
            return text
        if _REF_HEX < header <= _REF_HEX + _REF_HEX_MAX:
            return self.take(header - _REF_HEX).hex()
        raise MalformedBadgeToken("an id in the token has a bad header")

    def varint(self) -> int:
        value = shift = 0
        while True:
            b = self.byte()
            if shift and b == 0:
                raise MalformedBadgeToken("the counter is not in its shortest form")
            value |= (b & 0x7F) << shift
            if not b & 0x80:
                return value
            shift += 7
            if shift > 35:
                raise MalformedBadgeToken("the counter is too long")


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low, value = value & 0x7F, value >> 7
        out.append(low | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _pack_key(key_id: str) -> bytes:
    kind, _, rest = key_id.partition(":")
    ref = _pack_ref(rest)
    flag = _DESK_KEY_BIT if key_kind(key_id) == "desk" else 0
    return bytes([ref[0] | flag]) + ref[1:]


def _signed_part(badge_id: uuid.UUID, revision: Revision, key_id: str) -> bytes:
    if not 1 <= revision.counter <= MAX_COUNTER:
        raise ValueError(f"a revision counter is 1-{MAX_COUNTER}, not {revision.counter}")
    return (
        bytes([FORMAT_VERSION])
        + badge_id.bytes
        + _pack_ref(normalize_desk(revision.desk))
        + _varint(revision.counter)
        + _pack_key(key_id)
    )


def _to_text(binary: bytes) -> str:
    return TOKEN_PREFIX + base64.b32encode(binary).decode("ascii").rstrip("=")


# Tokens ---------------------------------------------------------------------------------


def sign_badge(
    private_key: Ed25519PrivateKey,
    *,
    badge_id: uuid.UUID | str,
    revision_desk: str,
    revision_counter: int,
    key_id: str,
) -> str:
    """The QR text of one badge revision, signed with `private_key` (named by `key_id`)."""
    badge = badge_id if isinstance(badge_id, uuid.UUID) else uuid.UUID(badge_id)
    signed = _signed_part(badge, Revision(revision_desk, revision_counter), key_id)
    return _to_text(signed + private_key.sign(SIGNING_CONTEXT + signed))


def assemble_badge_token(
    *,
    badge_id: uuid.UUID | str,
    revision_desk: str,
    revision_counter: int,
    key_id: str,
    signature: str,
) -> str:
    """The QR text again from a stored badge row (its signature and key id columns)."""
    badge = badge_id if isinstance(badge_id, uuid.UUID) else uuid.UUID(badge_id)
    signed = _signed_part(badge, Revision(revision_desk, revision_counter), key_id)
    return _to_text(signed + decode_signature(signature))


def parse_badge(payload: str) -> BadgeToken:
    """A token's contents without checking the signature. Raises `MalformedBadgeToken`."""
    text = payload.strip()
    if not text.startswith(TOKEN_PREFIX):
        raise MalformedBadgeToken("not a badge token")
    body = text[len(TOKEN_PREFIX) :]
    try:
        binary = base64.b32decode(body + "=" * (-len(body) % 8))
    except (binascii.Error, ValueError) as exc:
        raise MalformedBadgeToken("the token is not base32") from exc
    # Only the canonical spelling is accepted: one badge revision, one text.
    if _to_text(binary) != text:
        raise MalformedBadgeToken("the token is not in its canonical form")
    reader = _Reader(binary)
    version = reader.byte()
    if version != FORMAT_VERSION:
        raise MalformedBadgeToken(f"unsupported token version {version}")
    badge_id = uuid.UUID(bytes=reader.take(16))
    desk = reader.ref(reader.byte())
    counter = reader.varint()
    if not 1 <= counter <= MAX_COUNTER:
        raise MalformedBadgeToken("the revision counter is out of range")
    key_header = reader.byte()
    kind = "desk" if key_header & _DESK_KEY_BIT else "service"
    key_id = f"{kind}:{reader.ref(key_header & ~_DESK_KEY_BIT)}"
    signed_part = binary[: reader.pos]
    signature = reader.take(SIGNATURE_BYTES)
    if reader.pos != len(binary):
        raise MalformedBadgeToken("the token has bytes after its signature")
    return BadgeToken(badge_id, Revision(desk, counter), key_id, signature, signed_part)


def verify_badge(payload: str, public_keys: Mapping[str, Ed25519PublicKey]) -> VerifiedBadge:
    """The badge revision a token names, once its signature holds under the key it names.

    Raises `MalformedBadgeToken`, `UnknownSigningKey` or `ForgedBadgeToken` (all
    `BadgeTokenError`). Whether the revision is still the badge's valid one is a separate
    question: `is_current`.
    """
    token = parse_badge(payload)
    key = public_keys.get(token.key_id)
    if key is None:
        raise UnknownSigningKey(f"no public key for {token.key_id}")
    try:
        key.verify(token.signature, SIGNING_CONTEXT + token.signed_part)
    except InvalidSignature as exc:
        raise ForgedBadgeToken("the badge signature does not hold") from exc
    return VerifiedBadge(token.badge_id, token.revision, token.key_id, token.signed_by)


def is_current(
    verified: VerifiedBadge, current_revision: Revision | tuple[str, int] | None
) -> bool:
    """Whether a verified token is the badge's valid revision (None: the badge has none, so
    every revision of it is void). A reprint voids the previous revision."""
    if current_revision is None:
        return False
    current = (
        current_revision if isinstance(current_revision, Revision) else Revision(*current_revision)
    )
    return verified.revision.normalized() == current.normalized()
