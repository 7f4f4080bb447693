"""CSV export for the organiser: enterprises, people, badges, hand-outs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.services.pull import to_json
from desk.models.schema import Badge, Enterprise, Handout, Person

EXPORTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "enterprises": (
        Enterprise,
        (
            "id",
            "canonical_id",
            "name",
            "uscc",
            "nature",
            "region",
            "province",
            "country",
            "industry",
            "company_type",
            "participation",
            "exhibitor_type",
            "attendee_type",
            "review_state",
            "review_reason",
            "contact_name",
            "contact_phone",
            "contact_email",
            "applied_at",
            "created_at",
        ),
    ),
    "people": (
        Person,
        (
            "id",
            "enterprise_id",
            "name",
            "gender",
            "nationality",
            "country",
            "doc_type",
            "doc_number",
            "birthday",
            "mobile",
            "email",
            "duty",
            "position",
            "created_at",
        ),
    ),
    "badges": (
        Badge,
        (
            "id",
            "request_id",
            "holder_id",
            "code",
            "revision_desk",
            "revision_counter",
            "status",
            "void_reason",
            "reprint_reason",
            "printed_at",
            "printed_at_desk_id",
        ),
    ),
    "handouts": (
        Handout,
        (
            "id",
            "badge_id",
            "recipient",
            "collector_name",
            "collector_doc_type",
            "document_checked",
            "operator_id",
            "desk_id",
            "handed_at",
            "flagged",
            "flag_reason",
        ),
    ),
}


def export_csv(session: Session, directory: Path) -> dict[str, int]:
    """One UTF-8 CSV (with BOM, so spreadsheet programs read the Chinese) per table."""
    directory.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, (model, columns) in EXPORTS.items():
        table = model.__table__
        query = select(*(table.c[c] for c in columns)).where(table.c.deleted.is_(False))
        count = 0
        with (directory / f"{name}.csv").open("w", newline="", encoding="utf-8-sig") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in session.execute(query.order_by(table.c.created_at)):
                writer.writerow(["" if v is None else to_json(v) for v in row])
                count += 1
        counts[name] = count
    return counts
