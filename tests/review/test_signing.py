"""Badges signed by the service for desks printing online: the published keys verify them,
a desk signs only its own revisions, a reprint voids the old revision, and the desk's signer
falls back to its own key when the service is out of reach."""

from __future__ import annotations

import uuid

import pytest

from central.db.engine import Database
from central.services import signing
from desk.models import badge_token as bt
from desk.models.badge_token import Revision
from desk.models.schema import Badge
from desk.printing.jobs import KeySigner
from desk.printing.service_signer import ServiceSigner
from tests.central.harness import Desk, Harness
from tests.review.helpers import enroll_with_key, walk_in


def published(svc: Harness) -> dict[str, bt.Ed25519PublicKey]:
    answer = svc.http.get(f"{svc.url}/keys")
    assert answer.status_code == 200, answer.text
    return signing.key_map(answer.json()["keys"])


def sign(svc: Harness, desk: Desk, badge_id: str, counter: int, revision_desk: str | None = None
         ) -> dict[str, str]:
    answer = svc.http.post(f"{svc.url}/badges/sign", headers=desk.headers(), json={
        "badge_id": badge_id, "revision_desk": revision_desk or desk.id,
        "revision_counter": counter})
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def approved_request(svc: Harness, desk: Desk) -> str:
    """A walk-in's badge request approved at both stages by the committee."""
    w = walk_in(desk, "签名测试服务有限公司", "sign01", people=1)
    headers = svc.session_headers("rev_c")
    for target, row in (("enterprise", w["enterprise"]), ("enterprise", w["enterprise"]),
                        ("badge_request", w["requests"][0]),
                        ("badge_request", w["requests"][0])):
        answer = svc.http.post(f"{svc.url}/review/decide", headers=headers,
                               json={"target": target, "id": row, "decision": "approve"})
        assert answer.status_code == 200, answer.text
    return str(w["requests"][0])


def test_service_signature_verifies_with_the_published_key(fair: Harness) -> None:
    desk, _key = enroll_with_key(fair, "D1", "committee")
    badge_id = str(uuid.uuid4())
    answer = sign(fair, desk, badge_id, 7)
    verified = bt.verify_badge(answer["payload"], published(fair))
    assert verified.signed_by == "service" and verified.key_id == answer["key_id"]
    assert (str(verified.badge_id), verified.revision) == (badge_id, Revision(desk.id, 7))
    # A forged copy (another counter, same signature) does not verify.
    token = bt.parse_badge(answer["payload"])
    forged = bt.assemble_badge_token(badge_id=badge_id, revision_desk=desk.id,
                                     revision_counter=8, key_id=token.key_id,
                                     signature=token.signature_text)
    with pytest.raises(bt.ForgedBadgeToken):
        bt.verify_badge(forged, published(fair))


def test_desk_keys_are_published_and_a_desk_signs_only_its_own_revisions(
    fair: Harness,
) -> None:
    d1, key = enroll_with_key(fair, "D1", "committee")
    d2, _ = enroll_with_key(fair, "D2", "committee")
    offline = KeySigner(key, bt.key_id_for(key, "desk"))
    payload = offline.sign(badge_id=uuid.uuid4(), revision=Revision(d1.id, 1))
    assert bt.verify_badge(payload, published(fair)).signed_by == "desk"
    answer = fair.http.post(f"{fair.url}/badges/sign", headers=d2.headers(), json={
        "badge_id": str(uuid.uuid4()), "revision_desk": d1.id, "revision_counter": 1})
    assert (answer.status_code, answer.json()["error"]) == (403, "not_your_revision")
    no_desk = fair.http.post(f"{fair.url}/badges/sign", json={
        "badge_id": str(uuid.uuid4()), "revision_desk": d1.id, "revision_counter": 1})
    assert no_desk.status_code == 401


def test_reprinted_badge_voids_the_old_revision(fair: Harness) -> None:
    desk, _key = enroll_with_key(fair, "D1", "committee", operator="op1")
    request = approved_request(fair, desk)
    tokens = []
    for counter, reason in ((1, ""), (2, "证件污损")):
        badge_id = str(uuid.uuid4())
        signed = sign(fair, desk, badge_id, counter)
        result = desk.run("record_badge_printed", {
            "badge_id": badge_id, "request_id": request, "code": f"D-{counter:06d}",
            "revision_desk": desk.id, "revision_counter": counter, "reprint_reason": reason,
            "signature": signed["signature"], "signing_key_id": signed["key_id"]})
        assert result["status"] == "applied", result
        tokens.append(signed["payload"])
    keys = published(fair)
    with fair.db.read() as session:
        rows = {str(b.id): b for b in session.query(Badge).all()}
    for payload, expected in zip(tokens, (False, True), strict=True):
        verified = bt.verify_badge(payload, keys)  # both signatures hold
        row = rows[str(verified.badge_id)]
        current = (row.revision_desk, row.revision_counter) if row.status == "valid" else None
        assert bt.is_current(verified, current) is expected
        # The stored signature rebuilds the very token printed.
        assert bt.assemble_badge_token(
            badge_id=row.id, revision_desk=row.revision_desk,
            revision_counter=row.revision_counter, key_id=row.signing_key_id,
            signature=row.signature) == payload
        checked = fair.http.post(f"{fair.url}/badges/verify", headers=desk.headers(),
                                 json={"payload": payload}).json()
        assert checked["valid"] is expected
        assert checked["reason"] == ("" if expected else "void")


def test_service_signer_prefers_the_service_and_falls_back_to_the_desk_key(
    fair: Harness,
) -> None:
    desk, key = enroll_with_key(fair, "D1", "committee")
    fallback = KeySigner(key, bt.key_id_for(key, "desk"))
    keys = published(fair)
    revision = Revision(desk.id, 3)
    online = ServiceSigner(fair.url, desk.token, fallback)
    payload = online.sign(badge_id=uuid.uuid4(), revision=revision)
    assert online.last_signed_by == "service"
    assert bt.verify_badge(payload, keys).signed_by == "service"
    # The link is down: the service is not even asked.
    down = ServiceSigner(fair.url, desk.token, fallback, online=lambda: False)
    assert bt.verify_badge(down.sign(badge_id=uuid.uuid4(), revision=revision),
                           keys).signed_by == "desk"
    # The link looks up but the service does not answer: the desk's key signs.
    unreachable = ServiceSigner("http://127.0.0.1:9", desk.token, fallback, timeout_s=0.5)
    payload = unreachable.sign(badge_id=uuid.uuid4(), revision=revision)
    assert unreachable.last_signed_by == "desk"
    assert bt.verify_badge(payload, keys).signed_by == "desk"
    for signer in (online, down, unreachable):
        signer.close()


def test_every_service_process_signs_with_one_key(fair: Harness) -> None:
    other = Database.from_url(fair.settings.db, fair.settings)
    try:
        assert signing.current_key(other).key_id == signing.current_key(fair.db).key_id
    finally:
        other.dispose()
    answer = fair.http.get(f"{fair.url}/keys").json()["keys"]
    service_keys = [k for k in answer if k["kind"] == "service"]
    assert len(service_keys) == 1 and service_keys[0]["current"] is True
    assert "private" not in str(answer).lower()
