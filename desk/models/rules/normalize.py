"""Normalisation applied before any rule: what operators type is rarely what we store.

A Chinese input method types full-width digits, letters and punctuation; a scanner may add
spaces; people type hyphens into document numbers. Every rule first brings the value to one
canonical form, so that the same number or name always compares equal.
"""

from __future__ import annotations

import re
import unicodedata

# Invisible characters that survive NFKC and are not whitespace to `str.split`.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))

# Dashes NFKC leaves alone; people type any of them between groups of a number.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d\u2e3a\u2e3b"
_DOCUMENT_DROP = re.compile(f"[\\s{re.escape(_DASHES)}]+")

_SPACES = re.compile(r"\s+")
_LINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")

# Punctuation that differs only by width or by script between two spellings of one name.
_NAME_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("([{【〔〖「『〈《｛⦅", "("),
        **dict.fromkeys(")]}】〕〗」』〉》｝⦆", ")"),
        **dict.fromkeys("·・•‧∙⋅ᐧ", "·"),
        **dict.fromkeys(_DASHES, "-"),
        **dict.fromkeys("“”„‟〝〞″", '"'),
        **dict.fromkeys("‘’‚‛′`", "'"),
        **dict.fromkeys("，、﹐﹑", ","),
        **dict.fromkeys("。｡", "."),
    }
)


def normalize_text(value: str, *, multiline: bool = False) -> str:
    """NFKC, strip, and collapse internal whitespace to one space.

    With `multiline`, line breaks are kept (at most one blank line in a row) and only the
    spaces within each line are collapsed: an introduction keeps its paragraphs.
    """
    text = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    if not multiline:
        return _SPACES.sub(" ", text).strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def normalize_document(value: str) -> str:
    """NFKC, without spaces or hyphens (full-width ones too), upper-case."""
    text = unicodedata.normalize("NFKC", value).translate(_INVISIBLE)
    return _DOCUMENT_DROP.sub("", text).upper()


def _is_cjk(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, kana, CJK unified ideographs
        or 0xAC00 <= code <= 0xD7AF  # hangul
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3FFFF
    )


def _space_matters(before: str, after: str) -> bool:
    # A space separates two Latin words ("Acme Trading"); beside punctuation or a Chinese
    # character it is only typing style, and two spellings of one name must compare equal.
    return before.isalnum() and after.isalnum() and not _is_cjk(before) and not _is_cjk(after)


def enterprise_name_key(name: str) -> str:
    """The key that makes "one account per name": equal for two spellings of one name.

    NFKC, case fold, punctuation folded (brackets, middle dots, dashes, quotes, Chinese
    commas), whitespace collapsed and dropped where it only separates punctuation or
    Chinese characters.
    """
    key = _name_key_pass(name)
    # Case folding and dropping a space can leave a string NFKC would recompose (a letter
    # before a lone accent): repeat until the key no longer changes, so it is stable.
    for _ in range(3):
        again = _name_key_pass(key)
        if again == key:
            break
        key = again
    return key


def _name_key_pass(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).translate(_INVISIBLE).casefold()
    text = _SPACES.sub(" ", text.translate(_NAME_PUNCTUATION)).strip()
    kept: list[str] = []
    for i, char in enumerate(text):
        if char == " " and not _space_matters(text[i - 1], text[i + 1]):
            continue
        kept.append(char)
    return "".join(kept)


_NAME_DOTS = {ord(char): "·" for char in "・•‧∙⋅ᐧ"}


def fold_name_dots(name: str) -> str:
    """One middle dot for the many that input methods type inside names (阿依古丽·买买提)."""
    return name.translate(_NAME_DOTS)
