"""Search latency of the desk over a replica of a whole fair (100,000 people by default).

Builds a replica the way a pull fills it (raw upserts, search triggers firing), then times
200 realistic queries through `desk.models.search.search_people` (the page of hits the
People list shows, with enterprise, badge state and masked numbers), and as a baseline the
plain scan a desk without indexes would run in the same run and on the same file:
`LIKE '%q%'` over name, document number and phone, `ORDER BY name LIMIT 50`.

Figures: p50/p95 in wall-clock time, p95 by kind of query, and the same p95 in the thread's
CPU time (steadier when other work shares the machine's cores).

    python bench/desk_search.py [--people 100000] [--enterprises 30000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.sql.schema import ScalarElementColumnDefault

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from desk.models.search import (  # noqa: E402
    install_search_index,
    refresh_search_index,
    search_people,
    tune_connection,
)
from desk.models.search_keys import organisation_keys, person_keys, reversed_key  # noqa: E402
from desk.sync.replica import open_replica  # noqa: E402
from desk.sync.rows import CODECS  # noqa: E402

# Surnames weighted roughly as they occur; given-name characters from common names.
SURNAMES = ("王" * 9 + "李" * 9 + "张" * 8 + "刘" * 7 + "陈" * 6 + "杨" * 4 + "黄" * 3 + "赵" * 3
            + "吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁"
            "任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚"
            "邵万覃武钱戴严莫孔向常汤康易乔赖文单解欧阳上官司马诸葛")
COMPOUND = ("欧阳", "上官", "司马", "诸葛")
GIVEN = ("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂东子涵雨桐浩然思远嘉怡佳琪俊杰宇轩"
         "梓萱欣怡博文晨曦天佑雅静志强建华国庆海燕玉兰金凤春梅红霞丹丹婷婷晓燕鑫磊鹏飞")
FOREIGN = ("James Smith", "Maria Garcia", "Hiroshi Tanaka", "Anna Muller", "Omar Haddad",
           "Priya Sharma", "Noah Johnson", "Elena Petrov", "Yuki Kim", "Olivia Martin")
ORG_WORDS = ("华信", "中科", "京融", "海川", "博远", "云启", "恒泰", "瑞丰", "天成", "鼎盛", "嘉禾",
             "国联", "新元", "东方", "长城", "汇通", "智联", "星河", "北辰", "明德", "远航", "盛世")
ORG_CITIES = ("北京", "上海", "广州", "深圳", "杭州", "成都", "武汉", "南京", "天津", "重庆")
ORG_FIELDS = ("信息技术", "管理咨询", "文化传媒", "国际物流", "教育科技", "医疗健康", "金融服务",
              "旅游发展", "建筑设计", "环境工程", "数字服务", "供应链管理")
ORG_FORMS = ("有限公司", "股份有限公司", "集团有限公司", "研究院")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
AREAS = ("110105", "110108", "310104", "440305", "330106", "510107", "420106", "320102")


def _resident_id(rng: random.Random) -> tuple[str, date, str]:
    born = date(1960, 1, 1) + timedelta(days=rng.randrange(0, 15000))
    male = rng.random() < 0.5
    body = f"{rng.choice(AREAS)}{born:%Y%m%d}{rng.randrange(0, 500) * 2 + int(male):03d}"
    total = sum(int(d) * w for d, w in zip(body, ID_WEIGHTS, strict=True))
    check = (12 - total % 11) % 11
    return body + ("X" if check == 10 else str(check)), born, "male" if male else "female"


def _name(rng: random.Random) -> str:
    if rng.random() < 0.03:
        return rng.choice(FOREIGN)
    surname = rng.choice(COMPOUND) if rng.random() < 0.01 else rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN) for _ in range(1 if rng.random() < 0.35 else 2))
    return surname + given


def _stamp(moment: datetime) -> str:
    return moment.isoformat()


def _with_defaults(entity: str, data: dict[str, Any]) -> tuple[Any, ...]:
    """A row in storage form, columns left out taking their declared scalar default."""
    codec = CODECS[entity]
    full = dict(data)
    for column in codec.table.columns:
        default = column.default
        if column.name not in full and isinstance(default, ScalarElementColumnDefault):
            full[column.name] = default.arg
    return codec.storage(full)


def build_replica(path: Path, *, people: int, enterprises: int, seed: int = 7) -> dict[str, Any]:
    """A replica with `people` people of `enterprises` enterprises, a badge request for most
    and a printed badge for a third of them. Returns the facts the queries are drawn from."""
    rng = random.Random(seed)
    replica = open_replica(path)
    started = time.perf_counter()
    with replica.engine.begin() as conn:
        install_search_index(conn)
    now = datetime.now(UTC)
    codec_e, codec_p = CODECS["enterprise"], CODECS["person"]
    codec_r, codec_b = CODECS["badge_request"], CODECS["badge"]
    enterprise_ids = [str(uuid.UUID(int=rng.getrandbits(128))) for _ in range(enterprises)]
    facts: dict[str, list[str]] = {"names": [], "docs": [], "mobiles": [], "codes": [],
                                   "initials": []}
    with replica.engine.begin() as conn:
        rows = []
        for index, eid in enumerate(enterprise_ids):
            name = (f"{rng.choice(ORG_CITIES)}{rng.choice(ORG_WORDS)}{rng.choice(ORG_FIELDS)}"
                    f"{index}{rng.choice(ORG_FORMS)}")
            pinyin, initials = organisation_keys(name)
            rows.append(_with_defaults("enterprise", {
                "id": eid, "version": index + 1, "created_at": _stamp(now),
                "updated_at": _stamp(now), "deleted": False, "name": name, "name_key": name,
                "name_pinyin": pinyin, "name_initials": initials, "nature": "enterprise",
                "region": "mainland", "province": "110000", "industry": "business",
                "interested_sectors": [], "company_type": "domestic", "fortune500": False,
                "participation": "attendee", "attendee_type": "uninvited",
                "review_state": "approved", "purposes": [],
            }))
        codec_e.upsert(conn, rows)
        people_rows, requests, badges = [], [], []
        for index in range(people):
            pid = str(uuid.UUID(int=rng.getrandbits(128)))
            name = _name(rng)
            pinyin, initials = person_keys(name)
            doc, born, gender = _resident_id(rng)
            prefix = rng.choice(("138", "139", "186", "150", "177"))
            mobile = f"+86{prefix}{rng.randrange(10**8):08d}"
            people_rows.append(_with_defaults("person", {
                "id": pid, "version": enterprises + index + 1, "created_at": _stamp(now),
                "updated_at": _stamp(now), "deleted": False, "name": name,
                "name_pinyin": pinyin, "name_initials": initials, "gender": gender,
                "nationality": "mainland", "doc_type": "resident_id", "doc_number": doc,
                "doc_number_rev": reversed_key(doc), "birthday": born.isoformat(),
                "mobile": mobile, "mobile_rev": reversed_key(mobile),
                "enterprise_id": rng.choice(enterprise_ids), "duty": "other",
                "position": "junior", "display_name": "",
            }))
            if index % 500 == 0:
                facts["names"].append(name)
                facts["docs"].append(doc)
                facts["mobiles"].append(mobile)
                facts["initials"].append(initials)
            if rng.random() < 0.8:
                rid = str(uuid.uuid4())
                printed = rng.random() < 0.4
                requests.append(_with_defaults("badge_request", {
                    "id": rid, "version": 1, "created_at": _stamp(now), "updated_at": _stamp(now),
                    "deleted": False, "holder_kind": "person", "holder_id": pid,
                    "batch_id": rid, "badge_type": "delegate",
                    "status": "produced" if printed else "approved", "snapshot": {},
                    "requested_at": _stamp(now),
                }))
                if printed:
                    code = f"FD{index:08d}"
                    badges.append(_with_defaults("badge", {
                        "id": str(uuid.uuid4()), "version": 1, "created_at": _stamp(now),
                        "updated_at": _stamp(now), "deleted": False, "request_id": rid,
                        "holder_id": pid, "code": code, "revision_desk": "bench",
                        "revision_counter": index + 1, "status": "valid",
                        "printed_at": _stamp(now),
                    }))
                    if index % 500 == 0:
                        facts["codes"].append(code)
        for chunk in range(0, len(people_rows), 5000):
            codec_p.upsert(conn, people_rows[chunk:chunk + 5000])
        codec_r.upsert(conn, requests)
        codec_b.upsert(conn, badges)
    loaded = time.perf_counter()
    with replica.write() as session:  # what the desk does after a pull
        refresh_search_index(session)
        session.connection().exec_driver_sql("ANALYZE")
    indexed = time.perf_counter()
    replica.close()
    return {"facts": facts, "build_s": loaded - started, "index_s": indexed - loaded}


# The kinds of query operators type, in the order `queries` cycles through them.
QUERY_CLASSES = ("surname", "two_characters", "initials", "document_tail", "phone_tail",
                 "badge_code")


def queries(facts: dict[str, list[str]], rng: random.Random, count: int = 200) -> list[str]:
    """What operators type: a surname, two characters, initials, ID tail, phone tail, code
    (query i is of class `QUERY_CLASSES[i % 6]`)."""
    makers = [
        lambda: rng.choice(facts["names"])[0],
        lambda: rng.choice(facts["names"])[:2],
        lambda: rng.choice(facts["initials"])[: rng.choice((2, 3))],
        lambda: rng.choice(facts["docs"])[-rng.choice((4, 6)):],
        lambda: rng.choice(facts["mobiles"])[-4:],
        lambda: rng.choice(facts["codes"]) if facts["codes"] else "FD0000",
    ]
    return [makers[i % len(makers)]() for i in range(count)]


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(people: int, enterprises: int, workdir: Path) -> dict[str, Any]:
    path = workdir / "replica.sqlite3"
    workdir.mkdir(parents=True, exist_ok=True)
    built = build_replica(path, people=people, enterprises=enterprises)
    replica = open_replica(path)
    sample = queries(built["facts"], random.Random(11))
    ours: list[float] = []
    scan: list[float] = []
    # The same in CPU time of this thread: on a machine shared with other work, time spent
    # waiting for a core counts in the wall-clock figures but not in these.
    ours_cpu: list[float] = []
    scan_cpu: list[float] = []
    empty = 0
    with replica.read() as session:
        tune_connection(session.connection())
        for text in sample[:20]:  # warm the page cache the way a desk that has run a while is
            search_people(session, text)
        for text in sample:
            started, cpu = time.perf_counter(), time.thread_time()
            hits = search_people(session, text)
            ours.append((time.perf_counter() - started) * 1000)
            ours_cpu.append((time.thread_time() - cpu) * 1000)
            empty += not hits
        conn = session.connection()
        for text in sample:
            like = f"%{text}%"
            started, cpu = time.perf_counter(), time.thread_time()
            conn.exec_driver_sql(
                "SELECT id, name, doc_number, mobile FROM person WHERE deleted = 0 AND "
                "(name LIKE ? OR doc_number LIKE ? OR mobile LIKE ?) ORDER BY name LIMIT 50",
                (like, like, like)).all()
            scan.append((time.perf_counter() - started) * 1000)
            scan_cpu.append((time.thread_time() - cpu) * 1000)
    replica.close()
    p95, scan_p95 = _percentile(ours, 0.95), _percentile(scan, 0.95)
    classes = len(QUERY_CLASSES)
    by_class = {name: round(_percentile(ours[i::classes], 0.95), 3)
                for i, name in enumerate(QUERY_CLASSES)}
    scan_by_class = {name: round(_percentile(scan[i::classes], 0.95), 3)
                     for i, name in enumerate(QUERY_CLASSES)}
    cpu_p95, scan_cpu_p95 = _percentile(ours_cpu, 0.95), _percentile(scan_cpu, 0.95)
    return {
        "people": people,
        "enterprises": enterprises,
        "queries": len(sample),
        "queries_without_hits": empty,
        "load_s": round(built["build_s"], 2),
        "search_index_s": round(built["index_s"], 2),
        "p50_ms": round(statistics.median(ours), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(max(ours), 3),
        "like_scan_p50_ms": round(statistics.median(scan), 3),
        "like_scan_p95_ms": round(scan_p95, 3),
        "speedup_p95": round(scan_p95 / p95, 1) if p95 else None,
        "p95_ms_by_class": by_class,
        "like_scan_p95_ms_by_class": scan_by_class,
        "cpu_p95_ms": round(cpu_p95, 3),
        "like_scan_cpu_p95_ms": round(scan_cpu_p95, 3),
        "cpu_speedup_p95": round(scan_cpu_p95 / cpu_p95, 1) if cpu_p95 else None,
        "cpu_p95_ms_by_class": {name: round(_percentile(ours_cpu[i::classes], 0.95), 3)
                                for i, name in enumerate(QUERY_CLASSES)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--enterprises", type=int, default=30_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="desk-search-") as tmp:
        result = run(args.people, args.enterprises, Path(tmp))
    if args.json:
        sys.stdout.write(json.dumps(result) + "\n")
    else:
        for key, value in result.items():
            sys.stdout.write(f"{key:>22}: {value}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
