"""The runner end to end on the fixture unit demo-1: statuses, report and exit codes.

Hostile and broken submissions are in test_adversarial.py."""

from __future__ import annotations

import zlib

import pytest

from autograde.engine import grading
from conftest import run_cli, run_json, tree_digest

CORRECT = """
def mean_arterial_pressure(systolic, diastolic):
    return (systolic + 2 * diastolic) / 3


def shock_index(heart_rate, systolic):
    return heart_rate / systolic


def is_tachycardic(heart_rate):
    return heart_rate > 100
"""


def with_shock_index(body: str, prelude: str = "") -> str:
    """The correct module, but shock_index replaced by ``body``."""
    head, _, _ = CORRECT.partition("def shock_index")
    indented = "\n".join("    " + line for line in body.strip().splitlines())
    return prelude + head + f"def shock_index(heart_rate, systolic):\n{indented}\n\n\ndef is_tachycardic(heart_rate):\n    return heart_rate > 100\n"


def statuses(report) -> dict[str, str]:
    return {t.name: t.status for t in report.tests}


def test_solution_gets_full_marks_and_exit_0(demo_root):
    code, result = run_json("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"))
    assert code == 0
    assert set(result) == {"unit", "score", "max_score", "isolation", "tests"}
    assert result["isolation"] == "jail"
    assert result["unit"] == "demo-1" and result["score"] == result["max_score"] == 4.0
    assert [t["name"] for t in result["tests"]] == ["test_map", "test_shock_index", "test_tachycardia"]
    for test in result["tests"]:
        assert {"name", "points", "max_points", "status", "hint"} <= set(test)
        assert test["status"] == "passed" and test["hint"] is None and test["points"] == test["max_points"]


def test_untouched_stub_is_not_attempted_and_exit_1(demo_root):
    code, result = run_json("check", "demo-1")  # default submission: the workspace, made from the stub
    assert code == 1
    assert result["score"] == 0.0 and result["max_score"] == 4.0
    assert {t["status"] for t in result["tests"]} == {"not_attempted"}


def test_text_report_shows_points_status_hint_and_total(demo_root, write_submission):
    folder = write_submission(CORRECT.replace("heart_rate > 100", "heart_rate >= 100"))
    done = run_cli("check", "demo-1", "--submission", str(folder), env={"COLUMNS": "100"})
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert any("test_map" in line and "2 / 2" in line and "passed" in line for line in lines)
    failing = next(i for i, line in enumerate(lines) if "test_tachycardia" in line)
    assert "0 / 1" in lines[failing] and "failed" in lines[failing]
    assert "100 bpm boundary" in lines[failing + 1]
    assert "hint: Above 100 bpm, not at 100." in lines[failing + 2]
    assert "Total: 3 / 4" in done.stdout
    assert lines[-2] == "✔ passed   ✘ wrong answer"  # a legend of the marks shown


def test_wrong_answer_fails_with_message_but_no_expected_value(demo_root, write_submission):
    folder = write_submission(with_shock_index("return systolic / heart_rate"))
    report = grading.grade("demo-1", submission=folder)
    test = next(t for t in report.tests if t.name == "test_shock_index")
    assert test.status == "failed" and test.points == 0
    assert "shock index" in test.message and "1.5" not in test.message
    assert test.hint == "Divide the heart rate by the systolic pressure."


def test_an_error_names_the_learners_own_line_and_never_a_graders(demo_root, write_submission):
    folder = write_submission(with_shock_index('ordered = sorted([heart_rate, "x"])\nreturn heart_rate / systolic')
                              .replace("def is_tachycardic", "def is_tachicardic"))
    report = grading.grade("demo-1", submission=folder)
    messages = {t.name: t.message for t in report.tests}
    assert messages["test_shock_index"].startswith("raised TypeError: '<' not supported")
    assert messages["test_shock_index"].endswith('(at vitals.py line 7, in shock_index: ordered = sorted([heart_rate, "x"]))')
    assert "test_vitals" not in messages["test_shock_index"]
    assert "`is_tachycardic` is not defined in vitals.py (did you mean `is_tachicardic`?)" in messages["test_tachycardia"]
    wrong = grading.grade("demo-1", submission=write_submission(with_shock_index("return 0.0")))
    assert "(at " not in next(t.message for t in wrong.tests if t.name == "test_shock_index")  # the grader's check


