"""Setting up fair data on the real service, the way it gets there in life: commands run by
the service and decisions of a committee reviewer over HTTP."""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from central.services.operations import run_as_service
from desk.models.schema import Badge, BadgeRequest, Enterprise, Handout
from tests import factories as f
from tests.sync.harness import Fair


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Seeded:
    enterprise_id: str
    person_id: str
    request_id: str
    doc_number: str
    name: str


def approved_person(fair: Fair, client: Any, photo: bytes, *, name: str = "欧阳明华",
                    seq: int = 31) -> Seeded:
    """An approved enterprise with one person whose badge request is approved."""
    sha = hashlib.sha256(photo).hexdigest()
    client.put_blob(sha, "badge", photo)
    account, enterprise, person = new_id(), new_id(), new_id()
    request, batch = new_id(), new_id()
    form = f.person_form(name, seq=seq)
    with fair.service.db().write() as session:
        run_as_service(session, "create_account", {
            "account_id": account, "account": f.account_form(f"seed{seq:02d}")})
        run_as_service(session, "register_enterprise", {
            "enterprise_id": enterprise, "account_id": account,
            "enterprise": f.enterprise_form("上海示例咨询有限公司",
                                            code=f.uscc(random.Random(seq)))})
        run_as_service(session, "apply_participation", {
            "enterprise_id": enterprise, "participation": f.participation_form()})
        run_as_service(session, "add_person", {
            "person_id": person, "enterprise_id": enterprise, "person": form,
            "photo_sha256": sha})
    token = fair.reviewer_token()
    for _stage in (1, 2):
        fair.decide(token, "enterprise", enterprise)
    with fair.service.db().write() as session:
        run_as_service(session, "request_badges", {
            "batch_id": batch, "badge_type": "delegate",
            "items": [{"person_id": person, "request_id": request}]})
    for _stage in (1, 2):
        fair.decide(token, "badge_request", request)
    return Seeded(enterprise, person, request, form["doc_number"], name)


def service_rows(fair: Fair, model: Any, **where: Any) -> list[Any]:
    """Rows of the service's database (detached copies to read)."""
    with fair.service.db().read() as session:
        query = select(model)
        for key, value in where.items():
            query = query.where(getattr(model, key) == value)
        rows = list(session.scalars(query))
        session.expunge_all()
        return rows


__all__ = ["Badge", "BadgeRequest", "Enterprise", "Handout", "Seeded", "approved_person",
           "new_id", "service_rows"]
