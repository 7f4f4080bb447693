"""Photo blobs by SHA-256: hash checked, rules run on upload, refusals final, size limits."""

from __future__ import annotations

import hashlib

from tests.central.harness import Harness


def test_blob_upload_rules(fair: Harness) -> None:
    desk = fair.enroll("D1", operator="op1")
    url = f"{fair.url}/blobs"
    data = b"not a photo at all" * 100
    sha = hashlib.sha256(data).hexdigest()
    assert fair.http.head(f"{url}/{sha}", headers=desk.headers()).status_code == 404
    wrong = fair.http.put(f"{url}/{'0' * 64}?kind=badge", data=data, headers=desk.headers())
    assert wrong.status_code == 400 and wrong.json()["error"] == "hash_mismatch"
    refused = fair.http.put(f"{url}/{sha}?kind=badge", data=data, headers=desk.headers())
    assert refused.status_code == 422 and refused.json()["failures"]
    again = fair.http.put(f"{url}/{sha}?kind=badge", data=data, headers=desk.headers())
    assert again.status_code == 422  # refused for good
    head = fair.http.head(f"{url}/{sha}", headers=desk.headers())
    assert head.status_code == 200 and head.headers["X-Blob-Status"] == "refused"
    big = b"\xff\xd8\xff" + b"0" * 300_001
    too_big = fair.http.put(
        f"{url}/{hashlib.sha256(big).hexdigest()}?kind=licence", data=big, headers=desk.headers()
    )
    assert too_big.status_code == 413
    assert fair.http.put(f"{url}/{sha}?kind=badge", data=data).status_code == 401


def test_accepted_blob_round_trip(fair: Harness, monkeypatch: object) -> None:
    from central.services import blobs

    desk = fair.enroll("D1", operator="op1")
    data = b"\xff\xd8\xff\xe0" + b"demo-jpeg" * 1000
    sha = hashlib.sha256(data).hexdigest()
    setattr_ = monkeypatch.setattr  # type: ignore[attr-defined]
    setattr_(blobs, "check_blob", lambda _data, _kind: blobs.Verdict(True))
    first = fair.http.put(f"{fair.url}/blobs/{sha}?kind=badge", data=data, headers=desk.headers())
    assert first.status_code == 201, first.text
    second = fair.http.put(f"{fair.url}/blobs/{sha}?kind=badge", data=data, headers=desk.headers())
    assert second.status_code == 200
    got = fair.http.get(f"{fair.url}/blobs/{sha}", headers=desk.headers())
    assert got.status_code == 200 and got.content == data
