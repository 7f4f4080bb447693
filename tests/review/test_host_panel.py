"""The host tools panel offscreen against a seeded fair: the counts, the codes (copied to the
clipboard), registering a staff member with a one-inch photo file, and pictures of every
tab in English and Chinese."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desk.views.host_panel import HostPanel
from desk.views.host_person_dialog import HostPersonDialog
from tests.central.harness import Harness
from tests.review.helpers import photo_bytes
from tests.review.test_host_tools import register_people, seeded, staff

WAIT_MS = 20_000


@pytest.mark.parametrize("svc", ["sqlite"], indirect=True)
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_host_tools_panel(svc: Harness, desk_ui: Any, qtbot: Any, shots_dir: Path,
                          tmp_path: Path, language: str, use_language: Any) -> None:
    org = seeded(svc)
    register_people(svc, org["id"])
    desk_ui.attach(svc, "host_ok")
    use_language(desk_ui.services, language)
    panel = desk_ui.keep(HostPanel(desk_ui.services))
    panel.resize(1100, 700)
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        panel.show()
    view = panel.view
    tiles = panel.overview.tiles
    assert tiles["staff_added"].number.text() == "3"
    assert tiles["guests_rejected"].number.text() == "1"
    assert tiles["exhibitors"].number.text() == str(
        view["overview"]["enterprises"]["exhibitor"]["pending"])
    assert panel.codes.table.rowCount() == len(view["codes"]) > 0
    shots = [("overview", panel.overview), ("codes", panel.codes), ("people", panel.people),
             ("record", panel.record)]
    for name, tab in shots:
        panel.tabs.setCurrentWidget(tab)
        qtbot.wait(50)
        assert panel.grab().save(str(shots_dir / f"host_{name}_{language}.png"))
    panel.tabs.setCurrentWidget(panel.codes)
    panel.codes.table.selectRow(0)
    panel.codes.copy_current()
    assert QApplication.clipboard().text() == view["codes"][0]["code"]

    # Register a staff member with a one-inch photo file, checked before it is sent.
    file = tmp_path / "staff.jpg"
    file.write_bytes(photo_bytes("one-inch"))
    panel.tabs.setCurrentWidget(panel.people)
    panel.people.add_staff.click()
    dialog = panel.findChild(HostPersonDialog)
    assert dialog is not None and dialog.isVisible()
    for name, value in staff(7).items():
        widget = dialog.widgets[name]
        if hasattr(widget, "set_code"):
            widget.set_code(value)
        else:
            widget.setText(value)
    with qtbot.waitSignal(dialog.photo.checked, timeout=WAIT_MS) as checked:
        dialog.photo.load_file(file)
    assert checked.args == [True]
    qtbot.wait(50)
    assert dialog.grab().save(str(shots_dir / f"host_add_staff_{language}.png"))
    with qtbot.waitSignal(panel.loaded, timeout=WAIT_MS):
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            dialog.save()
    assert panel.overview.tiles["staff_added"].number.text() == "4"
    table = panel.people.table
    names = [cell.text() for r in range(table.rowCount()) if (cell := table.item(r, 1))]
    assert "刘伟" in names


@pytest.mark.parametrize("svc", ["sqlite"], indirect=True)
def test_bad_photo_file_is_refused_before_sending(svc: Harness, desk_ui: Any,
                                                  qtbot: Any, tmp_path: Path) -> None:
    org = seeded(svc)
    desk_ui.attach(svc, "host_ok")
    panel = desk_ui.keep(HostPanel(desk_ui.services))
    dialog = HostPersonDialog(panel.access, org["id"], "guest", panel)  # deleted with panel
    file = tmp_path / "scan.jpg"
    file.write_bytes(photo_bytes("licence"))  # not a portrait at all
    with qtbot.waitSignal(dialog.photo.checked, timeout=WAIT_MS) as checked:
        dialog.photo.load_file(file)
    assert checked.args == [False] and dialog.photo.data is None
    assert dialog.photo.report.text()
    dialog.save()  # the form is empty: every field says what is missing, nothing is sent
    assert dialog.result() == 0
    assert any(line.text() for line in dialog.form.errors.values())