def test_a_syntax_error_is_shown_once_with_a_caret_and_the_tests_it_blocks(demo_root, write_submission):
    folder = write_submission(CORRECT.replace("    return heart_rate / systolic", "    return (heart_rate / systolic"))
    done = run_cli("check", "demo-1", "--submission", str(folder), "--no-record", env={"COLUMNS": "100"})
    lines = done.stdout.splitlines()
    top = lines.index("Your code does not import, which blocks 3 test(s):")
    assert lines[top + 1] == "  vitals.py, line 7: syntax error: '(' was never closed"
    assert lines[top + 2:top + 4] == ["        return (heart_rate / systolic", "               ^"]  # under the (
    assert done.stdout.count("syntax error") == 1 and done.stdout.count("blocked: your code does not import") == 3
    assert "hint:" not in done.stdout


def test_progress_is_reported_as_test_cases_end(demo_root):
    seen = []
    grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1", progress=lambda *counts: seen.append(counts))
    assert seen[-1] == (3, 3) and [done for done, _ in seen] == sorted(done for done, _ in seen)
    shown = run_cli("check", "demo-1", "--no-record")  # no terminal: no progress line, nothing but the report
    assert "test cases ended" not in shown.stdout + shown.stderr


def test_grading_leaves_the_project_tree_unchanged(demo_root, write_submission, tmp_path, monkeypatch):
    monkeypatch.setenv("AUTOGRADE_WORKSPACE", str(tmp_path / "workspace"))  # the learner's default copy: elsewhere
    before = tree_digest(demo_root)
    grading.grade("demo-1", submission=write_submission(with_shock_index("return 1.5")))
    grading.grade("demo-1")
    assert tree_digest(demo_root) == before


def test_same_submission_same_result(demo_root):
    first = grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1").to_dict()
    second = grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1").to_dict()
    assert first == second


def test_unknown_unit_suggests_closest_ids_and_exits_2(demo_root):
    done = run_cli("check", "demo-11")
    assert done.returncode == 2
    assert "unknown unit 'demo-11'" in done.stderr and "demo-1" in done.stderr


def test_planned_unit_says_so_and_exits_2(demo_root):
    done = run_cli("check", "demo-2")
    assert done.returncode == 2 and "planned" in done.stderr


def test_bad_arguments_exit_2(demo_root):
    assert run_cli("check").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_broken_grader_is_not_blamed_on_the_learner(demo_root):
    (demo_root / "graders" / "demo-1" / "test_vitals.py").write_text("import pytest\ndef test_x(submission):\n    pass\n")
    done = run_cli("check", "demo-1")
    assert done.returncode == 2 and "grader error" in done.stderr and "grade(points" in done.stderr


def test_batch_grading_keeps_each_submission_apart(demo_root, write_submission, tmp_path):
    hanging = tmp_path / "hanging"
    hanging.mkdir()
    (hanging / "vitals.py").write_text(with_shock_index("while True:\n    pass"))
    solution, stub, wrong, hang = grading.grade_many(
        "demo-1",
        submissions=[demo_root / "solutions" / "demo-1", demo_root / "exercises" / "demo-1",
                     write_submission(with_shock_index("return 0.0")), hanging],
    )
    assert solution.full_marks and solution.score == 4
    assert {t.status for t in stub.tests} == {"not_attempted"}
    assert statuses(wrong) == {"test_map": "passed", "test_shock_index": "failed", "test_tachycardia": "passed"}
    assert statuses(hang)["test_shock_index"] == "timeout" and hang.score == 3


def test_hidden_inputs_do_not_depend_on_where_pytest_is_run_from():
    """The README's debug command (rootdir: the project) draws the same inputs as a check (rootdir: the unit)."""
    from types import SimpleNamespace

    from autograde.engine.plugin import rng_seed

    path = "/project/graders/18.06-lec4/test_lu.py"
    from_check = SimpleNamespace(path=path, nodeid="test_lu.py::test_lu_reconstructs_a")
    by_hand = SimpleNamespace(path=path, nodeid="graders/18.06-lec4/test_lu.py::test_lu_reconstructs_a")
    assert rng_seed(from_check, 7) == rng_seed(by_hand, 7) == zlib.crc32(b"test_lu.py::test_lu_reconstructs_a") ^ 7
    other = SimpleNamespace(path=path, nodeid="test_lu.py::test_l_is_unit_lower_triangular")
    assert rng_seed(other, 7) != rng_seed(from_check, 7)


