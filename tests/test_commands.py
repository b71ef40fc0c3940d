"""The authoring and learner commands besides `check`: list, hint, solution, new, validate."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from autograde.authoring import scaffold, validate
from conftest import REPO, run_cli

WRONG_BOUNDARY = """
def mean_arterial_pressure(systolic, diastolic):
    return (systolic + 2 * diastolic) / 3


def shock_index(heart_rate, systolic):
    return heart_rate / systolic


def is_tachycardic(heart_rate):
    return heart_rate >= 100
"""


def test_list_filters_and_json(demo_root):
    listed = json.loads(run_cli("list", "--json").stdout)
    assert [(u["id"], u["status"]) for u in listed] == [("demo-1", "content"), ("demo-2", "planned")]
    assert listed[1]["requires"] == ["demo-1"] and listed[0]["kind"] == "code"
    planned = run_cli("list", "--status", "planned")
    assert "demo-2" in planned.stdout and "demo-1 " not in planned.stdout
    assert "1 units, 0 with content" in planned.stdout
    assert json.loads(run_cli("list", "--row", "VITAL", "--json").stdout)[0]["id"] == "demo-1"
    assert json.loads(run_cli("list", "--row", "nothing like it", "--json").stdout) == []
    unknown_phase = run_cli("list", "--phase", "9")
    assert unknown_phase.returncode == 2 and "no phase '9'" in unknown_phase.stderr


@pytest.mark.parametrize("command", [["list"], ["list", "--json"], ["progress"], ["leaderboard", "--json"]])
def test_a_reader_that_stops_early_is_not_an_error(demo_root, command):
    """`autograde list | head`: the pipe closes before anything is written."""
    child = subprocess.Popen([sys.executable, "-m", "autograde", *command], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    child.stdout.close()  # before the command has imported anything, let alone printed
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == 0 and "Traceback" not in stderr and "BrokenPipe" not in stderr, stderr


def test_status_comes_from_disk(demo_root):
    (demo_root / "graders" / "demo-1" / "test_vitals.py").unlink()
    (demo_root / "graders" / "demo-1").rmdir()
    listed = json.loads(run_cli("list", "--json").stdout)
    assert listed[0]["status"] == "planned"


def test_hint_lists_only_the_tests_not_passed(demo_root, write_submission):
    done = run_cli("hint", "demo-1", "--submission", str(write_submission(WRONG_BOUNDARY)))
    assert done.returncode == 1
    assert done.stdout.strip() == "- test_tachycardia (failed): Above 100 bpm, not at 100."
    solved = run_cli("hint", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"))
    assert solved.returncode == 0 and "no hints needed" in solved.stdout


def test_solution_opens_only_after_full_marks(demo_root, write_submission):
    refused = run_cli("solution", "demo-1", "--submission", str(write_submission(WRONG_BOUNDARY)))
    assert refused.returncode == 1
    assert "opens after full marks (now 3 / 4)" in refused.stderr and "def " not in refused.stdout
    stub = run_cli("solution", "demo-1")  # the untouched exercise
    assert stub.returncode == 1 and "now 0 / 4" in stub.stderr
    forced = run_cli("solution", "demo-1", "--force")
    assert forced.returncode == 0 and "warning" in forced.stderr and "heart_rate > 100" in forced.stdout
    earned = run_cli("solution", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"))
    assert earned.returncode == 0 and "# ===== vitals.py =====" in earned.stdout


def test_new_scaffolds_a_consistent_unit_that_still_needs_mutants(demo_root):
    done = run_cli("new", "demo-2", "--module", "triage")
    assert done.returncode == 0
    for relative in ("exercises/demo-2/README.md", "exercises/demo-2/triage.py", "solutions/demo-2/triage.py",
                     "graders/demo-2/test_triage.py", "tests/mutants/demo-2/mutants.toml"):
        assert (demo_root / relative).is_file(), relative
    assert "A planned unit" in (demo_root / "exercises/demo-2/README.md").read_text()
    result = validate.validate_unit("demo-2", root=demo_root)
    assert result.problems == [f"1 mutant(s) in {demo_root / 'tests/mutants/demo-2'}; at least 3 needed",
                               f"no mutation report ({demo_root / 'tests/mutants/demo-2/mutation.json'}): "
                               "run `autograde mutate demo-2`"]
    again = run_cli("new", "demo-2")
    assert again.returncode == 2 and "already has" in again.stderr


def test_new_rejects_unknown_units_and_bad_module_names(demo_root):
    assert run_cli("new", "demo-9").returncode == 2
    bad = run_cli("new", "demo-2", "--module", "not-a-name")
    assert bad.returncode == 2 and "not a Python identifier" in bad.stderr
    assert scaffold.module_name("Composite and inverse functions") == "composite_and_inverse"


def test_validate_passes_a_good_unit(demo_root):
    done = run_cli("validate", "--json")
    assert done.returncode == 0
    [result] = json.loads(done.stdout)
    assert result["ok"] and result["checked"][:5] == [
        "solution: 4 / 4", "stub: 0 / 4", "do-nothing (None): 0 / 4", "do-nothing (the first argument): 0 / 4",
        "do-nothing (0): 0 / 4"]
    assert "mutant inclusive_boundary: loses a point at test_tachycardia (failed)" in result["checked"]
    assert sum(line.startswith("automatic mutant ") for line in result["checked"]) == validate.SAMPLED_MUTANTS


def test_validate_catches_points_for_doing_nothing(demo_root):
    # A "no fever" test that only tries normal heart rates: returning None (falsy) every time passes it.
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace("check(f(101) is True and f(100) is False", "check(not f(100)"))
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert "code that does nothing (every function returns None) earns points in: ['test_tachycardia']" in problems


def test_validate_catches_a_weak_grader(demo_root):
    # A grader that never looks at the 100 bpm boundary lets the inclusive-boundary mutant through.
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace("f(101) is True and f(100) is False", "f(130) is True"))
    done = run_cli("validate", "demo-1")
    assert done.returncode == 1
    assert "mutant inclusive_boundary gets full marks" in done.stdout


def test_validate_catches_a_stub_that_crashes_and_a_stale_mutant(demo_root):
    (demo_root / "exercises" / "demo-1" / "vitals.py").write_text("def mean_arterial_pressure(s, d):\n    return 0\n")
    mutants = demo_root / "tests" / "mutants" / "demo-1" / "mutants.toml"
    mutants.write_text(mutants.read_text().replace('replace = "heart_rate > 100"', 'replace = "heart_rate > 99"'))
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert any(p.startswith("the stub must score 0 with every test not attempted") for p in problems)
    assert any("occurs 0 times in vitals.py" in p for p in problems)


def test_validation_projection_counts_each_planned_unit_at_its_courses_mean():
    from autograde.authoring.bench import project_validation

    spent = {"18.06-lec4": 4.0, "18.06-lec5": 6.0, "ai4med-c1w1": 20.0}
    # 18.06-lec6 at its course's mean (5), kaggle-python-1 at the mean of all measured units (10)
    assert project_validation(spent, ["18.06-lec4", "18.06-lec5", "18.06-lec6", "ai4med-c1w1", "kaggle-python-1"]) \
        == 4.0 + 6.0 + 5.0 + 20.0 + 10.0


def test_bench_measures_check_beside_its_import_floor(demo_root):
    from autograde.authoring import bench

    assert bench.unit_libraries("18.06-lec4", REPO) == ["numpy", "scipy.linalg"]
    done = run_cli("check", "demo-1")  # warm-up: the bench itself must work on any unit
    assert done.returncode == 1
    table = subprocess.run([sys.executable, "-m", "autograde.authoring.bench", "demo-1", "--rounds", "1"],
                           capture_output=True, text=True, timeout=120)
    assert table.returncode == 0, table.stderr
    row = next(line for line in table.stdout.splitlines() if line.startswith("demo-1"))
    check_s, floor_s, ratio = (float(v) for v in row.split()[1:4])
    assert check_s > floor_s > 0 and abs(ratio - check_s / floor_s) <= 0.1 * ratio  # the table rounds to ms


def test_bench_isolation_row_grades_the_same_submission_both_ways(demo_root, monkeypatch):
    """The isolation row's code path (its number is only meaningful from `make bench`)."""
    import math

    from autograde.authoring import bench

    monkeypatch.setattr(bench, "ISOLATION_PAIRS", 2)
    row = bench.measure_isolation("demo-1", rounds=1, root=demo_root)
    assert row["unit"] == "demo-1" and row["tests"] == 3 and row["pairs"] == 2
    assert row["full_s"] > 0 and row["none_s"] > 0 and math.isfinite(row["overhead_ms"])


def test_make_check_below_full_marks_is_a_score_not_a_make_error(demo_root):
    def make(*args):
        return subprocess.run(["make", "--no-print-directory", "-C", str(REPO), *args], capture_output=True, text=True,
                              env={**os.environ, "AUTOGRADE_ROOT": str(demo_root)}, timeout=300)

    done = make("check", "unit=demo-1", "learner=someone")
    assert done.returncode == 0 and "Total: 0 / 4" in done.stdout
    assert "make:" not in done.stdout + done.stderr and "Error" not in done.stderr
    missing = make("check", "unit=no-such-unit")
    assert missing.returncode != 0 and "unknown unit" in missing.stderr
    before_install = make("check", "unit=demo-1", f"AG={demo_root / 'no-venv' / 'autograde'}")
    assert before_install.returncode != 0 and "run 'make install' first" in before_install.stdout
