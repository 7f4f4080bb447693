"""Generators of valid numbers for the rule tests.

The check digits here are computed by an independent, literal reading of the standards (not
by the code under test), so a wrong algorithm in the code cannot make its own tests pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import strategies as st

TODAY = date(2025, 9, 10)

MOD11_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
USCC_ALPHA = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MAINLAND_PROVINCES = (
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65"
).split()
USCC_CATEGORIES = (
    ("9", "1"),
    ("9", "2"),
    ("1", "1"),
    ("5", "1"),
    ("Y", "1"),
    ("A", "1"),
    ("N", "2"),
)
FPR_NATIONALITIES = ("398", "840", "276", "392", "826", "250", "410")
ICAO_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<"


def mod11(body: str) -> str:
    remainder = (12 - sum(int(c) * w for c, w in zip(body, MOD11_WEIGHTS, strict=True)) % 11) % 11
    return "X" if remainder == 10 else str(remainder)


def uscc_char(body: str) -> str:
    total = sum(USCC_ALPHA.index(c) * (3**i % 31) for i, c in enumerate(body))
    return USCC_ALPHA[(31 - total % 31) % 31]


def gb11714_char(body: str) -> str:
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    value = 11 - sum(int(c, 36) * w for c, w in zip(body, weights, strict=True)) % 11
    return "X" if value == 10 else "0" if value == 11 else str(value)


def icao_value(char: str) -> int:
    if char == "<":
        return 0
    if char.isdigit():
        return int(char)
    return ord(char) - ord("A") + 10


def icao(field: str) -> str:
    return str(sum(icao_value(c) * (7, 3, 1)[i % 3] for i, c in enumerate(field)) % 10)


def resident_id(address: str, born: str, sequence: str) -> str:
    body = address + born + sequence
    return body + mod11(body)


def uscc(dept: str, kind: str, division: str, org_body: str, *, good_org: bool = True) -> str:
    org_check = gb11714_char(org_body)
    if not good_org:
        org_check = "1" if org_check != "1" else "2"
    body = dept + kind + division + org_body + org_check
    return body + uscc_char(body)


def mrz_line2(
    number: str, nationality: str, born: str, sex: str, expiry: str, personal: str
) -> str:
    number = number.ljust(9, "<")
    personal = personal.ljust(14, "<")
    personal_check = "<" if set(personal) == {"<"} else icao(personal)
    line = (
        number
        + icao(number)
        + nationality.ljust(3, "<")
        + born
        + icao(born)
        + sex
        + expiry
        + icao(expiry)
        + personal
        + personal_check
    )
    composite = line[0:10] + line[13:20] + line[21:43]
    return line + icao(composite)


def mrz_line1(issuer: str, surname: str, given: str) -> str:
    names = surname.replace(" ", "<") + "<<" + given.replace(" ", "<")
    return ("P<" + issuer.ljust(3, "<") + names).ljust(44, "<")[:44]


def fullwidth(text: str) -> str:
    """What a Chinese input method types: every ASCII character in its full-width form."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@dataclass(frozen=True)
class Mrz:
    line1: str
    line2: str
    number: str
    born: date


_born = st.dates(date(1900, 1, 1), TODAY)
_seq = st.integers(0, 999).map(lambda n: f"{n:03d}")


def _ymd(day: date) -> str:
    return day.strftime("%Y%m%d")


resident_ids = st.builds(
    lambda province, county, born, seq: resident_id(province + county, _ymd(born), seq),
    st.sampled_from(MAINLAND_PROVINCES),
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    _born,
    _seq,
)
residence_permits = st.builds(
    lambda prefix, born, seq: resident_id(prefix, _ymd(born), seq),
    st.sampled_from(("810000", "820000", "830000")),
    _born,
    _seq,
)
foreign_permanent_ids = st.builds(
    lambda province, nation, born, seq: resident_id("9" + province + nation, _ymd(born), seq),
    st.sampled_from(MAINLAND_PROVINCES),
    st.sampled_from(FPR_NATIONALITIES),
    _born,
    _seq,
)
usccs = st.builds(
    lambda category, province, county, org: uscc(*category, province + county, org),
    st.sampled_from(USCC_CATEGORIES),
    st.sampled_from(MAINLAND_PROVINCES),
    st.integers(0, 9999).map(lambda n: f"{n:04d}"),
    st.text(alphabet=USCC_ALPHA, min_size=8, max_size=8),
)


def _mrz(number: str, nation: str, born: date, sex: str, expiry: date, personal: str) -> Mrz:
    line2 = mrz_line2(
        number, nation, born.strftime("%y%m%d"), sex, expiry.strftime("%y%m%d"), personal
    )
    return Mrz(mrz_line1(nation, "DOE", "JANE ANN"), line2, number, born)


mrzs = st.builds(
    _mrz,
    st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=6, max_size=9),
    st.sampled_from(("UTO", "DEU", "FRA", "USA", "GBR", "D")),
    # MRZ birth dates carry two-digit years: keep within the last hundred years.
    st.dates(date(1926, 1, 1), TODAY),
    st.sampled_from("MF<"),
    st.dates(date(2000, 1, 1), date(2069, 12, 31)),
    st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ<", max_size=14),
)

# Separators people and scanners put between the characters of a number.
separators = st.lists(st.sampled_from(["", "", "", " ", "-", "\u3000", "－", "\u2014"]))


def spaced(number: str, seps: list[str]) -> str:
    return "".join(c + (seps[i] if i < len(seps) else "") for i, c in enumerate(number))


@pytest.fixture(scope="session")
def gen() -> SimpleNamespace:
    return SimpleNamespace(
        today=TODAY,
        resident_ids=resident_ids,
        residence_permits=residence_permits,
        foreign_permanent_ids=foreign_permanent_ids,
        usccs=usccs,
        mrzs=mrzs,
        separators=separators,
        spaced=spaced,
        fullwidth=fullwidth,
        resident_id=resident_id,
        uscc=uscc,
        mrz_line1=mrz_line1,
        mrz_line2=mrz_line2,
        icao_value=icao_value,
        icao_chars=ICAO_CHARS,
        uscc_alpha=USCC_ALPHA,
    )