def test_every_status_has_its_own_mark_in_the_report():
    from autograde import report
    from autograde.engine import outcomes

    marks = [report._SYMBOL[status] for status in outcomes.STATUSES]  # a KeyError here: a status prints "?"
    assert len(set(marks)) == len(marks)


# --- the grader API: parametrized cases, learner functions as arguments, a checked marker ---------

LIGHT_GRADER = '''import pytest

from autograde.checks import assert_close, check


@pytest.mark.grade(2, hint="Diastole lasts twice as long as systole.", uses=["mean_arterial_pressure"])
@pytest.mark.parametrize(("systolic", "diastolic"), [(120, 80), (90, 60), (180, 110)], ids=["normal", "low", "high"])
def test_map(mean_arterial_pressure, systolic, diastolic):
    assert_close(mean_arterial_pressure(float(systolic), float(diastolic)), (systolic + 2 * diastolic) / 3, name="MAP")


@pytest.mark.grade(1, hint="Divide the heart rate by the systolic pressure.", uses=["shock_index"])
def test_shock_index(shock_index):
    assert_close(shock_index(120.0, 80.0), 1.5, name="shock index")


@pytest.mark.grade(1, hint="Above 100 bpm, not at 100.", uses=["is_tachycardic"])
def test_tachycardia(is_tachycardic, rng):
    check(is_tachycardic(101 + int(rng.integers(0, 50))) is True and is_tachycardic(100) is False,
          "is_tachycardic is wrong")
'''


def test_a_parametrized_test_is_one_graded_test_whose_cases_must_all_pass(demo_root, write_submission):
    (demo_root / "graders" / "demo-1" / "test_vitals.py").write_text(LIGHT_GRADER)
    full = grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1")
    assert [(t.name, t.points) for t in full.tests] == [("test_map", 2), ("test_shock_index", 1), ("test_tachycardia", 1)]
    assert full.full_marks
    wrong_when_high = CORRECT.replace("    return (systolic + 2 * diastolic) / 3",
                                      "    return 0.0 if systolic > 150 else (systolic + 2 * diastolic) / 3")
    report = grading.grade("demo-1", submission=write_submission(wrong_when_high))
    assert statuses(report) == {"test_map": "failed", "test_shock_index": "passed", "test_tachycardia": "passed"}
    assert report.score == 2 and report.tests[0].message.startswith("case high: ")


def _cases(*names: str, uses: tuple[str, ...] = ()):
    """Stand-ins for collected test cases ("test_map[high]"), for ``loop.Waits``."""
    from types import SimpleNamespace

    items = [SimpleNamespace(name=n, originalname=n.partition("[")[0]) for n in names]
    return items, [{"timeout": 10.0, "uses": uses} for _ in names]


def test_a_graded_test_stops_at_its_first_case_that_does_not_pass():
    """The worker runs no more cases of a graded test once one has lost it (the gate ``loop.Waits``);
    a failure seen after sharing a process is not final: it is run again alone."""
    from autograde.engine import loop, sandbox

    seen = {"status": "passed", "message": ""}
    lost = {"status": "failed", "message": "wrong"}
    works = [seen, lost, seen, seen, lost, seen]
    items, specs = _cases("test_map[a]", "test_map[b]", "test_map[c]", "test_other[a]", "test_x", "test_y")
    jobs = [sandbox.Job(lambda answer=answer: answer, sandbox.Limits()) for answer in works]
    ends = list(sandbox.iter_jobs(jobs, hidden=None, reuse_after=lambda m: m.get("status") == "passed",
                                  gate=loop.Waits(items, specs, quick=False)))
    assert [e.message["status"] for e in ends] == ["passed", "failed", "not_run", "passed", "failed", "passed"]
    assert "earlier case" in ends[2].message["message"]


