"""A realistic desk session, headless: enrolled and used through the `fairdesk` commands
where there is one, and through the sync API (as the desk's windows do) where there is not.

Each `fairdesk` command runs as its own process would: the replica key this test process
learned is forgotten first, so every command signs in to open the replica.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from central.services import escrow
from desk.__main__ import main as fairdesk
from desk.models.schema import Account, Enterprise, Person
from desk.sync import cipher, operators, photos
from desk.sync.client import Client
from desk.sync.engine import SyncEngine
from desk.sync.outbox import record
from desk.sync.replica import open_desk_replica
from tests.factories import resident_id
from tests.privacy.scan import Secrets
from tests.sync import forms
from tests.sync.bulk import fair_rows, fill
from tests.sync.harness import PASSWORD, Fair, make_desk

# The walk-in's people: values no other row has, so a find means a leak.
WALK_IN_PEOPLE = (
    ("欧阳明月", "ouyang mingyue", "13912345678", "mingyue.ouyang@example.cn", 31),
    ("司马青云", "sima qingyun", "13887654321", "qingyun.sima@example.cn", 32),
)


@dataclass
class Session:
    data_dir: Path
    outside: Path  # where the export goes (it holds visitors' data in clear by design)
    secrets: Secrets = field(default_factory=Secrets)
    photo_hashes: list[str] = field(default_factory=list)


def second_photo(good: bytes) -> bytes:
    """Another photo the rules accept: the good one with one pixel changed."""
    image = Image.open(io.BytesIO(good)).convert("RGB")
    image.putpixel((1, 1), (250, 250, 250))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92)
    return out.getvalue()


def run_cli(data_dir: Path, *argv: str) -> int:
    cipher.forget(data_dir / "replica.sqlite3")  # a new process knows no key
    return fairdesk(["--data-dir", str(data_dir), *argv])


@contextmanager
def debug_log(path: Path) -> Iterator[None]:
    """Everything logged at DEBUG and above, by every logger, to `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        handler.close()


@contextmanager
def stderr_to(path: Path) -> Iterator[None]:
    """File descriptor 2 (Python's and native libraries' stderr) into `path`."""
    saved = os.dup(2)
    with open(path, "wb") as target:
        os.dup2(target.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def run_session(fair: Fair, session: Session, good_photo: bytes, *, people: int = 300) -> None:
    url = fair.service.url
    data = session.data_dir
    fill(fair.service.db(), fair_rows(enterprises=40, people=people, badge_requests=100))
    op1, op2 = fair.operator("op_privacy1"), fair.operator("op_privacy2")
    # Another desk registers someone with a photo: this desk will show (and cache) it.
    other = make_desk(fair, session.outside / "desks", "privacy-other")
    try:
        shown = photos.store(other.replica, good_photo, "badge")
        theirs = forms.walk_in("pvother", "隐私测试其他有限公司")
        for name, args in theirs:
            other.record(name, **args)
        other.record(
            "add_person",
            person_id=forms.new_id(),
            enterprise_id=str(theirs[1][1]["enterprise_id"]),
            person=forms.person("诸葛晴川", seq=33),
            photo_sha256=shown,
        )
        assert other.sync(tries=5).ok
    finally:
        other.close()
    session.photo_hashes.append(shown)

    assert run_cli(data, "enroll", url, fair.enrollment_code("privacy-desk"), "--json") == 0
    # op1 is new to this desk: signs in through the escrow key, gets a slot; first pull.
    assert run_cli(data, "sync", "--once", "--username", op1) == 0

    # The desk's window: op1 signs in (slot, then online), registers a walk-in with photos.
    cipher.forget(data / "replica.sqlite3")
    replica = open_desk_replica(data)
    assert replica.locked
    with Client(url) as client:
        operator = operators.login(replica, client, op1, PASSWORD)
    session.secrets.other.add(operator.session_token or "")
    taken = second_photo(good_photo)
    digest = photos.store(replica, taken, "badge")
    session.photo_hashes.append(digest)
    commands = forms.walk_in("pvwalkin", "隐私测试现场有限公司")
    enterprise_id = str(commands[1][1]["enterprise_id"])
    for name, args in commands:
        record(replica, name, args, operator_id=operator.user_id)
    for i, (name, _pinyin, mobile, email, seq) in enumerate(WALK_IN_PEOPLE):
        person = forms.person(name, seq=seq)
        person.update(mobile=mobile, email=email)
        record(
            replica,
            "add_person",
            {
                "person_id": forms.new_id(),
                "enterprise_id": enterprise_id,
                "person": person,
                "photo_sha256": digest if i == 0 else None,
            },
            operator_id=operator.user_id,
        )
    engine = SyncEngine(replica)
    try:
        result = engine.sync_once()
        assert result.ok and result.waiting == 0, result
        assert photos.fetch(replica, engine.client, shown) == good_photo  # now cached
        session.secrets.add_key(replica.key())
        session.secrets.other.add(replica.identity().token or "")
    finally:
        engine.close()
        replica.close()

    # op2, new to this desk too, opens the locked desk through the service.
    cipher.forget(data / "replica.sqlite3")
    replica = open_desk_replica(data)
    with Client(url) as client:
        second = operators.login(replica, client, op2, PASSWORD)
    session.secrets.other.add(second.session_token or "")
    replica.close()

    assert run_cli(data, "status", "--json", "--username", op2) == 0
    export = session.outside / "outbox.json"
    assert run_cli(data, "export-outbox", str(export), "--username", op1) == 0
    _collect(fair, session, good_photo, taken)


def _collect(fair: Fair, session: Session, *jpegs: bytes) -> None:
    """Every personal value the fair holds, and the secrets of this session."""
    secrets = session.secrets
    with fair.service.db().read() as db:
        for person in db.scalars(select(Person)):
            secrets.add_person(person.name, person.doc_number, person.mobile, person.email)
        for ent in db.scalars(select(Enterprise)):
            secrets.add_person(ent.contact_name or "", None, ent.contact_phone, ent.contact_email)
        for account in db.scalars(select(Account)):
            if account.contact_mobile:
                secrets.add_number(account.contact_mobile)
    for _name, pinyin, _mobile, _email, seq in WALK_IN_PEOPLE:
        secrets.other.add(pinyin)
        secrets.add_number(resident_id(date(1985, 6, 15), True, seq=seq))
    for jpeg in jpegs:
        secrets.add_photo(jpeg)
    settings = fair.service.settings()
    with fair.service.db().read() as db:
        for row in db.scalars(select(escrow.DeskEscrowKey)):
            desk_key = escrow._unseal(escrow.master_key(settings), row.desk_id, row.sealed)
            secrets.add_key(desk_key)
    secrets.names.discard("")
