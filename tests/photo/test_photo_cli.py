"""`fairdesk check-photo`: tables, JSON lines, folders, fixes and exit codes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from desk.__main__ import main
from tests.photo import photo_compose as pc


def _json_lines(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_good_file_exits_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "zhang-san.jpg"
    good.write_bytes(pc.jpeg(pc.compose("obama")))
    assert main(["check-photo", str(good)]) == 0
    out = capsys.readouterr().out
    assert "zhang-san.jpg" in out and "1 / 1 photos pass" in out
    assert "FAIL" not in out


def test_folder_is_walked_and_each_file_reported(
    badge_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-photo", str(badge_folder), "--json"]) == 1
    objects = _json_lines(capsys.readouterr().out)
    by_name = {Path(str(o["file"])).name: o for o in objects}
    assert sorted(by_name) == sorted(p.name for p in badge_folder.iterdir())
    assert by_name["obama.jpg"]["ok"] is True and by_name["hopper.jpg"]["ok"] is True
    codes = {name: {f["code"] for f in o["failures"]} for name, o in by_name.items()}  # type: ignore[attr-defined]
    assert codes["png-as-jpg.jpg"] == {"file.format"}
    assert codes["file-too-small.jpg"] == {"file.size"}
    assert codes["grey-228.jpg"] == {"background.colour"}
    assert codes["exif-6.jpg"] == {"file.orientation"}
    for obj in objects:
        assert set(obj) == {"file", "ok", "failures", "measures"}


def test_table_shows_messages_and_hints_in_either_language(
    badge_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check-photo", str(badge_folder / "grey-228.jpg")]) == 1
    out = capsys.readouterr().out
    assert "background.colour" in out and "Background grey" in out
    assert "-> Light the white screen" in out
    assert main(["check-photo", "--lang", "zh", str(badge_folder / "grey-228.jpg")]) == 1
    out = capsys.readouterr().out
    assert "背景灰色" in out and "免冠" in out


def test_unreadable_and_empty_files_fail_with_their_own_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.jpg"
    assert main(["check-photo", "--json", str(empty), str(missing)]) == 1
    objects = _json_lines(capsys.readouterr().out)
    assert [o["failures"][0]["code"] for o in objects] == ["file.empty", "file.missing"]  # type: ignore[index]


def test_fix_writes_fixed_files_and_reports_them(
    badge_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outdir = tmp_path / "fixed"
    status = main(["check-photo", str(badge_folder), "--json", "--fix", str(outdir)])
    objects = {Path(str(o["file"])).name: o for o in _json_lines(capsys.readouterr().out)}
    # The grey background cannot be fixed, so the run still fails.
    assert status == 1
    assert "not_fixed" in objects["grey-228.jpg"] and objects["grey-228.jpg"]["ok"] is False
    for name in ("png-as-jpg.jpg", "file-too-small.jpg", "exif-6.jpg"):
        obj = objects[name]
        assert obj["ok"] is True and obj["failures"] == []
        written = Path(str(obj["fixed"]))
        assert written.parent == outdir and written.read_bytes().startswith(b"\xff\xd8\xff")
    assert "fixed" not in objects["obama.jpg"]
    assert sorted(p.name for p in outdir.iterdir()) == [
        "exif-6.jpg",
        "file-too-small.jpg",
        "png-as-jpg.jpg",
    ]


def test_fix_never_overwrites_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small = tmp_path / "small.jpg"
    original = pc.jpeg(pc.compose("obama"), quality=60)
    small.write_bytes(original)
    assert main(["check-photo", str(small), "--fix", str(tmp_path)]) == 0
    assert small.read_bytes() == original
    assert (tmp_path / "small-1.jpg").is_file()
    assert "fixed, written to" in capsys.readouterr().out


def test_kind_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    photo = tmp_path / "guest.jpg"
    photo.write_bytes(pc.jpeg(pc.compose("hopper", size=(295, 413), ratio=0.62, crown_at=0.1)))
    assert main(["check-photo", "--kind", "one-inch", str(photo)]) == 0
    assert main(["check-photo", "--kind", "badge", str(photo)]) == 1
    capsys.readouterr()


@pytest.mark.parametrize(
    "argv",
    [["check-photo"], ["check-photo", "x.jpg", "--kind", "passport"], ["check-photo", "--bogus"]],
)
def test_usage_errors_exit_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    capsys.readouterr()


def test_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-photo", str(tmp_path)]) == 2
    assert "no files" in capsys.readouterr().err


def test_pipes_and_oversized_files_are_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "sent"
    folder.mkdir()
    os.mkfifo(folder / "pipe.jpg")  # reading it would block for ever
    with open(folder / "video.jpg", "wb") as sparse:
        sparse.truncate(65 * 1024 * 1024)
    status = main(["check-photo", "--json", str(folder), str(folder / "pipe.jpg")])
    objects = _json_lines(capsys.readouterr().out)
    assert status == 1
    assert [(Path(str(o["file"])).name, o["failures"][0]["code"]) for o in objects] == [  # type: ignore[index]
        ("video.jpg", "file.too_large"),
        ("pipe.jpg", "file.missing"),
    ]
