"""Reference data: the codes the schema stores and the labels people read.

Everything here is read once from `resources/refdata/` and kept. Two lists belong to the
organiser and arrive from the central service: the thematic exhibitions and the Fortune Global
500 list. The files ship defaults (the latter clearly made up) that `set_thematic_exhibitions`
and `set_fortune500` replace.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from desk.models.rules.normalize import enterprise_name_key, normalize_text
from desk.paths import resources_dir

# The option lists of choices.json, by the name callers use.
CHOICE_LISTS = (
    "regions",
    "nationalities",
    "natures",
    "company_types",
    "participations",
    "exhibitor_types",
    "attendee_types",
    "purposes",
    "genders",
    "doc_types",
    "duties",
    "positions",
    "staff_positions",
    "badge_types",
    "guest_kinds",
)

# Regions of China that are not the mainland: never "abroad" as a country.
CHINA_ALPHA2 = frozenset({"CN", "HK", "MO", "TW"})


def refdata_dir() -> Path:
    return resources_dir() / "refdata"


@dataclass(frozen=True, slots=True)
class Choice:
    """One option: the stored code and its labels."""

    code: str
    zh: str
    en: str

    def label(self, language: str = "zh") -> str:
        return self.zh if language.lower().startswith("zh") else self.en


@dataclass(frozen=True, slots=True)
class Province:
    code: str  # GB/T 2260, six digits
    name_zh: str
    name_en: str
    iso3166_2: str
    mainland: bool


@dataclass(frozen=True, slots=True)
class Country:
    alpha2: str
    alpha3: str
    numeric: str
    name_zh: str  # as shown: Hong Kong, Macao and Taiwan as regions of China
    name_en: str
    region_of_china: bool

    def label(self, language: str = "zh") -> str:
        return self.name_zh if language.lower().startswith("zh") else self.name_en


def _read_json(name: str) -> Any:
    return json.loads((refdata_dir() / name).read_text(encoding="utf-8"))


def _read_csv(name: str) -> list[dict[str, str]]:
    text = (refdata_dir() / name).read_text(encoding="utf-8-sig")
    return _csv_rows(text)


def _csv_rows(text: str) -> list[dict[str, str]]:
    # Lines starting with "#" are notes (the demo list says it is made up there).
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _choice_list(items: Iterable[dict[str, str]]) -> tuple[Choice, ...]:
    return tuple(Choice(item["code"], item["zh"], item["en"]) for item in items)


@cache
def _choices_file() -> dict[str, Any]:
    data: dict[str, Any] = _read_json("choices.json")
    return data


@cache  # every command checks its fields against these lists
def choices(list_name: str) -> tuple[Choice, ...]:
    """The options of one list of `CHOICE_LISTS`, in display order."""
    if list_name not in CHOICE_LISTS:
        raise KeyError(f"unknown choice list {list_name!r}")
    return _choice_list(_choices_file()[list_name])


@cache
def codes(list_name: str) -> tuple[str, ...]:
    return tuple(choice.code for choice in choices(list_name))


def label(list_name: str, code: str, language: str = "zh") -> str:
    """The label of a code, or the code itself when it is unknown (old data stays readable)."""
    for choice in _all_choices(list_name):
        if choice.code == code:
            return choice.label(language)
    return code


def _all_choices(list_name: str) -> tuple[Choice, ...]:
    if list_name == "service_sectors":
        return service_sectors()
    if list_name == "thematic_exhibitions":
        return thematic_exhibitions()
    return choices(list_name)


def doc_types_for(nationality: str) -> tuple[str, ...]:
    """Document types a person of that nationality may register with, preferred first."""
    allowed: dict[str, list[str]] = _choices_file()["doc_types_by_nationality"]
    return tuple(allowed.get(nationality, ()))


@cache
def service_sectors() -> tuple[Choice, ...]:
    """The twelve service-trade sectors (WTO W/120): the enterprise's industry."""
    return _choice_list(_read_json("service_sectors.json")["sectors"])


_thematic_override: tuple[Choice, ...] | None = None


@cache
def _default_thematic() -> tuple[Choice, ...]:
    return _choice_list(_read_json("thematic_exhibitions.json")["exhibitions"])


def thematic_exhibitions() -> tuple[Choice, ...]:
    """The fair's thematic exhibitions: the enterprise's interested sectors."""
    return _thematic_override if _thematic_override is not None else _default_thematic()


def set_thematic_exhibitions(items: Iterable[Choice] | None) -> None:
    """Replace the thematic exhibitions with the organiser's (None: back to the default)."""
    global _thematic_override
    _thematic_override = None if items is None else tuple(items)