def test_a_case_past_its_quick_limit_waits_with_the_tests_of_the_function_it_was_running():
    """First pass: a case that runs past its quick limit, the later cases of its test and the later
    tests that use the function it was running all wait; the other tests run as before.  Second
    pass: a function past its own limit is not run again, and an impatient pass stops there."""
    from autograde.engine import loop, sandbox

    items, specs = _cases("test_f[a]", "test_f[b]", "test_uses_f", "test_g", "test_h")
    for spec, uses in zip(specs, [("f",), ("f",), ("f",), ("g",), ("h",)]):
        spec["uses"] = uses
    first = loop.Waits(items, specs, quick=True)
    assert first.instead(0) is None
    first.ended(0, {"status": "timeout", "message": "still running (at m.py line 3, in f: ...)", "blame": "f"})
    assert first.instead(1)["status"] == first.instead(2)["status"] == "waiting"
    assert first.instead(3) is None
    first.ended(3, {"status": "failed", "message": "wrong", "blame": "g"})  # a failure blames nobody
    assert first.instead(4) is None
    first.ended(1, first.instead(1))
    first.ended(2, first.instead(2))
    assert sorted(first.waiting) == [0, 1, 2]
    assert first.stands(0, {"cause": "cpu"}) and not first.stands(3, {"status": "failed"})

    waiting = sorted(first.waiting)
    later = [items[i] for i in waiting], [specs[i] for i in waiting]
    patient = loop.Waits(*later, quick=False, patient=True, earlier=[first.waiting[i] for i in waiting])
    assert patient.limits(0, sandbox.Limits(20.0, 10.0)).cpu_seconds == 10.0
    patient.ended(0, {"status": "timeout", "message": "still running", "blame": "f"})
    assert patient.instead(1) == dict(loop.SKIPPED)  # the rest of test_f
    assert patient.instead(2)["status"] == "timeout" and "it uses f" in patient.instead(2)["message"]

    # Impatient: what ran out of time is taken from one allowance, and nothing runs once it is spent.
    items, specs = _cases("test_f", "test_g", "test_h")
    impatient = loop.Waits(items, specs, quick=False, patient=False,
                           earlier=[("quick run", "f"), ("quick run", "g"), ("quick run", "h")])
    assert impatient.limits(0, sandbox.Limits(20.0, 10.0)) == sandbox.Limits(20.0, 10.0)
    impatient.ended(0, {"cause": "cpu", "detail": "used more than 10 s"})
    given = impatient.limits(1, sandbox.Limits(20.0, 10.0))
    assert given.cpu_seconds == loop.ALLOWANCE_S - 10.0 and given.wall_seconds == 2 * given.cpu_seconds
    impatient.ended(1, {"status": "timeout", "message": "still running", "blame": "g"})
    assert impatient.instead(2)["message"].startswith("quick run; not graded")


@pytest.mark.parametrize(("marker", "words"), [
    ('@pytest.mark.grade(1, hint="Divide.", timout=3)', "not timout"),
    ('@pytest.mark.grade(1, hint="Divide.\\nThen round.")', "one-line hint"),
    ('@pytest.mark.grade(1, "Divide.", uses=["shock_index", "missing"])', "does not take as arguments"),
    ('@pytest.mark.grade(1, "Divide.", uses=["rng"])', "names a fixture of autograde"),
])
def test_a_mistake_in_a_grade_marker_stops_collection(demo_root, marker, words):
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(LIGHT_GRADER.replace(
        '@pytest.mark.grade(1, hint="Divide the heart rate by the systolic pressure.", uses=["shock_index"])', marker))
    with pytest.raises(grading.GraderError, match=words):
        grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1")


def test_one_entry_point_takes_a_folder_a_python_file_or_a_notebook(demo_root, tmp_path):
    import autograde
    from autograde.errors import UsageError

    module = tmp_path / "my_vitals.py"
    module.write_text(CORRECT)
    assert autograde.grade("demo-1", submission=module).full_marks
    assert autograde.grade("demo-1", submission=module.parent).score == 0  # a folder without vitals.py
    code, result = run_json("check", "demo-1", "--submission", str(module), "--no-record")
    assert code == 0 and result["score"] == 4
    with pytest.raises(UsageError, match="not notes.txt"):
        autograde.grade("demo-1", submission=module.with_name("notes.txt").touch() or module.with_name("notes.txt"))


