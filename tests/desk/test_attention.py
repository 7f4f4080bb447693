"""A review rejection of a walk-in registered here appears in Attention with its reason, in
the operator's language; fixing it resubmits the enterprise, and the item is closed."""

from __future__ import annotations

import random
import uuid

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk.views.attention_fix import EnterpriseFixDialog
from tests import factories as f
from tests.desk.conftest import DeskUnderTest, answer_next_dialog
from tests.desk.seed import Enterprise, service_rows

REASON = "营业执照上的名称与填写的不一致"
NEW_INTRO = f.INTRO + "我们在北京与上海设有办公室，服务贸易是我们的主营业务。"


def test_rejection_fixed_and_resubmitted(qtbot: QtBot, desk: DeskUnderTest) -> None:
    account, enterprise = str(uuid.uuid4()), str(uuid.uuid4())
    recorded: list[object] = []
    desk.services.record_many([
        ("create_account", {"account_id": account, "account": f.account_form("gzhc01")}),
        ("register_enterprise", {"enterprise_id": enterprise, "account_id": account,
                                 "enterprise": f.enterprise_form(
                                     "广州恒川设计有限公司", code=f.uscc(random.Random(3)))}),
        ("apply_participation", {"enterprise_id": enterprise,
                                 "participation": f.participation_form()}),
    ], success=recorded.append)
    qtbot.waitUntil(lambda: bool(recorded), timeout=5000)
    desk.synced(qtbot)

    desk.fair.decide(desk.fair.reviewer_token(), "enterprise", enterprise, "reject", REASON)
    panel = desk.window.attention
    qtbot.waitUntil(lambda: panel.count == 1, timeout=15_000)
    assert REASON in panel.message.text()
    assert "Attention (1)" in desk.window.tabs.tabText(desk.window.tabs.indexOf(panel))
    assert panel.fix_button.isEnabled()

    def fix(dialog: EnterpriseFixDialog) -> None:
        assert REASON in dialog.reason.text()
        assert dialog.enterprise.name.text() == "广州恒川设计有限公司"  # the entries are kept
        dialog.enterprise.introduction.setPlainText(NEW_INTRO)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_next_dialog(qtbot, fix, EnterpriseFixDialog)
    panel.fix()
    qtbot.waitUntil(lambda: panel.count == 0, timeout=10_000)

    desk.synced(qtbot)
    row = service_rows(desk.fair, Enterprise, id=uuid.UUID(enterprise))[0]
    assert row.review_state == "pending"
    assert row.introduction.endswith("服务贸易是我们的主营业务。")  # stored normalised (NFKC)
