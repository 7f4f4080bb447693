"""A large demo fair written straight into the service's database with bulk SQL, with the
versions the service's counter would have given it (for pull tests and the benchmark)."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import insert, update

from central.db.engine import Database
from central.db.tables import SyncCounter
from central.db.versioning import COUNTER_ID, current_version
from desk.models.schema import PENDING, BadgeRequest, Enterprise, Person
from tests.factories import resident_id

NOW = datetime(2026, 9, 9, 8, 0, tzinfo=UTC)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"


def fair_rows(
    *, enterprises: int, people: int, badge_requests: int, seed: int = 1
) -> dict[type[Any], list[dict[str, Any]]]:
    """Rows of the three big tables, without versions yet."""
    rng = random.Random(seed)
    ent_rows: list[dict[str, Any]] = []
    for i in range(enterprises):
        name = f"示例服务贸易企业{i:06d}有限公司"
        ent_rows.append(
            {
                "id": uuid.uuid4(),
                "created_at": NOW,
                "updated_at": NOW,
                "deleted": False,
                "name": name,
                "name_key": name,
                "name_pinyin": f"shili fuwu maoyi qiye {i}",
                "name_initials": f"slfwmyqy{i}",
                "nature": "enterprise",
                "region": "mainland",
                "province": "110000",
                "industry": "business",
                "interested_sectors": ["finance"],
                "company_type": "domestic",
                "fortune500": False,
                "website": "",
                "introduction": "本公司提供专业服务。" * 6,
                "participation": "attendee",
                "attendee_type": "uninvited",
                "contact_name": "王芳",
                "contact_position": "经理",
                "contact_phone": "13900139000",
                "contact_email": "contact@example.cn",
                "purposes": ["partners"],
                "exhibit_content": "",
                "exhibit_needs": "",
                "review_state": PENDING,
                "review_reason": "",
                "applied_at": NOW,
            }
        )
    person_rows: list[dict[str, Any]] = []
    for i in range(people):
        enterprise = ent_rows[i % max(1, enterprises)]
        male = rng.random() < 0.5
        doc = resident_id(date(1970 + i % 30, 1 + i % 12, 1 + i % 28), male, seq=i % 100)
        mobile = f"137{i:08d}"
        person_rows.append(
            {
                "id": uuid.uuid4(),
                "created_at": NOW,
                "updated_at": NOW,
                "deleted": False,
                "enterprise_id": enterprise["id"],
                "name": rng.choice(SURNAMES) + rng.choice(GIVEN),
                "name_pinyin": "wang wei",
                "name_initials": "ww",
                "gender": "male" if male else "female",
                "nationality": "mainland",
                "doc_type": "resident_id",
                "doc_number": doc,
                "doc_number_rev": doc[::-1],
                "birthday": date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                "mobile": mobile,
                "mobile_rev": mobile[::-1],
                "email": None,
                "photo_sha256": None,
                "duty": "other",
                "position": "junior",
                "username": None,
                "display_name": "",
            }
        )
    request_rows: list[dict[str, Any]] = []
    for i in range(badge_requests):
        person = person_rows[i % max(1, people)]
        request_rows.append(
            {
                "id": uuid.uuid4(),
                "created_at": NOW,
                "updated_at": NOW,
                "deleted": False,
                "holder_kind": "person",
                "holder_id": person["id"],
                "enterprise_id": person["enterprise_id"],
                "batch_id": uuid.uuid4(),
                "badge_type": "delegate",
                "status": PENDING,
                "snapshot": {"name": person["name"], "doc_type": "resident_id"},
                "review_reason": "",
                "requested_at": NOW,
            }
        )
    return {Enterprise: ent_rows, Person: person_rows, BadgeRequest: request_rows}


def fill(db: Database, rows: dict[type[Any], list[dict[str, Any]]]) -> int:
    """Insert the rows with the next versions of the counter, in one transaction; returns
    how many rows were written."""
    total = 0
    with db.write() as session:
        version = current_version(session)
        for model, batch in rows.items():
            for row in batch:
                version += 1
                row["version"] = version
            for start in range(0, len(batch), 20_000):
                session.execute(insert(model.__table__), batch[start : start + 20_000])
            total += len(batch)
        session.execute(
            update(SyncCounter).where(SyncCounter.id == COUNTER_ID).values(value=version)
        )
    return total
