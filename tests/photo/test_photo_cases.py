"""Every good composed photo passes; every bad one fails the check made for it."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from desk.models.photo import PhotoReport
from tests.photo import photo_cases

GOOD = photo_cases.good_cases()
BAD = photo_cases.bad_cases()


@pytest.mark.parametrize("case", GOOD, ids=lambda c: f"{c.kind}:{c.name}")
def test_good_photo_passes_every_check(
    case: photo_cases.Case, report: Callable[[photo_cases.Case], PhotoReport]
) -> None:
    result = report(case)
    failures = {c.code: c.value for c in result.failures}
    assert failures == {}
    assert result.ok
    # A pass must come from measuring, not from skipping.
    assert "not_measured" not in result.measures
    codes = {c.code for c in result.checks}
    if case.kind == "licence":
        assert {"file.format", "file.size", "licence.resolution", "licence.content"} <= codes
    else:
        assert {"background.colour", "face.count", "head.size", "face.sharpness"} <= codes


@pytest.mark.parametrize("case", BAD, ids=lambda c: f"{c.kind}:{c.name}")
def test_bad_photo_fails_its_check(
    case: photo_cases.Case, report: Callable[[photo_cases.Case], PhotoReport]
) -> None:
    result = report(case)
    failed = {c.code for c in result.failures}
    assert not result.ok
    assert case.fails <= failed
    if case.exact:
        assert failed == case.fails
    for check in result.failures:
        assert check.message_zh and check.message_en
        assert check.hint_zh and check.hint_en, check.code


def test_every_rule_has_a_bad_case_that_fails_it() -> None:
    """No check is left without a photo showing it can fail."""
    covered = set().union(*(c.fails for c in BAD))
    expected = {
        "file.format",
        "file.size",
        "file.orientation",
        "file.colour_mode",
        "file.dimensions",
        "background.colour",
        "background.border",
        "background.spots",
        "face.count",
        "face.roll",
        "face.eye_distance",
        "head.size",
        "head.crown",
        "face.sharpness",
        "exposure.clipped",
        "exposure.dynamic_range",
        "exposure.balance",
        "licence.resolution",
        "licence.content",
    }
    # face.yaw has no composed photo (a cut-out cannot turn its head): see test_photo_rules.
    assert expected <= covered


def test_measured_values_are_plain_json(report: Callable[[photo_cases.Case], PhotoReport]) -> None:
    for case in GOOD[:3] + BAD[:6]:
        result = report(case)
        text = json.dumps(result.as_json("x.jpg"), allow_nan=False)
        assert json.loads(text)["ok"] is result.ok


def test_good_badge_head_ratio_is_near_what_was_composed(
    report: Callable[[photo_cases.Case], PhotoReport],
) -> None:
    """Composed at crown-to-chin 0.76, 0.74 and 0.80 of the height: measured within 0.03."""
    wanted = {"obama": 0.76, "obama-head-74": 0.74, "obama-head-80": 0.80, "hopper-head-78": 0.78}
    for case in GOOD:
        if case.kind == "badge" and case.name in wanted:
            ratio = report(case).measures["head"]["crown_chin_ratio"]
            assert ratio == pytest.approx(wanted[case.name], abs=0.03), case.name
