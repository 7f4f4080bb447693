"""The host organisation side: its own record, its staff, its guests and VIPs."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from desk.models import refdata
from desk.models.rules import contact, documents
from desk.models.rules.enterprise import check_url
from desk.models.rules.errors import RuleError
from desk.models.rules.forms import FormReader, FormResult
from desk.models.rules.normalize import normalize_document, normalize_text
from desk.models.rules.person import is_latin_name, read_identity

NO_USCC = "n/a"  # the guide's answer for an organisation without a credit code
_SHA256 = re.compile(r"[0-9a-f]{64}")
_POSTCODE = re.compile(r"[0-9]{6}")


def _has_cjk(text: str) -> bool:
    return any("\u2e80" <= char <= "\u9fff" or "\uac00" <= char <= "\ud7af" for char in text)


def check_host_org(data: Mapping[str, Any]) -> FormResult:
    """A host organisation's record, reviewed by the committee before anything else."""
    form = FormReader(data, "host_org")
    form.text("name", max_len=200)
    name_en = form.text("name_en", max_len=200)
    if name_en is not None and _has_cjk(name_en):
        form.add(
            RuleError(
                "name_en",
                "not_latin",
                "英文名称不能包含中文",
                "The English name cannot contain Chinese characters",
            )
        )
        form.set("name_en", None)
    form.text("field", max_len=100)
    form.text("industry_category", max_len=100)

    raw = form.raw_text("licence_sha256")
    if raw is not None:
        digest = normalize_document(raw).lower()
        if _SHA256.fullmatch(digest):
            form.set("licence_sha256", digest)
        else:
            form.add(
                RuleError(
                    "licence_sha256",
                    "bad_format",
                    "营业执照扫描件的摘要无效，请重新上传",
                    "The licence scan's SHA-256 is not valid; upload the scan again",
                )
            )

    raw = form.raw_text("uscc")
    if raw is not None:
        if normalize_text(raw).casefold() == NO_USCC:
            form.set("uscc", NO_USCC)
        else:
            form.checked("uscc", documents.check_uscc(raw))

    form.text("address", max_len=300)
    raw = form.raw_text("postcode")
    if raw is not None:
        postcode = normalize_document(raw)
        if _POSTCODE.fullmatch(postcode):
            form.set("postcode", postcode)
        else:
            form.add(
                RuleError("postcode", "bad_format", "邮编应为6位数字", "A postcode has 6 digits")
            )
    form.checked("phone", contact.check_phone(form.data.get("phone")))
    form.set("website", "")
    if form.present("website"):
        url, error = check_url(form.data["website"])
        form.add(error)
        form.set("website", url)
    return form.result()


def check_host_staff(data: Mapping[str, Any], *, today: date | None = None) -> FormResult:
    """A host organisation's staff member (机构人员); they receive delegate badges.

    `values` also holds `name`, the full name as shown: surname first in Chinese, given
    name first in Latin script.
    """
    form = FormReader(data, "host_staff")
    read_identity(
        form,
        today=today or date.today(),
        names=("surname", "given_name"),
        name_max=50,
        with_birthday=False,
        default_nationality="mainland",
    )
    surname, given = form.values.get("surname"), form.values.get("given_name")
    form.set("name", None)
    if surname and given:
        latin = is_latin_name(surname + given)
        form.set("name", f"{given} {surname}" if latin else surname + given)
    form.choice("position", refdata.codes("staff_positions"))
    return form.result()


def check_guest(data: Mapping[str, Any], *, today: date | None = None) -> FormResult:
    """A guest or VIP (普通嘉宾 / 贵宾) of a host organisation."""
    form = FormReader(data, "guest")
    form.choice("kind", refdata.codes("guest_kinds"))
    read_identity(
        form,
        today=today or date.today(),
        names=("name",),
        name_max=100,
        with_birthday=False,
        default_nationality="mainland",
    )
    form.text("organisation", max_len=200)
    form.text("position", max_len=100)
    return form.result()
