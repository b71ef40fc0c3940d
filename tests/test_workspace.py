"""The learner's workspace (``autograde.workspace``): work/<unit>/ made from the pristine stub,
graded by default, reset one function or the whole unit with a backup, a stub changed upstream
told and shown, and edits made in exercises/ under the old layout taken in without a line lost."""

from __future__ import annotations

import subprocess

from conftest import run_cli, run_json

STUB = "    raise NotImplementedError\n"
SHOCK = "def shock_index(heart_rate, systolic):\n"


def _solve(path, function_header: str, body: str) -> None:
    """Replace the stub body that follows ``function_header`` (and its docstring) in ``path``."""
    text = path.read_text()
    head, _, rest = text.partition(function_header)
    docstring, _, after = rest.partition(STUB)
    path.write_text(head + function_header + docstring + body + after)


def test_check_grades_the_workspace_made_from_the_stub(demo_root):
    stub = (demo_root / "exercises" / "demo-1" / "vitals.py").read_text()
    code, result = run_json("check", "demo-1")
    mine = demo_root / "work" / "demo-1" / "vitals.py"
    assert code == 1 and result["score"] == 0 and mine.read_text() == stub
    _solve(mine, SHOCK, "    return heart_rate / systolic\n")
    code, result = run_json("check", "demo-1")
    assert result["score"] == 1 and {t["name"]: t["status"] for t in result["tests"]}["test_shock_index"] == "passed"
    assert (demo_root / "exercises" / "demo-1" / "vitals.py").read_text() == stub  # the curriculum untouched
    hint = run_cli("hint", "demo-1")
    assert "test_shock_index" not in hint.stdout and "test_map" in hint.stdout


def test_the_workspace_can_live_elsewhere(demo_root, tmp_path):
    elsewhere = tmp_path / "my-work"
    done = run_cli("check", "demo-1", "--json", env={"AUTOGRADE_WORKSPACE": str(elsewhere)})
    assert done.returncode == 1 and (elsewhere / "demo-1" / "vitals.py").is_file()
    assert not (demo_root / "work").exists()


def test_reset_puts_back_one_function_or_the_whole_unit_and_keeps_a_backup(demo_root):
    run_cli("check", "demo-1", "--no-record")
    mine = demo_root / "work" / "demo-1" / "vitals.py"
    _solve(mine, SHOCK, "    return heart_rate / systolic\n")
    _solve(mine, "def is_tachycardic(heart_rate):\n", "    return heart_rate > 100\n")
    solved = mine.read_text()
    done = run_cli("reset", "demo-1", "shock_index")
    assert done.returncode == 0, done.stderr
    text = mine.read_text()
    assert "return heart_rate > 100" in text and "return heart_rate / systolic" not in text
    assert text.count("raise NotImplementedError") == 2
    backups = list((demo_root / "work" / "demo-1" / ".autograde" / "backup").rglob("vitals.py"))
    assert [b.read_text() for b in backups] == [solved]
    assert run_cli("reset", "demo-1", "no_such_function").returncode == 2
    assert run_cli("reset", "demo-1").returncode == 0
    assert mine.read_text() == (demo_root / "exercises" / "demo-1" / "vitals.py").read_text()


def test_a_stub_changed_upstream_is_told_and_shown(demo_root):
    run_cli("check", "demo-1", "--no-record")
    assert "has not changed" in run_cli("diff", "demo-1").stdout
    stub = demo_root / "exercises" / "demo-1" / "vitals.py"  # a `git pull` brings a new contract
    stub.write_text(stub.read_text().replace("above 100 bpm", "above the threshold (100 bpm by default)"))
    done = run_cli("check", "demo-1", "--no-record")
    assert "the stub of demo-1 changed since you started (vitals.py)" in done.stderr
    shown = run_cli("diff", "demo-1").stdout
    assert '-    """True when the heart rate is above 100 bpm."""' in shown
    assert '+    """True when the heart rate is above the threshold (100 bpm by default)."""' in shown


def test_edits_made_in_exercises_under_the_old_layout_are_taken_in(demo_root):
    def git(*args):
        subprocess.run(["git", "-C", str(demo_root), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "curriculum")
    edited = demo_root / "exercises" / "demo-1" / "vitals.py"
    pristine = edited.read_text()
    _solve(edited, SHOCK, "    return heart_rate / systolic  # my own line\n")
    mine = edited.read_text()
    done = run_cli("check", "demo-1", "--no-record")
    assert "your edits of exercises/demo-1/vitals.py are now in" in done.stderr
    assert (demo_root / "work" / "demo-1" / "vitals.py").read_text() == mine  # not a line lost
    assert edited.read_text() == pristine  # exercises/ is the curriculum's again: `git pull` cannot conflict
    assert "Total: 1 / 4" in done.stdout
