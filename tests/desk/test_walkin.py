"""A walk-in enterprise with two people through to its badge request, online; and the same
with the service stopped, arriving once it is back."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk.models.schema import Enterprise, Person
from tests.desk.conftest import DeskUnderTest
from tests.desk.seed import BadgeRequest, service_rows
from tests.desk.walkin_driver import add_person, open_wizard, register_enterprise, send_batch


def test_walk_in_two_people_to_badge_request(qtbot: QtBot, desk: DeskUnderTest,
                                            good_photo: bytes) -> None:
    wizard = open_wizard(qtbot, desk.window)
    register_enterprise(qtbot, wizard, "北京华信咨询有限公司", "bjhxzx", seed=11)
    add_person(qtbot, wizard, good_photo, name="张伟", seq=12)
    add_person(qtbot, wizard, good_photo, name="李娜", seq=14)
    question = send_batch(qtbot, wizard, expect=2)
    assert "2" in question and "张伟" in question and "李娜" in question
    # The enterprise is still pending: the screen says the requests wait for it.
    assert "approval" in wizard.batch_page.outcome.text()

    desk.synced(qtbot)
    enterprises = service_rows(desk.fair, Enterprise, name="北京华信咨询有限公司")
    assert len(enterprises) == 1 and enterprises[0].review_state == "pending"
    requests = service_rows(desk.fair, BadgeRequest, enterprise_id=enterprises[0].id)
    assert sorted(r.status for r in requests) == ["waiting_enterprise"] * 2
    assert {r.snapshot["name"] for r in requests} == {"张伟", "李娜"}

    wizard.accept()
    # A second walk-in typing the same name is warned while typing, and cannot register it.
    again = open_wizard(qtbot, desk.window)
    again.find_page.query.setText("北京华信咨询有限公司")
    qtbot.waitUntil(lambda: bool(again.find_page.warning.text()), timeout=5000)
    again.next()
    assert again.currentId() == 0


def test_walk_in_while_offline_arrives_later(qtbot: QtBot, desk: DeskUnderTest,
                                             good_photo: bytes) -> None:
    desk.synced(qtbot)
    desk.fair.service.stop()
    window = desk.window
    qtbot.waitUntil(lambda: window.banner.isVisible(), timeout=20_000)
    assert "Offline" in window.banner.text()

    wizard = open_wizard(qtbot, window)
    register_enterprise(qtbot, wizard, "上海远航物流有限公司", "shyhwl", seed=21)
    add_person(qtbot, wizard, good_photo, name="陈静", seq=16)
    send_batch(qtbot, wizard, expect=1)
    # Kept here, waiting: the status bar counts it; the search finds the new person already.
    qtbot.waitUntil(lambda: int(window.status.facts.get("waiting") or 0) >= 4, timeout=5000)
    with desk.services.replica.read() as session:
        assert session.scalar(select(Person).where(Person.name == "陈静")) is not None

    desk.fair.service.start()
    desk.services.sync_now()
    qtbot.waitUntil(lambda: bool(service_rows(desk.fair, Person, name="陈静")), timeout=60_000)
    person = service_rows(desk.fair, Person, name="陈静")[0]
    qtbot.waitUntil(lambda: bool(service_rows(desk.fair, BadgeRequest, holder_id=person.id)),
                    timeout=20_000)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=20_000)
    qtbot.waitUntil(lambda: window.status.facts.get("waiting") == 0, timeout=20_000)
