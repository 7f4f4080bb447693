"""Random but plausible desk work: walk-ins (some racing for one invitation code or one
enterprise name), people added, edited and deleted."""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from desk.models.schema import Enterprise, Person
from desk.sync.replica import Replica
from tests.sync import forms

Command = tuple[str, dict[str, Any]]


class Workload:
    def __init__(
        self,
        rng: random.Random,
        *,
        tag: str,
        shared_codes: Sequence[str] = (),
        shared_names: Sequence[str] = (),
    ) -> None:
        self.rng = rng
        self.tag = tag
        self.shared_codes = list(shared_codes)
        self.shared_names = list(shared_names)
        self.count = 0

    def _known(self, replica: Replica) -> tuple[list[str], list[str]]:
        with replica.read() as session:
            enterprises = [
                str(i)
                for i in session.scalars(
                    select(Enterprise.id)
                    .where(Enterprise.deleted.is_(False), Enterprise.canonical_id.is_(None))
                    .limit(50)
                )
            ]
            people = [
                str(i)
                for i in session.scalars(
                    select(Person.id).where(Person.deleted.is_(False)).limit(50)
                )
            ]
        return enterprises, people

    def next_commands(self, replica: Replica) -> list[Command]:
        self.count += 1
        n = f"{self.tag}{self.count}"
        roll = self.rng.random()
        enterprises, people = self._known(replica)
        if roll < 0.3 or not enterprises:
            name = f"测试企业{n}有限公司"
            code = None
            if self.shared_names and self.rng.random() < 0.3:
                name = self.rng.choice(self.shared_names)
            if self.shared_codes and self.rng.random() < 0.3:
                code = self.rng.choice(self.shared_codes)
            return forms.walk_in(f"w{n}", name, code)
        if roll < 0.7 or not people:
            return [
                (
                    "add_person",
                    {
                        "person_id": forms.new_id(),
                        "enterprise_id": self.rng.choice(enterprises),
                        "person": forms.person(seq=self.rng.randrange(100)),
                    },
                )
            ]
        person = self.rng.choice(people)
        if roll < 0.9:
            return [
                (
                    "edit_person",
                    {
                        "person_id": person,
                        "person": forms.person(
                            self.rng.choice(["张伟", "李娜", "王芳"]), seq=self.rng.randrange(100)
                        ),
                    },
                )
            ]
        return [("delete_person", {"person_id": person})]
