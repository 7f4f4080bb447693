"""Helpers of the review and host-tools tests: walk-ins prepared through a desk's pushes,
real compliant photos, desks enrolled with real keys, sessions of reviewers."""

from __future__ import annotations

import base64
import uuid
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desk.models import badge_token as bt
from tests.central.harness import Desk, Harness, enterprise
from tests.factories import account_form, participation_form, person_form


@cache
def photo_bytes(kind: str) -> bytes:
    """A photo the rules accept: a badge photo, a one-inch photo, or a licence scan."""
    from tests.photo import photo_cases

    wanted = {"badge": "obama", "one-inch": "hopper-blue", "licence": "scan-jpeg"}[kind]
    case = next(c for c in photo_cases.good_cases() if c.name == wanted and c.kind == kind)
    return case.make()


def upload(svc: Harness, desk: Desk, kind: str = "badge") -> str:
    """Store a real photo on the service (checked on arrival); its hash."""
    import hashlib

    data = photo_bytes(kind)
    sha = hashlib.sha256(data).hexdigest()
    answer = svc.http.put(f"{svc.url}/blobs/{sha}", params={"kind": kind}, data=data,
                          headers=desk.headers())
    assert answer.status_code in (200, 201), answer.text
    return sha


def enroll_with_key(svc: Harness, name: str, host_org: str | None = None,
                    operator: str | None = None) -> tuple[Desk, Ed25519PrivateKey]:
    """A desk enrolled with a real Ed25519 key, as `desk.sync.enrollment` makes it."""
    from central.services import accounts

    with svc.db.write() as session:
        _row, code = accounts.new_enrollment(
            session, svc.settings, name=name, host_org=svc.orgs.get(host_org or "", host_org))
    key = bt.generate_private_key()
    answer = svc.http.post(f"{svc.url}/auth/enroll",
                           json={"code": code, "public_key": bt.public_key_text(key)})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    desk = Desk(svc, name, body["desk_id"], body["token"])
    if operator:
        desk.operator_id = svc.users[operator]["id"]
    return desk, key


def walk_in(desk: Desk, name: str, ident: str, *, people: int = 0, code: str | None = None,
            kind: str = "attendee", badge_type: str = "delegate",
            photo: str | None = None) -> dict[str, Any]:
    """A walk-in's account, enterprise and application, and `people` persons with a batch
    badge request each waiting for the enterprise."""
    acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
    for name_, args in (
        ("create_account", {"account_id": acct, "account": account_form(ident)}),
        ("register_enterprise", {"enterprise_id": ent, "account_id": acct,
                                 "enterprise": enterprise(name)}),
        ("apply_participation", {"enterprise_id": ent,
                                 "participation": participation_form(kind, code)}),
    ):
        result = desk.run(name_, args)
        assert result["status"] in ("applied", "merged"), result
    persons, requests = [], []
    for n in range(people):
        person, request = str(uuid.uuid4()), str(uuid.uuid4())
        result = desk.run("add_person", {
            "person_id": person, "enterprise_id": ent,
            "person": person_form(name=["张伟", "李娜", "王芳", "刘洋"][n % 4], seq=20 + n,
                                  male=n % 2 == 0),
            "photo_sha256": photo or desk.svc.accepted_photo(str(n)),
        })
        assert result["status"] == "applied", result
        persons.append(person)
        requests.append(request)
    if people:
        result = desk.run("request_badges", {
            "batch_id": str(uuid.uuid4()), "badge_type": badge_type,
            "items": [{"request_id": r, "person_id": p} for r, p in zip(requests, persons,
                                                                         strict=True)],
        })
        assert result["status"] == "applied", result
    return {"enterprise": ent, "people": persons, "requests": requests}


def issue_code(svc: Harness, org: str) -> str:
    from central.services.operations import issue_codes

    with svc.db.write() as session:
        return issue_codes(session, host_org=svc.orgs[org], count=1)[0]


def token_of(svc: Harness, username: str, desk: Desk | None = None) -> str:
    answer = svc.login(username, desk)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