@cache
def provinces() -> tuple[Province, ...]:
    """GB/T 2260 provincial divisions, including Taiwan, Hong Kong and Macao (not mainland)."""
    return tuple(
        Province(
            code=row["gb2260_code"],
            name_zh=row["name_zh"],
            name_en=row["iso_name_romanized"],
            iso3166_2=row["iso3166_2"],
            mainland=row["mainland"] == "Y",
        )
        for row in _read_csv("provinces_gbt2260.csv")
    )


@cache
def _provinces_by_code() -> dict[str, Province]:
    return {province.code: province for province in provinces()}


def province(code: str) -> Province | None:
    return _provinces_by_code().get(code)


def mainland_provinces() -> tuple[Province, ...]:
    return tuple(p for p in provinces() if p.mainland)


@cache
def countries() -> tuple[Country, ...]:
    """ISO 3166-1 countries and territories, with their display names."""
    return tuple(
        Country(
            alpha2=row["alpha2"],
            alpha3=row["alpha3"],
            numeric=row["numeric"],
            name_zh=row["display_zh"],
            name_en=row["display_en"],
            region_of_china=row["region_of_china"] == "Y",
        )
        for row in _read_csv("countries_iso3166.csv")
    )


@cache
def _country_index() -> dict[str, Country]:
    index: dict[str, Country] = {}
    for item in countries():
        index[item.alpha2] = index[item.alpha3] = index[item.numeric] = item
    return index


def country(code: str) -> Country | None:
    """A country by alpha-2, alpha-3 or three-digit numeric code."""
    return _country_index().get(code.upper())


def foreign_countries() -> tuple[Country, ...]:
    """The choices for "abroad": every country except China and its regions."""
    return tuple(c for c in countries() if c.alpha2 not in CHINA_ALPHA2)


@cache
def mobile_prefixes() -> tuple[str, ...]:
    """Prefixes of mainland mobile numbers (3 to 5 digits)."""
    return tuple(_read_json("cn_mobile_prefixes.json")["prefixes"])


@cache
def uscc_categories() -> dict[tuple[str, str], tuple[str, str]]:
    """(registration department, entity type) of a USCC -> their Chinese names."""
    return {
        (row["dept_code"], row["type_code"]): (row["dept_zh"], row["type_zh"])
        for row in _read_csv("uscc_registration_categories.csv")
    }


@dataclass(frozen=True, slots=True)
class Fortune500Company:
    name: str  # the stored value
    name_zh: str


class Fortune500List:
    """The organiser's Fortune Global 500 list, searched by keyword, matched by name key."""

    def __init__(self, companies: Iterable[Fortune500Company]) -> None:
        self.companies: tuple[Fortune500Company, ...] = tuple(companies)
        self._by_key: dict[str, str] = {}
        for company in self.companies:
            for spelling in (company.name, company.name_zh):
                if spelling:
                    self._by_key.setdefault(enterprise_name_key(spelling), company.name)

    @classmethod
    def from_csv_text(cls, text: str) -> Fortune500List:
        """Columns `name` (stored) and optional `name_zh`; lines starting with # are notes."""
        companies = []
        for row in _csv_rows(text):
            name = normalize_text(row.get("name") or "")
            if name:
                companies.append(Fortune500Company(name, normalize_text(row.get("name_zh") or "")))
        return cls(companies)

    @classmethod
    def from_csv(cls, path: Path) -> Fortune500List:
        return cls.from_csv_text(path.read_text(encoding="utf-8-sig"))

    def __len__(self) -> int:
        return len(self.companies)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.find(name) is not None

    def find(self, name: str) -> str | None:
        """The stored name of the company spelled `name` (either language), or None."""
        return self._by_key.get(enterprise_name_key(name))

    def search(self, keyword: str, limit: int = 20) -> list[Fortune500Company]:
        """Companies whose name (either language) contains the keyword."""
        key = enterprise_name_key(keyword)
        if not key:
            return []
        found = [
            company
            for company in self.companies
            if key in enterprise_name_key(company.name)
            or key in enterprise_name_key(company.name_zh)
        ]
        return found[:limit]


_fortune500_override: Fortune500List | None = None


@cache
def _demo_fortune500() -> Fortune500List:
    return Fortune500List.from_csv(refdata_dir() / "fortune500_demo.csv")


def fortune500() -> Fortune500List:
    """The loaded list: the organiser's when set, otherwise the made-up demo list."""
    return _fortune500_override if _fortune500_override is not None else _demo_fortune500()


def set_fortune500(companies: Fortune500List | None) -> None:
    """Use the organiser's list (None: back to the demo list)."""
    global _fortune500_override
    _fortune500_override = companies