def test_a_session_that_stops_early_is_a_field_of_the_report(demo_root):
    """The trusted session itself dying (here: a grader that ends the process in-process mode) is
    Report.stopped, and the tests without a result read "crashed"; never a string to match."""
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace('    f = submission.get("is_tachycardic")',
                                                 '    import os\n    os._exit(3)\n    f = submission.get("is_tachycardic")'))
    [report] = grading.grade_many("demo-1", submissions=[demo_root / "solutions" / "demo-1"], isolation="none")
    assert report.stopped and statuses(report)["test_tachycardia"] == "crashed"
    assert not grading.grade("demo-1", submission=demo_root / "solutions" / "demo-1").stopped


# --- contract clauses through record and replay: arguments left unmodified, a new object returned --

CONTRACT_SOLUTION = '''

def sorted_readings(readings):
    """The readings in ascending order, as a new list: the caller's list is not modified."""
    return sorted(readings)


def last_readings(values, n):
    """The last n values of a numpy array, as a new array (not a view of values)."""
    return values[-n:].copy()
'''

CONTRACT_GRADER = '''import numpy as np
import pytest

from autograde.checks import assert_array_close, call_checked, check, expect_list


@pytest.mark.grade(1, hint="Sort a copy: sorted(readings).", memory_mb=256, uses=["sorted_readings"])
@pytest.mark.parametrize("readings", [[120.0, 95.0, 110.0], [90.0, 100.0]], ids=["unsorted", "sorted"])
def test_sorted_readings(sorted_readings, reference, readings):
    want = call_checked(reference.get("sorted_readings"), list(readings), name="the reference", new_object=True,
                        unchanged=True)
    got = call_checked(sorted_readings, list(readings), name="sorted_readings(readings)", new_object=True,
                       unchanged=True)
    check(expect_list(got, name="sorted_readings(readings)", item=float) == want, "sorted_readings is wrong")


@pytest.mark.grade(1, hint="Return a copy, not a view.", memory_mb=256, uses=["last_readings"])
def test_last_readings(last_readings):
    values = np.arange(6.0)
    got = call_checked(last_readings, values, 2, name="last_readings(values, 2)", new_object=True, unchanged=True)
    assert_array_close(got, np.array([4.0, 5.0]), name="last_readings(values, 2)")
'''

CONTRACT_BREAKERS = {
    "sorts_in_place": ("def sorted_readings(readings):\n    readings.sort()\n    return sorted(readings)\n",
                       "test_sorted_readings", "modifies its first argument"),
    "returns_the_argument": ("def sorted_readings(readings):\n"
                             "    return readings if readings == sorted(readings) else sorted(readings)\n",
                             "test_sorted_readings", "is its first argument itself"),
    "returns_a_view": ("def last_readings(values, n):\n    return values[-n:]\n",
                       "test_last_readings", "is a view of its first argument"),
}


def test_contract_clauses_are_graded_through_the_worker_and_the_verifier(demo_root, write_submission, tmp_path):
    """A submission that sorts the caller's list in place, returns its argument itself or a view of
    it loses that test's point in a real check (jailed worker, then verifier); the correct one passes,
    so the verifier read the facts the worker recorded for each checked call."""
    (demo_root / "solutions" / "demo-1" / "vitals.py").write_text(CORRECT + CONTRACT_SOLUTION)
    (demo_root / "graders" / "demo-1" / "test_contract.py").write_text(CONTRACT_GRADER)
    folders = {}
    for label, (function, _, _) in CONTRACT_BREAKERS.items():
        folder = tmp_path / label
        folder.mkdir()
        name = function.split("(")[0].removeprefix("def ")
        head, _, tail = CONTRACT_SOLUTION.partition(f"\ndef {name}(")
        tail = tail[tail.index("\ndef ") :] if "\ndef " in tail else "\n"
        (folder / "vitals.py").write_text(CORRECT + head + "\n" + function + tail)
        folders[label] = folder
    correct, *broken = grading.grade_many("demo-1", submissions=[demo_root / "solutions" / "demo-1", *folders.values()])
    assert correct.full_marks and correct.score == 6, statuses(correct)
    assert statuses(correct)["test_sorted_readings"] == statuses(correct)["test_last_readings"] == "passed"
    for report, (label, (_, test, words)) in zip(broken, CONTRACT_BREAKERS.items()):
        other = {"test_sorted_readings", "test_last_readings"} - {test}
        failing = next(t for t in report.tests if t.name == test)
        assert failing.status == "failed" and failing.points == 0 and words in failing.message, (label, failing)
        assert statuses(report)[other.pop()] == "passed" and report.score == 5, (label, statuses(report))


