"""The check-digit algorithms of the documents the desk sees.

ISO 7064 MOD 11-2 comes from python-stdnum, which gets it right; the USCC check is our own
because `stdnum.cn.uscc` refuses codes that start with a letter, and the ICAO one because the
only MRZ package on PyPI is GPL and unmaintained.
"""

from __future__ import annotations

from stdnum.iso7064 import mod_11_2

# GB 32100-2015: the 31 characters a unified social credit code may use (no I, O, S, V, Z).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_GB11714_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ICAO_WEIGHTS = (7, 3, 1)


def mod11_2_check(body: str) -> str:
    """Check character of a resident id (and its relatives) over the first 17 digits."""
    return str(mod_11_2.calc_check_digit(body))


def uscc_check(body: str) -> str:
    """GB 32100 check character over the first 17 characters: weights 3^(i-1) mod 31."""
    total = sum(USCC_ALPHABET.index(char) * pow(3, i, 31) for i, char in enumerate(body))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def gb11714_check(body: str) -> str:
    """GB 11714 organisation code check over 8 characters (letters count A=10 ... Z=35)."""
    total = sum(int(char, 36) * weight for char, weight in zip(body, _GB11714_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def icao_value(char: str) -> int:
    """Value of an MRZ character: `<` is 0, digits themselves, A=10 ... Z=35."""
    return 0 if char == "<" else int(char, 36)


def icao_check(field: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1 repeating, sum mod 10."""
    total = sum(icao_value(char) * _ICAO_WEIGHTS[i % 3] for i, char in enumerate(field))
    return str(total % 10)
