"""The Review tab driven by keyboard, offscreen, against the real service: an enterprise and
its waiting badge requests approved in one sitting, a rejection with a preset reason,
several approved at once, and decisions refused while offline."""

from __future__ import annotations

import uuid
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

from desk.models.schema import BadgeRequest, Enterprise
from desk.sync.link import Link
from desk.views.review_decision import PRESETS
from desk.views.review_panel import ReviewPanel
from tests.central.harness import Harness
from tests.review.helpers import issue_code, upload, walk_in

WAIT_MS = 20_000


def states(svc: Harness, enterprise_id: str) -> tuple[str | None, list[str]]:
    with svc.db.read() as session:
        ent = session.get(Enterprise, uuid.UUID(enterprise_id))
        assert ent is not None
        rows = session.query(BadgeRequest).filter(BadgeRequest.enterprise_id == ent.id).all()
        return ent.review_state, sorted(r.status for r in rows)


def open_panel(desk_ui: Any, qtbot: Any) -> ReviewPanel:
    panel: ReviewPanel = desk_ui.keep(ReviewPanel(desk_ui.services))
    panel.resize(1360, 780)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=5000)
    return panel


def choose(panel: ReviewPanel, qtbot: Any, queue_key: str, item_id: str | None = None) -> None:
    """Show one queue (waiting for the service's answer) and put the cursor on an item."""
    qtbot.waitUntil(lambda: bool(panel.items), timeout=WAIT_MS)
    keys = [spec.key for spec in panel.specs()]
    panel.queues.setCurrentRow(keys.index(queue_key))
    if item_id is not None:
        qtbot.waitUntil(lambda: panel.model.row_of(item_id) >= 0, timeout=WAIT_MS)
        panel.table.selectionModel().setCurrentIndex(
            panel.model.index(panel.model.row_of(item_id), 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
    panel.table.setFocus()


def confirm(panel: ReviewPanel, qtbot: Any) -> Any:
    with qtbot.waitSignal(panel.decisions_done, timeout=WAIT_MS) as blocker:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return blocker.args[0]


def test_enterprise_and_its_waiting_requests_in_one_sitting(
    fair: Harness, desk_ui: Any, qtbot: Any
) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    photo = upload(fair, desk)
    walk = walk_in(desk, "现场一次审核科技有限公司", "tab01", people=2, photo=photo)
    other = walk_in(desk, "另一家排队咨询有限公司", "tab02")
    desk_ui.attach(fair, "rev_c")
    panel = open_panel(desk_ui, qtbot)
    choose(panel, qtbot, "attendees", walk["enterprise"])
    assert panel.detail.requests.count() == 2  # the people come with their enterprise
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert panel.bar.mode == "approve" and panel.bar.with_requests.isChecked()
    result = confirm(panel, qtbot)
    assert not result.refused
    assert states(fair, walk["enterprise"]) == ("approved", ["approved", "approved"])
    assert states(fair, other["enterprise"]) == ("pending", [])
    # The queue is read again and the cursor moves on to the next one.
    qtbot.waitUntil(lambda: panel.model.row_of(walk["enterprise"]) < 0, timeout=WAIT_MS)
    assert panel.detail.item is not None and panel.detail.item.id == other["enterprise"]


def test_host_reviewer_rejects_with_a_preset_reason(
    fair: Harness, desk_ui: Any, qtbot: Any
) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    walk = walk_in(desk, "不认识的邀请服务有限公司", "tab03", code=issue_code(fair, "hostA"))
    desk_ui.attach(fair, "rev_a")
    panel = open_panel(desk_ui, qtbot)
    assert "host_staff" not in [spec.key for spec in panel.specs()]  # the committee's
    choose(panel, qtbot, "attendees", walk["enterprise"])
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    assert panel.bar.mode == "reject"
    # Confirming without a reason is not possible.
    qtbot.keyClick(panel.bar.reason, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert panel.bar.mode == "reject" and panel.bar.message.text()
    for _ in range(4):  # the fourth preset: not invited by us
        qtbot.keyClick(panel.bar.reason, Qt.Key.Key_Down)
    result = confirm(panel, qtbot)
    assert not result.refused
    with fair.db.read() as session:
        ent = session.get(Enterprise, uuid.UUID(walk["enterprise"]))
        assert ent is not None
        assert (ent.review_state, ent.review_reason, ent.rejected_stage) == (
            "rejected", PRESETS[3][1], 1)


def test_several_badge_requests_approved_at_once(
    fair: Harness, desk_ui: Any, qtbot: Any
) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    walk = walk_in(desk, "批量制证审核有限公司", "tab04", people=3)
    headers = fair.session_headers("rev_c")
    for _stage in (1, 2):
        answer = fair.http.post(f"{fair.url}/review/decide", headers=headers, json={
            "target": "enterprise", "id": walk["enterprise"], "decision": "approve"})
        assert answer.status_code == 200, answer.text
    desk_ui.attach(fair, "rev_c")
    panel = open_panel(desk_ui, qtbot)
    choose(panel, qtbot, "badges_delegate", walk["requests"][0])
    qtbot.waitUntil(lambda: panel.model.rowCount() == 3, timeout=WAIT_MS)
    assert panel.model.item(0) is not None
    assert panel.model.item(0).names["enterprise"] == "批量制证审核有限公司"  # type: ignore[union-attr]
    qtbot.keyClick(panel.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert panel.bar.count == 3
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    result = confirm(panel, qtbot)
    assert len(result.states) == 3 and not result.refused
    assert states(fair, walk["enterprise"]) == ("approved", ["under_review"] * 3)


def test_offline_desk_says_so_and_decides_nothing(
    fair: Harness, desk_ui: Any, qtbot: Any
) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    walk = walk_in(desk, "离线时不审核有限公司", "tab05")
    desk_ui.attach(fair, "rev_c")
    panel = open_panel(desk_ui, qtbot)
    choose(panel, qtbot, "attendees", walk["enterprise"])
    link = Link()  # a fresh link is offline until the first good answer
    desk_ui.services.engine = SimpleNamespace(link=link)
    qtbot.waitUntil(lambda: not panel.bar.isEnabled(), timeout=5000)
    assert "Offline" in panel.banner.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_A)
    assert panel.bar.mode is None
    link.succeeded(0.01)
    qtbot.waitUntil(lambda: panel.bar.isEnabled(), timeout=5000)
    assert states(fair, walk["enterprise"])[0] == "pending"
    desk_ui.services.engine = None


def test_signed_in_offline_needs_the_password_to_review(
    fair: Harness, desk_ui: Any, qtbot: Any
) -> None:
    from tests.central.harness import PASSWORD

    desk_ui.attach(fair, "rev_c", online=False)
    panel = open_panel(desk_ui, qtbot)
    qtbot.waitUntil(lambda: panel.password.isVisible(), timeout=5000)
    assert not panel.bar.isEnabled()
    qtbot.keyClicks(panel.password, PASSWORD)
    with qtbot.waitSignal(panel.queues_loaded, timeout=WAIT_MS):
        qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    assert panel.access.signed_in and panel.bar.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_review_tab_pictures(
    fair: Harness, desk_ui: Any, qtbot: Any, shots_dir: Path, language: str,
    use_language: Any,
) -> None:
    desk = fair.enroll("D1", "committee", operator="op1")
    photo = upload(fair, desk)
    walk = walk_in(desk, "北京数字贸易服务有限公司", "shot01", people=3, photo=photo)
    walk_in(desk, "上海跨境咨询有限公司", "shot02", people=1, photo=photo)
    desk_ui.attach(fair, "rev_c")
    use_language(desk_ui.services, language)
    panel = open_panel(desk_ui, qtbot)
    choose(panel, qtbot, "attendees", walk["enterprise"])
    thumbs = panel.detail.requests
    qtbot.waitUntil(lambda: thumbs.count() == 3
                    and all(not thumbs.item(i).icon().isNull() for i in range(3)),
                    timeout=WAIT_MS)
    qtbot.keyClick(panel.table, Qt.Key.Key_R)
    qtbot.keyClick(panel.bar.reason, Qt.Key.Key_Down)
    qtbot.wait(100)
    path = shots_dir / f"review_{language}.png"
    assert panel.grab().save(str(path))
    expected = "Reject (R)" if language == "en" else "驳回 (R)"
    assert panel.bar.reject_button.text() == expected
