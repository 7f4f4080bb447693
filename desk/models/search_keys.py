"""Search keys computed once where a row is written, and travelling with it.

pypinyin reads a name as ordinary text, so a surname with a special reading comes out wrong
(单 as "dan", 曾 as "ceng", 解 as "jie"). Names are read here with the surname first: a
compound surname or a single-character surname with its surname reading, then the given name
as pypinyin reads it.

pypinyin (a quarter of a second to import, for its phrase dictionary) is imported the first
time a key is computed, not when the desk starts: searching reads keys stored with the rows.
"""

from __future__ import annotations

import unicodedata

# Surnames whose reading differs from the character's most common one.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "单": ("shan",),
    "曾": ("zeng",),
    "解": ("xie",),
    "仇": ("qiu",),
    "区": ("ou",),
    "查": ("zha",),
    "朴": ("piao",),
    "乐": ("yue",),
    "盖": ("ge",),
    "缪": ("miao",),
    "覃": ("qin",),
    "召": ("shao",),
    "秘": ("bi",),
    "繁": ("po",),
    "宓": ("mi",),
    "种": ("chong",),
    "折": ("she",),
    "员": ("yun",),
    "翟": ("zhai",),
    "尉": ("wei",),
    "晟": ("cheng",),
    "隗": ("wei",),
    "眭": ("sui",),
    "句": ("gou",),
    "華": ("hua",),
    "华": ("hua",),
    "任": ("ren",),
    "薄": ("bo",),
    "柏": ("bai",),
    "藏": ("zang",),
    "长孙": ("zhang", "sun"),
    "尉迟": ("yu", "chi"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "令狐": ("ling", "hu"),
    "单于": ("chan", "yu"),
    "欧阳": ("ou", "yang"),
    "上官": ("shang", "guan"),
    "司马": ("si", "ma"),
    "诸葛": ("zhu", "ge"),
    "皇甫": ("huang", "fu"),
    "司徒": ("si", "tu"),
    "公孙": ("gong", "sun"),
    "夏侯": ("xia", "hou"),
    "东方": ("dong", "fang"),
    "慕容": ("mu", "rong"),
}


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" for ch in text)


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of a Chinese text, plain letters only (ü written as v)."""
    from pypinyin import Style, lazy_pinyin

    return [s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=False) if s.strip()]


def person_name_syllables(name: str) -> list[str]:
    """The syllables of a person's name, the surname read as a surname."""
    name = unicodedata.normalize("NFKC", name).strip()
    if not _has_han(name):
        return [w for w in "".join(c if c.isalnum() else " " for c in name).lower().split()]
    for length in (2, 1):
        surname = name[:length]
        if surname in SURNAME_READINGS and len(name) > length:
            return [*SURNAME_READINGS[surname], *_syllables(name[length:])]
    return _syllables(name)


def text_syllables(text: str) -> list[str]:
    """Syllables of an organisation's name: no surname rule; Latin words kept as words."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    out: list[str] = []
    for piece in _syllables(text):
        out.extend(w for w in "".join(c if c.isalnum() else " " for c in piece).split())
    return out


def pinyin_keys(syllables: list[str]) -> tuple[str, str]:
    """(full pinyin without spaces, initials): "shanxiongxin", "sxx"."""
    ascii_only = [s for s in syllables if s.isascii()]
    return "".join(ascii_only), "".join(s[0] for s in ascii_only if s)


def person_keys(name: str) -> tuple[str, str]:
    return pinyin_keys(person_name_syllables(name))


def organisation_keys(name: str) -> tuple[str, str]:
    return pinyin_keys(text_syllables(name))


def reversed_key(value: str | None) -> str:
    """A value reversed, so an index on it answers "ends with" searches by prefix."""
    if not value:
        return ""
    return "".join(ch for ch in value if ch.isalnum())[::-1]
