"""Passwords, tokens and one-time codes.

Passwords are hashed with argon2id. Tokens are `<prefix>_<key id>.<secret>`: the key id finds
the row, and the stored SHA-256 of the secret is compared in constant time, so neither a
database lookup on the secret nor a string comparison leaks its value through timing. A
256-bit random secret needs no slow hash.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import string

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# OWASP's minimum argon2id profile (19 MiB, 2 passes): about 15 ms here, so hashing a new
# enterprise account's password does not dominate a push batch.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)

DESK_TOKEN_PREFIX = "fdd"
SESSION_TOKEN_PREFIX = "fds"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def dummy_verify() -> None:
    """Spend the time of a verification, so an unknown username answers as slowly as a known one."""
    verify_password(_DUMMY_HASH, "not-the-password")


_DUMMY_HASH = _hasher.hash("dummy-password-1")


def secret_digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def make_token(prefix: str) -> tuple[str, str, str]:
    """A new token: (token to hand out, key id to store, digest to store)."""
    key_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    return f"{prefix}_{key_id}.{secret}", key_id, secret_digest(secret)


def split_token(token: str, prefix: str) -> tuple[str, str] | None:
    """(key id, secret) of a well-formed token of that kind, else None."""
    head, sep, secret = token.partition(".")
    if not sep or not head.startswith(prefix + "_") or not secret:
        return None
    return head[len(prefix) + 1 :], secret


def digest_matches(stored_digest: str, secret: str) -> bool:
    return hmac.compare_digest(stored_digest, secret_digest(secret))


_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud, typed by hand


def make_enrollment_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return "-".join(raw[i : i + 4] for i in range(0, 12, 4))


def normalise_enrollment_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def make_account_password(length: int = 8) -> str:
    """A password meeting the fair's rule: 8-20 characters, at least one letter and one digit."""
    letters = string.ascii_letters
    alphabet = letters + string.digits
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if any(c in letters for c in candidate) and any(c.isdigit() for c in candidate):
            return candidate
