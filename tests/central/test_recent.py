"""The run of recent changes serves exactly the page the database would have served."""

from __future__ import annotations

import random

from central.services.recent import RecentChanges


class FakeDatabase:
    """Rows with versions from one counter; each commit may change several rows."""

    def __init__(self) -> None:
        self.counter = 0
        self.history: list[dict[str, int]] = [{}]  # snapshot per counter value: row -> version

    def commit(self, rows: list[str]) -> None:
        state = dict(self.history[-1])
        for row in rows:
            self.counter += 1
            state[row] = self.counter
        self.history.extend([state] * (self.counter + 1 - len(self.history)))

    def page(self, top: int, cursor: int, limit: int) -> list[int]:
        versions = sorted(v for v in self.history[top].values() if v > cursor)
        return versions[: limit + 1]

    def delta(self, top: int, since: int) -> list[tuple[str, str, int, bytes]]:
        state = self.history[top]
        return sorted(
            (
                ("person", row, v, f"{row}@{v}".encode())
                for row, v in state.items()
                if since < v <= top
            ),
            key=lambda c: c[2],
        )


def test_pages_match_the_database_at_every_counter_served() -> None:
    rng = random.Random(7)
    db = FakeDatabase()
    recent = RecentChanges(size=60)
    recent.begin(0)
    points = [0]
    served = 0
    for _step in range(400):
        db.commit([f"r{rng.randrange(30)}" for _ in range(rng.randrange(1, 4))])
        if rng.random() < 0.5:  # a pull's snapshot extends the run to its counter
            top = db.counter
            recent.extend(recent.high, top, db.delta(top, recent.high))
            points.append(top)
        top = rng.choice(points[-5:] + [db.counter])
        cursor = rng.randrange(max(0, top - 40), top + 1)
        limit = rng.choice([1, 3, 10, 1000])
        kept = recent.page(top, cursor, limit)
        if kept is None:
            continue
        versions, texts = kept
        assert versions == db.page(top, cursor, limit)
        assert all(text.endswith(f"@{v}".encode()) for v, text in zip(versions, texts, strict=True))
        served += 1
    assert served > 100


def test_a_counter_between_extensions_is_not_served() -> None:
    recent = RecentChanges()
    recent.begin(10)
    recent.extend(10, 14, [("person", "a", 12, b"a@12"), ("person", "b", 14, b"b@14")])
    assert recent.page(14, 10, 100) == ([12, 14], [b"a@12", b"b@14"])
    assert recent.page(12, 10, 100) is None  # "a" may have had another version by then
    assert recent.page(14, 5, 100) is None  # older than the run
