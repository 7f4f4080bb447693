"""The checklist widgets on their own, fed with real reports."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk.models.photo import check_photo, manual_checks
from desk.views.photo_checklist import ManualChecks, PhotoChecklist, State
from tests.photo.photo_compose import composed, jpeg


def blank_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 800), (255, 255, 255)).save(out, "JPEG", quality=95)
    return out.getvalue()


def test_rows_stay_put_and_unmeasured_rules_stay_listed(qtbot: QtBot) -> None:
    checklist = PhotoChecklist("en")
    qtbot.addWidget(checklist)
    good = check_photo(jpeg(composed("obama"), quality=95), "badge")
    checklist.show_report(good)
    order = list(checklist.states())
    assert order == [c.code for c in good.checks]
    assert set(checklist.states().values()) == {State.PASS}
    assert checklist.summary.text() == "Every automatic check passes."

    empty = check_photo(blank_jpeg(), "badge")  # no face: the face rules are not measured
    checklist.show_report(empty)
    states = checklist.states()
    assert list(states) == order  # the same rows, in the same places
    assert states["face.count"] is State.FAIL
    assert states["face.eye_distance"] is State.UNMEASURED
    assert "Not measured" in checklist._rows["face.eye_distance"].text.text()
    failing = sum(state is State.FAIL for state in states.values())
    assert checklist.summary.text() == f"{failing} checks fail: see the hints under them."
    hint = checklist._rows["face.count"].text.text()
    assert "Face the camera" in hint  # the model's hint, in the operator's language

    checklist.show_report(empty, by_fix={"file.size"})
    assert checklist.states()["file.size"] is State.BY_FIX
    checklist.set_language("zh")
    assert "没有找到人脸" in checklist._rows["face.count"].text.text()
    checklist.show_report(None)
    assert set(checklist.states().values()) == {State.WAITING}


def test_manual_checks_say_why_and_start_over(qtbot: QtBot) -> None:
    manual = ManualChecks("badge", "en")
    qtbot.addWidget(manual)
    expected = manual_checks("badge")
    assert len(manual.boxes) == len(expected)
    assert [w.text() for w in manual._whys] == [why_en for *_rest, why_en in expected]
    assert not any(box.isEnabled() for box in manual.boxes)
    manual.reset(tickable=True)
    qtbot.mouseClick(manual._texts[0], Qt.MouseButton.LeftButton)  # the text ticks its box
    assert manual.boxes[0].isChecked()
    manual.boxes[0].setChecked(False)
    with qtbot.waitSignals([manual.manual_changed] * len(manual.boxes)):
        for box in manual.boxes:
            box.setChecked(True)
    assert manual.done()
    with qtbot.waitSignal(manual.manual_changed) as cleared:
        manual.reset(tickable=True)
    assert cleared.args == [False] and not manual.done()
    licence = ManualChecks("licence", "zh")
    qtbot.addWidget(licence)
    assert licence._texts[0].text().startswith("执照方向正确")
