"""The main window builds its Enterprises and Badges panels the first time they are shown
(or asked for), in their tabs' places, so the desk's start does not wait for their lists."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desk.views.badges_panel import BadgesPanel
from desk.views.enterprises_panel import EnterprisesPanel
from tests.desk.conftest import DeskUnderTest


def test_tabs_are_built_when_first_shown(qtbot: QtBot, desk: DeskUnderTest) -> None:
    window = desk.window
    tabs = window.tabs
    texts = [tabs.tabText(i) for i in range(tabs.count())]
    assert texts[:3] == ["People", "Enterprises", "Badges"]
    assert not any(isinstance(tabs.widget(i), EnterprisesPanel | BadgesPanel)
                   for i in range(tabs.count()))

    tabs.setCurrentIndex(2)  # the operator opens the Badges tab
    badges = tabs.widget(2)
    assert isinstance(badges, BadgesPanel)
    assert tabs.currentWidget() is badges and tabs.tabText(2) == "Badges"
    assert window.badges is badges  # built once
    assert not isinstance(tabs.widget(1), EnterprisesPanel)

    # Asked for by an action (walk-in, account help): built in its place, then shown.
    enterprises = window.enterprises
    assert isinstance(enterprises, EnterprisesPanel) and tabs.widget(1) is enterprises
    assert tabs.currentWidget() is badges  # building it did not switch tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == texts

    # A person chosen in a built panel opens on the People tab.
    tabs.setCurrentWidget(badges)
    badges.person_chosen.emit(None, "")
    assert tabs.currentWidget() is window.people
