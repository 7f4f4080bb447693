"""The enterprise record (企业信息) and its participation (参展/参会信息)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from desk.models import refdata
from desk.models.rules import contact, documents, messages
from desk.models.rules.errors import RuleError
from desk.models.rules.forms import FormReader, FormResult
from desk.models.rules.normalize import normalize_document, normalize_text

if TYPE_CHECKING:
    from desk.models.refdata import Fortune500List

INTRODUCTION_MIN, INTRODUCTION_MAX = 50, 1000
EXHIBIT_TEXT_MAX = 2000
URL_MAX = 300
INVITATION_MIN, INVITATION_MAX = 6, 16

_HOST_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")
_INVITATION = re.compile(r"[A-Z0-9]+")


def check_url(value: object, field: str = "website") -> tuple[str | None, RuleError | None]:
    """An http(s) address with a real host name; returns (normalised, error)."""
    zh, en = messages.label(field)
    if not isinstance(value, str):
        return None, messages.bad_type(field)
    text = normalize_text(value)
    if len(text) > URL_MAX:
        return None, messages.too_long(field, URL_MAX)
    bad = RuleError(
        field,
        "bad_url",
        f"{zh}应为以 http:// 或 https:// 开头的完整网址",
        f"{en} must be a full address starting with http:// or https://",
    )
    if " " in text:
        return None, bad
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
        ascii_host = host.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None, bad
    labels = ascii_host.rstrip(".").split(".")
    if (
        parts.scheme.lower() not in ("http", "https")
        or len(labels) < 2
        or not all(_HOST_LABEL.fullmatch(label) for label in labels)
        # An all-numeric top label is only fine for an IPv4 address.
        or (labels[-1].isdigit() and not all(label.isdigit() for label in labels))
    ):
        return None, bad
    return text, None


def check_enterprise(
    data: Mapping[str, Any],
    *,
    fortune500: Fortune500List | None = None,
    thematic_codes: Collection[str] | None = None,
) -> FormResult:
    """Enterprise information. The Fortune Global 500 list and the thematic exhibitions
    default to the ones loaded in `refdata`."""
    form = FormReader(data, "enterprise")
    form.text("name", max_len=200)
    form.choice("nature", refdata.codes("natures"))
    region = form.choice("region", refdata.codes("regions"))

    form.set("province", None)
    if region == "mainland":
        _province(form)
    form.set("country", None)
    if region == "abroad":
        foreign_country(form, "country")
    form.set("uscc", None)
    if region == "mainland":
        # Required of everything registered in the mainland; not asked of anyone else.
        form.checked("uscc", documents.check_uscc(form.data.get("uscc")))

    form.choice("industry", [s.code for s in refdata.service_sectors()])
    sectors = thematic_codes
    if sectors is None:
        sectors = [s.code for s in refdata.thematic_exhibitions()]
    form.choice_list("interested_sectors", sectors)
    form.choice("company_type", refdata.codes("company_types"))

    listed = form.flag("fortune500")
    form.set("fortune500_company", None)
    if listed:
        raw = form.raw_text("fortune500_company")
        if raw is not None:
            found = (fortune500 or refdata.fortune500()).find(raw)
            if found is None:
                form.add(
                    RuleError(
                        "fortune500_company",
                        "not_in_list",
                        "请从财富世界500强名单中选择企业",
                        "Choose the company from the Fortune Global 500 list",
                    )
                )
            form.set("fortune500_company", found)

    form.set("website", "")
    if form.present("website"):
        url, error = check_url(form.data["website"])
        form.add(error)
        form.set("website", url)
    form.text("introduction", min_len=INTRODUCTION_MIN, max_len=INTRODUCTION_MAX, multiline=True)
    return form.result()


def _province(form: FormReader) -> None:
    raw = form.raw_text("province")
    if raw is None:
        return
    code = normalize_document(raw)
    found = refdata.province(code)
    if found is None or not found.mainland:
        form.add(messages.not_in_list("province"))
        return
    form.set("province", code)


def foreign_country(form: FormReader, name: str) -> None:
    """An ISO alpha-2 country for "abroad": China, Hong Kong, Macao and Taiwan are not."""
    raw = form.raw_text(name)
    if raw is None:
        return
    code = normalize_document(raw)
    found = refdata.country(code) if len(code) == 2 else None
    if found is None:
        form.add(messages.not_in_list(name))
        return
    if found.alpha2 in refdata.CHINA_ALPHA2:
        form.add(
            RuleError(
                name,
                "not_abroad",
                "中国内地、香港、澳门、台湾不属于境外，请改选对应地区",
                "Mainland China, Hong Kong, Macao and Taiwan are not abroad; choose the region",
            )
        )
        return
    form.set(name, found.alpha2)


def check_invitation_code(
    value: object, field: str = "invitation_code"
) -> tuple[str | None, RuleError | None]:
    """6-16 of A-Z0-9 after normalisation (case, width and spaces do not matter)."""
    if value is None:
        return None, messages.required(field)
    if not isinstance(value, str):
        return None, messages.bad_type(field)
    code = normalize_document(value)
    if not code:
        return None, messages.required(field)
    if len(code) < INVITATION_MIN:
        return None, messages.too_short(field, INVITATION_MIN)
    if len(code) > INVITATION_MAX:
        return None, messages.too_long(field, INVITATION_MAX)
    if not _INVITATION.fullmatch(code):
        return None, RuleError(
            field,
            "bad_characters",
            "邀请码只包含字母和数字",
            "An invitation code only has letters and digits",
        )
    return code, None


def check_participation(data: Mapping[str, Any]) -> FormResult:
    """The application: exhibitor or attendee, invitation code, contact person, purposes."""
    form = FormReader(data, "participation")
    participation = form.choice("participation", refdata.codes("participations"))
    exhibitor = participation == "exhibitor"
    form.set("exhibitor_type", None)
    if exhibitor:
        form.choice("exhibitor_type", refdata.codes("exhibitor_types"))
    attendee_type = None
    form.set("attendee_type", None)
    if participation == "attendee":
        attendee_type = form.choice("attendee_type", refdata.codes("attendee_types"))

    # Every exhibitor needs a code (所有参展企业均凭邀请码参展); so does an invited attendee.
    form.set("invitation_code", None)
    if attendee_type == "uninvited":
        if form.present("invitation_code"):
            form.warn(
                RuleError(
                    "invitation_code",
                    "ignored",
                    "非受邀参会不使用邀请码，已忽略所填邀请码",
                    "Uninvited attendees use no invitation code; the code given was ignored",
                )
            )
    elif exhibitor or attendee_type == "invited" or form.present("invitation_code"):
        code, error = check_invitation_code(form.data.get("invitation_code"))
        form.add(error)
        form.set("invitation_code", code)

    form.text("contact_name", max_len=100)
    form.text("contact_position", max_len=100)
    form.checked("contact_phone", contact.check_phone(form.data.get("contact_phone")))
    form.checked("contact_email", contact.check_email(form.data.get("contact_email")))
    form.choice_list("purposes", refdata.codes("purposes"))
    for name in ("exhibit_content", "exhibit_needs"):
        if exhibitor:
            form.text(name, max_len=EXHIBIT_TEXT_MAX, multiline=True)
        else:
            form.set(name, "")
    return form.result()
