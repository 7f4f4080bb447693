"""Normalisation, the one-account-per-name key, and masking for lists."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desk.models.rules import (
    enterprise_name_key,
    mask_document,
    mask_phone,
    normalize_document,
    normalize_text,
)


def test_normalize_text() -> None:
    assert normalize_text("  Ａｃｍｅ\u3000 Trading\t\n Co.  ") == "Acme Trading Co."
    assert normalize_text("a\u200bb") == "ab"
    assert normalize_text("") == ""


def test_normalize_text_multiline_keeps_paragraphs() -> None:
    text = "  第一段  内容 \r\n\r\n\r\n\r\n 第二段\t说明 "
    assert normalize_text(text, multiline=True) == "第一段 内容\n\n第二段 说明"
    assert normalize_text(text) == "第一段 内容 第二段 说明"


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("１１０１０５ １９４９１２３１ ００２ｘ", "11010519491231002X"),
        ("110105-19491231-002x", "11010519491231002X"),
        ("110105－19491231—002X", "11010519491231002X"),
        ("h 1234 5678", "H12345678"),
        ("1234567801（b）", "1234567801(B)"),
    ],
)
def test_normalize_document(typed: str, normal: str) -> None:
    assert normalize_document(typed) == normal


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("阿里巴巴（中国）网络技术有限公司", "阿里巴巴(中国)网络技术有限公司"),
        ("阿里巴巴【中国】网络技术有限公司", "阿里巴巴 (中国) 网络技术有限公司"),
        ("ACME Trading Co., Ltd.", "acme  trading co.,ltd."),
        ("Ａｃｍｅ　Ｔｒａｄｉｎｇ", "acme trading"),
        ("新疆·天山文化", "新疆・天山文化"),
        ("北京 字节跳动", "北京字节跳动"),
        ("O’Brien Consulting", "O'Brien Consulting"),
        ("甲、乙合伙", "甲,乙合伙"),
    ],
)
def test_name_key_equal_for_two_spellings_of_one_name(one: str, other: str) -> None:
    assert enterprise_name_key(one) == enterprise_name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Acme Trading", "AcmeTrading"),  # a space between Latin words is part of the name
        ("北京字节跳动", "上海字节跳动"),
        ("Acme (China)", "Acme China"),
    ],
)
def test_name_key_differs_for_different_names(one: str, other: str) -> None:
    assert enterprise_name_key(one) != enterprise_name_key(other)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
def test_name_key_is_idempotent(name: str) -> None:
    key = enterprise_name_key(name)
    assert enterprise_name_key(key) == key


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("11010519491231002X", "**************002X"),
        ("H12345678", "*****5678"),
        ("12345678", "****5678"),
        ("123456", "***456"),  # never more than half
        ("AB1", "**1"),
        ("A", "*"),
        ("", ""),
        (None, ""),
    ],
)
def test_mask_document(value: str | None, masked: str) -> None:
    assert mask_document(value) == masked


def test_mask_phone() -> None:
    assert mask_phone("+8613800138000") == "**********8000"
    assert mask_phone(None) == ""
