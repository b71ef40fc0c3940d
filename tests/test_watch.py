"""`autograde watch`, driven as a learner would, in a pseudo-terminal: the first report, a save
that re-grades, the hints key, full marks, and a clean quit."""

from __future__ import annotations

import os
import sys
import time

import ptyprocess

from test_grading import CORRECT


def _read_until(process: ptyprocess.PtyProcessUnicode, text: str, seen: list[str], seconds: float = 240) -> str:
    """Everything the watch printed until ``text`` appears (or the generous deadline passes)."""
    deadline = time.monotonic() + seconds  # only a bound for a hung watch: a loaded machine is slow, not wrong
    while text not in "".join(seen) and time.monotonic() < deadline and process.isalive():
        try:
            seen.append(process.read(4096))
        except EOFError:
            break
    return "".join(seen)


def test_watch_regrades_on_save_shows_hints_and_quits(demo_root):
    env = {**os.environ, "AUTOGRADE_ROOT": str(demo_root), "COLUMNS": "100", "LINES": "40"}
    process = ptyprocess.PtyProcessUnicode.spawn([sys.executable, "-m", "autograde", "watch", "demo-1", "--no-record"],
                                                 env=env, dimensions=(40, 100))
    try:
        seen: list[str] = []
        assert "Total: 0 / 4" in _read_until(process, "watching", seen)
        mine = demo_root / "work" / "demo-1" / "vitals.py"
        seen.clear()
        process.write("h")
        assert "- test_map: Diastole lasts twice as long as systole." in _read_until(process, "test_tachycardia:", seen)
        seen.clear()
        mine.write_text(CORRECT)  # the learner saves
        shown = _read_until(process, "Full marks!", seen)
        assert "saved vitals.py" in shown and "Total: 4 / 4" in shown
        process.write("q")
        assert "bye" in _read_until(process, "bye", seen)
        deadline = time.monotonic() + 30
        while process.isalive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not process.isalive() and process.exitstatus == 0
    finally:
        if process.isalive():
            process.terminate(force=True)


def _in_a_terminal(*args: str, env: dict | None = None) -> str:
    process = ptyprocess.PtyProcessUnicode.spawn([sys.executable, "-m", "autograde", *args],
                                                 env={**os.environ, **(env or {})}, dimensions=(40, 100))
    seen: list[str] = []
    return _read_until(process, "Total:", seen) + _read_until(process, "\n", [])


def test_check_colours_its_report_on_a_terminal_unless_no_color(demo_root):
    env = {"AUTOGRADE_ROOT": str(demo_root)}
    coloured = _in_a_terminal("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"), "--no-record",
                              env=env)
    assert "\x1b[32m✔\x1b[0m" in coloured and "Total: 4 / 4" in coloured
    plain = _in_a_terminal("check", "demo-1", "--no-record", env={**env, "NO_COLOR": "1"})
    assert "Total: 0 / 4" in plain and "\x1b[32m" not in plain and "\x1b[2m·" not in plain
