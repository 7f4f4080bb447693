"""Getting a badge revision ready to print: its id, revision, code, signature and the view
to draw, plus the `record_badge_printed` arguments to run once it is on paper. No Qt here.

The command runs after the printer took the page: a print that failed records nothing, and
printing again is not a reprint.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk.models.badge_token import Revision, parse_badge, sign_badge
from desk.models.schema import APPROVED, COLLECTED, PRODUCED, Badge, BadgeRequest
from desk.printing.content import BadgeDataError, BadgeView, PhotoSource, view_for_request
from desk.printing.revisions import RevisionAllocator, badge_code

PRINTABLE_STATES = (APPROVED, PRODUCED, COLLECTED)


class BadgeSigner(Protocol):
    """Signs badge revisions: the service's key through the service when online, the desk's
    own key when offline."""

    def sign(self, *, badge_id: uuid.UUID, revision: Revision) -> str:
        """The signed QR text of that revision."""
        ...


class KeySigner:
    """Signs with a private key held here (the desk's, from its enrollment)."""

    def __init__(self, private_key: Ed25519PrivateKey, key_id: str) -> None:
        self.private_key = private_key
        self.key_id = key_id

    def sign(self, *, badge_id: uuid.UUID, revision: Revision) -> str:
        return sign_badge(
            self.private_key,
            badge_id=badge_id,
            revision_desk=revision.desk,
            revision_counter=revision.counter,
            key_id=self.key_id,
        )


@dataclass(frozen=True, slots=True)
class PrintJob:
    """One badge revision ready for the printer."""

    view: BadgeView
    badge_id: uuid.UUID
    request_id: uuid.UUID
    revision: Revision
    reprint: bool  # the request has a valid printed revision, which this one voids

    def command_args(self, reprint_reason: str = "") -> dict[str, Any]:
        """The arguments of `record_badge_printed` for this revision."""
        token = parse_badge(self.view.payload)
        return {
            "badge_id": str(self.badge_id),
            "request_id": str(self.request_id),
            "code": self.view.code,
            "revision_desk": self.revision.desk,
            "revision_counter": self.revision.counter,
            "reprint_reason": reprint_reason.strip() if self.reprint else "",
            "signature": token.signature_text,
            "signing_key_id": token.key_id,
        }


def printable_request(session: Session, request_id: uuid.UUID | str) -> BadgeRequest:
    """The request, when a badge may be printed for it; `BadgeDataError` otherwise."""
    rid = request_id if isinstance(request_id, uuid.UUID) else uuid.UUID(str(request_id))
    request = session.get(BadgeRequest, rid)
    if request is None or request.deleted:
        raise BadgeDataError("not_found", "找不到该制证申请", "No such badge request")
    if request.status not in PRINTABLE_STATES:
        raise BadgeDataError(
            "not_approved",
            "制证申请尚未审核通过，不能打印",
            "The badge request is not approved yet",
        )
    return request


def current_badge(session: Session, request_id: uuid.UUID) -> Badge | None:
    """The request's valid printed revision, if any."""
    return session.scalar(
        select(Badge).where(
            Badge.request_id == request_id, Badge.status == "valid", Badge.deleted.is_(False)
        )
    )


def prepare_print(
    session: Session,
    request_id: uuid.UUID | str,
    *,
    allocator: RevisionAllocator,
    signer: BadgeSigner,
    photos: PhotoSource | None = None,
) -> PrintJob:
    """A new revision for the request: a fresh badge id, the desk's next counter, its code and
    signature. A counter taken here and never printed is a harmless gap."""
    request = printable_request(session, request_id)
    reprint = current_badge(session, request.id) is not None
    badge_id = uuid.uuid4()
    revision = allocator.next()
    payload = signer.sign(badge_id=badge_id, revision=revision)
    view = view_for_request(
        session,
        request,
        code=badge_code(request.badge_type, revision),
        payload=payload,
        photos=photos,
    )
    return PrintJob(view, badge_id, request.id, revision, reprint)
