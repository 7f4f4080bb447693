"""The main window of a desk the service refuses as too old: the status bar says, in the
operator's language, that the desk must be updated, from where, and that its waiting
commands are kept; once the service accepts it again the notice goes and the commands go
out. A real service on loopback, offscreen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.sync.link import BLOCKED
from desk.sync.outbox import record
from desk.views.i18n import TRANSLATORS
from tests.desk.conftest import DeskUnderTest
from tests.sync import forms
from tests.sync.harness import Service

INSTALLER = "https://it.fair.lan/fairdesk/FairDesk-9.0.0-setup.exe"


def _restart(service: Service, minimum: str) -> None:
    service.stop()
    service.env = {"FAIRDESK_MIN_DESK_VERSION": minimum, "FAIRDESK_INSTALLER_URL": INSTALLER}
    service.start()


def test_status_bar_says_the_desk_must_be_updated(qtbot: QtBot, desk: DeskUnderTest) -> None:
    services, window = desk.services, desk.window
    engine, bar = services.engine, window.status
    _restart(desk.fair.service, "9.0")
    operator_id = services.operator.user_id
    for name, args in forms.walk_in("idgui", "界面版本测试有限公司"):
        record(services.replica, name, args, operator_id=operator_id)

    def refused() -> bool:
        return engine.link.state == BLOCKED or engine.sync_once().error == "desk_too_old"

    qtbot.waitUntil(refused, timeout=30_000)
    qtbot.waitUntil(bar.update_notice.isVisible, timeout=10_000)
    text = bar.update_notice.text()
    assert "This desk must be updated to version 9.0 or later." in text
    assert f"Installer: {INSTALLER}" in text
    assert "The 3 commands waiting here are kept and sent after the update." in text
    assert "newer desk" in window.banner.text() and window.banner.isVisible()

    try:
        TRANSLATORS.install("zh_CN")
        qtbot.waitUntil(lambda: "本登记台须更新到 9.0 或更高版本。" in bar.update_notice.text())
        chinese = bar.update_notice.text()
        assert f"安装程序：{INSTALLER}" in chinese
        assert "本登记台 3 条待提交内容已保留，更新后自动发送。" in chinese
    finally:
        TRANSLATORS.install("en")

    # The minimum lowered again: the kept commands go out and the notice goes.
    _restart(desk.fair.service, "")
    desk.synced(qtbot, timeout=30_000)
    bar.read()
    qtbot.waitUntil(lambda: not bar.update_notice.isVisible(), timeout=10_000)
    assert bar.facts["waiting"] == 0 and bar.facts["update_required"] is None
