"""A simulated registration desk for the load bench: it makes `add_person` commands, pushes
them as a desk's outbox does (same ids again after a lost answer) and pulls what changed."""

from __future__ import annotations

import bisect
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import orjson
import urllib3

from desk.models import refdata
from tests import factories

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛"]


def person(desk: int, n: int) -> dict[str, Any]:
    """Person `n` of desk `desk`: a document number of its own (one birthday per person)."""
    birthday = date(1960, 1, 1) + timedelta(days=(desk * 997 + n * 13) % 15000)
    return factories.person_form(
        SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 20) % len(GIVEN)],
        doc_number=factories.resident_id(birthday, True, seq=n % 100),
        birthday=birthday.isoformat(),
        mobile=f"139{desk:04d}{n % 10000:04d}",
        duty="other",
        position="junior",
    )


class BenchDesk:
    def __init__(self, index: int, url: str, token: str, operator_id: str) -> None:
        self.index = index
        self.url = url
        # urllib3 without requests on top (the desk's own client): the simulated desks share
        # the service's machine, and each layer of theirs takes CPU the service needs.
        self.http = urllib3.PoolManager(maxsize=1, retries=False, timeout=120)
        self.headers = {
            **urllib3.make_headers(accept_encoding=True),
            "Authorization": f"Bearer {token}",
            "Content-Type": "application/json",
        }
        self.client_id = str(uuid.uuid4())
        self.operator_id = operator_id
        self.next_id = 1
        self.cursor = 0
        self.latencies: list[float] = []
        self.applied = 0
        self.pulled = 0
        self.people = 0
        self.outbox: list[dict[str, Any]] = []
        self.answered: set[int] = set()
        self.retries: dict[str, int] = {}
        self.stops: dict[str, int] = {}
        self.waits: list[float] = []  # paced: from a command's arrival to its answer
        self.finished = 0.0

    def push(self, commands: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
        """Queue commands as a desk's outbox does, then send until every one is answered.

        Like a real desk, a push whose answer was lost (a reset keep-alive connection, a
        timeout, a 5xx) or that the service stopped is sent again with the same ids: the
        service answers repeats from its stored results, so nothing is applied twice.
        """
        for name, args in commands:
            self.outbox.append(
                {
                    "id": self.next_id,
                    "name": name,
                    "v": 1,
                    "operator_id": self.operator_id,
                    "occurred_at": datetime.now(UTC).isoformat(),
                    "args": args,
                }
            )
            self.next_id += 1
        results: list[dict[str, Any]] = []
        backoff = 0.05
        while self.outbox:
            started = time.perf_counter()
            answer = self._post(
                "/sync/push",
                {"protocol": 1, "schema": 1, "client_id": self.client_id, "commands": self.outbox},
            )
            self.latencies.append(time.perf_counter() - started)
            if answer is None:
                time.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
                continue
            answered = {r["id"]: r for r in answer["results"]}
            for r in answered.values():
                if r["status"] in ("applied", "merged") and r["id"] not in self.answered:
                    self.applied += 1
                self.answered.add(r["id"])
            results.extend(answered.values())
            self.outbox = [c for c in self.outbox if c["id"] not in answered]
            if self.outbox:  # stopped by the service: a temporary failure, try again later
                code = (answer.get("stopped") or {}).get("code", "none")
                self.stops[code] = self.stops.get(code, 0) + 1
                time.sleep(backoff)
                backoff = min(backoff * 2, 2.0)
        return results

    def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any] | None:
        """The JSON answer, or None after a transport error or a 5xx (the desk retries)."""
        try:
            # orjson both ways, for the same reason.
            answer = self.http.request(
                "POST", f"{self.url}{path}", body=orjson.dumps(body), headers=self.headers
            )
        except urllib3.exceptions.HTTPError as error:
            self.retries[type(error).__name__] = self.retries.get(type(error).__name__, 0) + 1
            return None
        if answer.status >= 500:
            self.retries[str(answer.status)] = self.retries.get(str(answer.status), 0) + 1
            return None
        if answer.status >= 400:
            raise RuntimeError(f"{path} refused: {answer.status} {answer.data[:300]!r}")
        page: dict[str, Any] = orjson.loads(answer.data)
        return page

    def pull(self, cursor: int | None = None) -> int:
        cursor = self.cursor if cursor is None else cursor
        rows = 0
        while True:
            page = self._post(
                "/sync/pull",
                {
                    "protocol": 1,
                    "schema": 1,
                    "client_id": self.client_id,
                    "cursor": cursor,
                    "limit": 1000,
                },
            )
            if page is None:
                time.sleep(0.1)
                continue
            rows += len(page["changes"])
            cursor = page["cursor"]
            if not page["has_more"]:
                break
        self.cursor = cursor
        self.pulled += rows
        return rows

    def register(self) -> str:
        acct, ent = str(uuid.uuid4()), str(uuid.uuid4())
        sector = refdata.thematic_exhibitions()[0].code
        results = self.push(
            [
                (
                    "create_account",
                    {
                        "account_id": acct,
                        "account": factories.account_form(f"bench{self.index:04d}"),
                    },
                ),
                (
                    "register_enterprise",
                    {
                        "enterprise_id": ent,
                        "account_id": acct,
                        "enterprise": factories.enterprise_form(
                            f"压测第{self.index}号服务有限公司",
                            code=factories.uscc(random.Random(self.index)),
                            interested_sectors=[sector],
                        ),
                    },
                ),
            ]
        )
        bad = [r for r in results if r["status"] == "rejected"]
        if bad:
            raise RuntimeError(f"set-up refused: {bad[0]['code']} {bad[0]['message_en']}")
        self.latencies.clear()
        self.applied = 0
        self.answered.clear()
        return ent

    def new_people(self, enterprise_id: str, count: int) -> list[tuple[str, dict[str, Any]]]:
        commands = []
        for _ in range(count):
            commands.append(
                (
                    "add_person",
                    {
                        "person_id": str(uuid.uuid4()),
                        "enterprise_id": enterprise_id,
                        "person": person(self.index, self.people),
                    },
                )
            )
            self.people += 1
        return commands

    def run_paced(self, enterprise_id: str, arrivals: list[float], started: float) -> None:
        """Commands arrive at the given times (seconds after `started`); like the desk's sync
        engine, each cycle pushes every command waiting, then pulls, and the next cycle
        starts at once if more arrived meanwhile (else at the next arrival)."""
        waiting = 0
        while waiting < len(arrivals):
            now = time.perf_counter() - started
            due = bisect.bisect_right(arrivals, now)
            if due == waiting:
                time.sleep(max(0.0, arrivals[waiting] - now))
                continue
            self.push(self.new_people(enterprise_id, due - waiting))
            answered = time.perf_counter() - started
            self.waits.extend(answered - t for t in arrivals[waiting:due])
            waiting = due
            self.pull()
        self.finished = time.perf_counter()

    def run(self, enterprise_id: str, batches: int, batch_size: int, think_s: float) -> None:
        pause = random.Random(self.index)
        for _ in range(batches):
            if think_s:  # spread around the mean so the desks do not march in step
                time.sleep(pause.uniform(0.5, 1.5) * think_s)
            self.push(self.new_people(enterprise_id, batch_size))
            self.pull()
        self.finished = time.perf_counter()
