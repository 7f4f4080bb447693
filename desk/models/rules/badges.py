"""Which badge type a holder may get (制证类型)."""

from __future__ import annotations

from desk.models import refdata
from desk.models.rules import messages
from desk.models.rules.errors import RuleError

HOLDERS = ("personnel", "host_staff", "guest")
# The schema names enterprise personnel "person"; both spellings are accepted.
_HOLDER_ALIASES = {"person": "personnel"}


def allowed_badge_types(
    *, participation: str | None, exhibitor_type: str | None, holder: str = "personnel"
) -> tuple[str, ...]:
    """Badge types open to a holder; empty when none is (online-only exhibitors)."""
    holder = _HOLDER_ALIASES.get(holder, holder)
    if holder not in HOLDERS:
        raise ValueError(f"unknown badge holder {holder!r}")
    if holder != "personnel":
        return ("delegate",)
    if participation == "exhibitor":
        return ("exhibitor",) if exhibitor_type == "onsite" else ()
    if participation == "attendee":
        return ("delegate", "buyer")
    return ()


def check_badge_type(
    *,
    participation: str | None,
    exhibitor_type: str | None,
    badge_type: object,
    holder: str = "personnel",
) -> RuleError | None:
    """None when `badge_type` fits the holder and their enterprise's participation.

    Exhibitor badges are for people of on-site exhibitors only, delegate or buyer badges for
    people of attendee enterprises, delegate badges for host staff and guests; online-only
    exhibitors get none.
    """
    field = "badge_type"
    if badge_type is None or badge_type == "":
        return messages.required(field, choose=True)
    if not isinstance(badge_type, str):
        return messages.bad_type(field)
    if badge_type not in refdata.codes("badge_types"):
        return messages.not_in_list(field)
    allowed = allowed_badge_types(
        participation=participation, exhibitor_type=exhibitor_type, holder=holder
    )
    if not allowed:
        if participation == "exhibitor" and exhibitor_type == "online":
            return RuleError(
                field,
                "online_exhibitor",
                "线上参展商不能提交制证申请",
                "Online-only exhibitors cannot request badges",
            )
        return RuleError(
            field,
            "no_participation",
            "企业尚未提交参展或参会申请，不能申请制证",
            "The enterprise has not applied to exhibit or attend, so no badge can be requested",
        )
    if badge_type in allowed:
        return None
    zh = "、".join(refdata.label("badge_types", code) for code in allowed)
    en = " or ".join(refdata.label("badge_types", code, "en").lower() for code in allowed)
    return RuleError(
        field,
        "badge_type_not_allowed",
        f"该人员只能申请{zh}证件",
        f"This person can only get a {en} badge",
    )
