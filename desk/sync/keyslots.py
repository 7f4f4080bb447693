"""Key slots: the replica's key, wrapped once for each way in.

The replica is encrypted with a random 256-bit key that is never stored in clear. This small
JSON file beside it holds that key wrapped with AES-256-GCM by:

- `escrow`: the desk's escrow key, which the service hands over at enrollment and to anyone
  who signs in online at this desk, so an operator new to the desk (or whose password was
  reset) can open it;
- `password`: a key derived from one operator's password with argon2id, so an operator who
  signed in online here before can open the desk while the service is out of reach.

The file lives outside the database because it is read before the database can be. It holds
no personal data: usernames appear only as salted hashes, and `desk_id`, `desk_name` and
`service_url` are kept in clear so a locked desk knows whom to ask.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

FORMAT = "fairdesk-keyslots"
VERSION = 1
KEY_BYTES = 32
ESCROW = "escrow"
PASSWORD = "password"


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost of a password slot. A stolen laptop's slots can be attacked offline
    without limit, so this is costlier than the service's sign-in hash: about 0.1-0.2 s and
    64 MiB per guess on a desk laptop, paid once per sign-in."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 1


PASSWORD_KDF = KdfParams()

# One process may sign in on two threads (a sign-in and a lock screen): slot edits queue.
_edit_lock = threading.Lock()


class SlotError(Exception):
    """A slot that does not open with what was given (wrong password or escrow key)."""


def slots_path(replica_path: Path) -> Path:
    return replica_path.with_name(replica_path.stem + ".keys.json")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any) -> bytes:
    return base64.b64decode(str(text), validate=True)


def _aad(kind: str, label: str) -> bytes:
    # Binds each wrapped key to its slot, so a slot cannot be relabelled as another user's.
    return f"{FORMAT}/{VERSION}/{kind}/{label}".encode()


def _wrap(kek: bytes, key: bytes, kind: str, label: str) -> dict[str, str]:
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, key, _aad(kind, label))
    return {"nonce": _b64(nonce), "wrapped": _b64(wrapped)}


def _unwrap(kek: bytes, slot: dict[str, Any], label: str) -> bytes:
    try:
        key = AESGCM(kek).decrypt(
            _unb64(slot["nonce"]), _unb64(slot["wrapped"]), _aad(str(slot["kind"]), label)
        )
    except (InvalidTag, KeyError, ValueError):
        raise SlotError("the slot does not open with this secret") from None
    if len(key) != KEY_BYTES:
        raise SlotError("the slot holds no replica key")
    return key


def _user_tag(salt: bytes, username: str) -> str:
    return _b64(hashlib.sha256(salt + username.encode("utf-8")).digest())


def _password_kek(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class KeySlots:
    """The slots file of one replica, read on construction; `save` writes it back."""

    def __init__(self, path: Path, data: dict[str, Any] | None = None) -> None:
        self.path = path
        data = data or {}
        self.meta: dict[str, Any] = {
            k: data.get(k) for k in ("desk_id", "desk_name", "service_url", "client_id")
        }
        self.slots: list[dict[str, Any]] = list(data.get("slots") or [])

    @classmethod
    def load(cls, path: Path) -> KeySlots | None:
        """The slots file at `path`, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return cls(path, data)

    def save(self) -> None:
        """Write atomically and durably: a crash leaves the old file or the new one."""
        document = {"format": FORMAT, "version": VERSION, **self.meta, "slots": self.slots}
        tmp = self.path.with_name(self.path.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)

    @property
    def empty(self) -> bool:
        return not self.slots

    # -- escrow -------------------------------------------------------------------------

    def set_escrow(self, key: bytes, escrow_key: bytes, key_id: str) -> None:
        self.slots = [s for s in self.slots if s.get("kind") != ESCROW]
        self.slots.insert(
            0, {"kind": ESCROW, "key_id": key_id, **_wrap(escrow_key, key, ESCROW, key_id)}
        )

    def open_escrow(self, escrow_key: bytes) -> bytes:
        for slot in self.slots:
            if slot.get("kind") == ESCROW:
                return _unwrap(escrow_key, slot, str(slot.get("key_id")))
        raise SlotError("no escrow slot")

    # -- passwords ----------------------------------------------------------------------

    def _find(self, username: str) -> dict[str, Any] | None:
        for slot in self.slots:
            if slot.get("kind") != PASSWORD:
                continue
            try:
                tag = _user_tag(_unb64(slot["salt"]), username)
            except (KeyError, ValueError):
                continue
            if hmac.compare_digest(tag, str(slot.get("tag"))):
                return slot
        return None

    def has_user(self, username: str) -> bool:
        return self._find(username) is not None

    def set_password(
        self, key: bytes, username: str, password: str, params: KdfParams | None = None
    ) -> None:
        params = params or PASSWORD_KDF
        salt = secrets.token_bytes(16)
        tag = _user_tag(salt, username)
        kek = _password_kek(password, salt, params)
        self.remove_user(username)
        self.slots.append(
            {
                "kind": PASSWORD,
                "tag": tag,
                "salt": _b64(salt),
                "t": params.time_cost,
                "m": params.memory_kib,
                "p": params.parallelism,
                **_wrap(kek, key, PASSWORD, tag),
            }
        )

    def open_password(self, username: str, password: str) -> bytes | None:
        """The replica key, or None when this user has no slot here. Raises `SlotError`
        when the slot exists and the password does not open it."""
        slot = self._find(username)
        if slot is None:
            return None
        params = KdfParams(int(slot["t"]), int(slot["m"]), int(slot["p"]))
        kek = _password_kek(password, _unb64(slot["salt"]), params)
        return _unwrap(kek, slot, str(slot["tag"]))

    def remove_user(self, username: str) -> bool:
        slot = self._find(username)
        if slot is None:
            return False
        self.slots.remove(slot)
        return True


def edit(path: Path) -> _Editing:
    """`with edit(path) as slots:` read, change and save the file under a process lock."""
    return _Editing(path)


class _Editing:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.slots = KeySlots(path)

    def __enter__(self) -> KeySlots:
        _edit_lock.acquire()
        self.slots = KeySlots.load(self.path) or KeySlots(self.path)
        return self.slots

    def __exit__(self, exc_type: object, *_rest: object) -> None:
        try:
            if exc_type is None:
                self.slots.save()
        finally:
            _edit_lock.release()


def destroy(path: Path) -> bool:
    """Overwrite the slots file with random bytes, flush it, then delete it. True when there
    was one. (On flash storage the overwrite may land elsewhere; see `wipe`.)"""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return False
    with open(path, "r+b") as handle:
        handle.write(secrets.token_bytes(max(size, 1)))
        handle.flush()
        os.fsync(handle.fileno())
    path.unlink()
    _fsync_dir(path.parent)
    return True


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync there; NTFS journals renames
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