# --- a session kept up for checks one after another (watch mode, a notebook's checks) -----------


def test_a_warm_session_grades_checks_one_after_another_each_in_a_fresh_jail(demo_root, tmp_path):
    """One session, many checks: learner code that patches a library or kills its process leaves
    nothing behind for the next check, which is jailed and verified as a check of its own."""
    solution = demo_root / "solutions" / "demo-1"
    hostile = {
        "patches-math": "import math\nmath.sqrt = lambda x: 0.0\n" + CORRECT.replace("return heart_rate / systolic", "return 0.0"),
        "exits-at-import": "import os\nos._exit(0)\n",
    }
    with grading.warm("demo-1") as grade:
        assert grade(solution).full_marks
        for name, source in hostile.items():
            (tmp_path / name).mkdir()
            (tmp_path / name / "vitals.py").write_text(source)
            assert not grade(tmp_path / name).full_marks
        again = grade(solution)
        assert again.full_marks and again.isolation == "jail"
        assert statuses(grade(demo_root / "exercises" / "demo-1")) == dict.fromkeys(statuses(again), "not_attempted")
        only = grade(solution, only_function="shock_index")
        assert [t.name for t in only.tests] == ["test_shock_index"] and only.full_marks


def test_a_warm_session_grades_each_save_of_one_folder_as_it_is_now(demo_root, tmp_path):
    """Watch mode grades one folder again and again: the processes started ahead for the next
    check are told the files as they are when it comes, never as they were."""
    mine = tmp_path / "work"
    mine.mkdir()
    wrong = CORRECT.replace("return heart_rate / systolic", "return 0.0")
    with grading.warm("demo-1") as grade:
        for source, expected in [(CORRECT, "passed"), (wrong, "failed"), ("import os\nos._exit(3)\n", "crashed"),
                                 (CORRECT, "passed"), (wrong, "failed")]:
            (mine / "vitals.py").write_text(source)
            report = grade(mine)
            assert statuses(report)["test_shock_index"] == expected and report.isolation == "jail"


def test_a_warm_session_that_ended_is_started_again(demo_root):
    from autograde.engine import session

    def verdicts(finished) -> list[tuple[str, str]]:
        return [(r["name"], r["status"]) for r in finished.records if r["event"] == "test"]

    kept = session.Warm(demo_root / "graders" / "demo-1", demo_root, [], what="demo-1")
    try:
        request = {"submissions": [str(demo_root / "solutions" / "demo-1")]}
        first = kept.run(request)
        pid = kept.process.pid
        assert verdicts(kept.run(request)) == verdicts(first) == [(n, "passed") for n in ("test_map", "test_shock_index",
                                                                                            "test_tachycardia")]
        assert kept.process.pid == pid  # the same session
        kept.process.kill()
        kept.process.wait()
        assert verdicts(kept.run(request)) == verdicts(first) and kept.process.pid != pid
    finally:
        kept.close()


def test_a_data_file_beside_the_submitted_file_is_found_as_in_jupyter(demo_root, tmp_path):
    """A notebook (or .py file) reads its data by a relative path; graded, it finds the files that
    lie beside it, read-only, while new files still go to the test's private scratch."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "factor.txt").write_text("1.0\n")
    module = tmp_path / "mine" / "my_vitals.py"
    module.write_text(CORRECT.replace("    return heart_rate / systolic",
                                      "    open('scratch.txt', 'w').write('ok')\n"
                                      "    return heart_rate / systolic * float(open('factor.txt').read())"))
    report = grading.grade("demo-1", submission=module)
    assert report.full_marks, [t.message for t in report.tests]
    assert not (tmp_path / "mine" / "scratch.txt").exists()  # written in the jail's scratch, not here
    (tmp_path / "mine" / "factor.txt").unlink()
    missing = grading.grade("demo-1", submission=module)
    assert statuses(missing)["test_shock_index"] == "error" and "FileNotFoundError" in missing.tests[1].message
