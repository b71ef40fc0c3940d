"""Classroom mode: notebooks for self-study, and units as nbgrader assignments (a real round trip
through nbgrader's own command-line tools)."""

from __future__ import annotations

import html
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograde import cli
from autograde.notebooks import classroom, convert
from conftest import REPO, run_cli

VENV_BIN = str(Path(sys.executable).parent)  # nbgrader runs `alembic` from the environment's bin folder


# --- notebook → module ---------------------------------------------------------------------


def _load(source: str, name: str = "learner") -> types.ModuleType:
    """Trusted test code: run a generated module in this process to look at what it defines."""
    module = types.ModuleType(name)
    filename = f"/virtual/{name}.py"
    import linecache

    linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
    module.__file__ = filename
    exec(compile(source, filename, "exec"), module.__dict__)
    return module


def test_module_source_keeps_defs_at_module_level_and_survives_raising_cells():
    cells = [
        "%matplotlib inline\nimport math\n!pip install nothing",
        "def area(r):\n    \"\"\"Area of a disc.\"\"\"\n    return math.pi * r ** 2",
        "print(area(1))\nundefined_name\nafter = 1",
        "def broken(:\n    pass",
        "%%bash\necho not python",
        "%%time\nTEXT = '''first\nsecond'''\nCOUNT = len(TEXT)",
        "def perimeter(r, scale=2):\n    return scale * math.pi * r",
        "x = 7\ny = (x\n     % 3)",  # a continuation line that starts with %, not a magic
    ]
    built = convert.build(cells, numbers=[2, 3, 4, 5, 6, 7, 8, 9])
    module = _load(built.source)
    assert module.area(2) == pytest.approx(4 * 3.141592653589793)
    assert inspect.getsource(module.area).startswith("def area(r):\n")  # the learner's own text, unindented
    assert inspect.getsource(module.perimeter).startswith("def perimeter(r, scale=2):")
    assert module.TEXT == "first\nsecond"  # a multi-line string is not re-indented
    assert module.y == 1 and not hasattr(module, "after")
    errors = getattr(module, convert.ERRORS)
    assert [(cell, type(exc).__name__) for cell, exc in errors] == [(4, "NameError")]
    assert [(n.cell, n.status) for n in built.notes] == [(5, "syntax_error"), (6, "skipped")]
    assert "%%bash" in built.notes[1].message
    assert convert.module_source(cells) == convert.build(cells).source


def test_module_source_leaves_a_main_guard_unwrapped():
    """Run as a program, an exception in the main guard must end it with a traceback, as a script's would."""
    built = convert.build(["def main():\n    raise ValueError('bad input')",
                            'if __name__ == "__main__" and "get_ipython" not in globals():\n    main()'])
    assert '\nif __name__ == "__main__" and "get_ipython" not in globals():\n    main()\n' in built.source
    _load(built.source)  # imported (not run as a program): the guard keeps main() from running
    run = subprocess.run([sys.executable, "-c", built.source], capture_output=True, text=True)
    assert run.returncode == 1 and "ValueError: bad input" in run.stderr


def test_module_source_drops_sibling_imports_and_hoists_future_imports():
    built = convert.build(["from __future__ import annotations\nfrom helpers import f\nimport helpers\ng = helpers"],
                           siblings={"helpers"})
    assert "from helpers import" not in built.source and built.source.index("from __future__") < built.source.index("g =")
    module = types.ModuleType("helpers")
    sys.modules["helpers"] = module  # as Submission does while it imports a module
    try:
        exec(compile(built.source, "helpers.py", "exec"), module.__dict__)
    finally:
        del sys.modules["helpers"]
    assert module.g is module  # `import helpers` inside helpers: the module itself


# --- self-study notebooks: `autograde notebook` and `check --submission x.ipynb` ---------------


def _solution_cells(nb, unit_id: str) -> None:
    """Fill each exercise cell of a learner notebook with the reference solution (in place)."""
    solutions = {e.stub.rstrip("\n"): e.solution.rstrip("\n")
                 for m in convert.unit_modules(unit_id) for e in m.exercises}
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source in solutions:
            cell.source = solutions[cell.source]


def test_notebook_command_writes_a_notebook_and_never_overwrites(demo_root, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = run_cli("notebook", "demo-1")
    assert done.returncode == 0, done.stderr
    path = demo_root / "work" / "demo-1" / "demo-1.ipynb"  # in the learner's workspace, from the pristine stub
    assert "autograde check demo-1 --submission project/work/demo-1/demo-1.ipynb" in done.stdout
    nb = nbformat.read(str(path), as_version=4)
    assert nb.metadata.autograde["unit"] == "demo-1"
    code = [c.source for c in nb.cells if c.cell_type == "code"]
    assert [c.split("(")[0] for c in code if c.startswith("def ")] == [
        "def mean_arterial_pressure", "def shock_index", "def is_tachycardic"]
    assert all("raise NotImplementedError" in c for c in code if c.startswith("def "))
    path.write_text(path.read_text() + " ")  # the learner's work
    again = run_cli("notebook", "demo-1")
    assert again.returncode == 2 and "already exists" in again.stderr and "--force" in again.stderr
    assert path.read_text().endswith(" ")
    assert run_cli("notebook", "demo-1", "--force").returncode == 0
    other = run_cli("notebook", "demo-1", "-o", str(tmp_path / "sub" / "mine.ipynb"))
    assert other.returncode == 0 and (tmp_path / "sub" / "mine.ipynb").is_file()
    unknown = run_cli("notebook", "demo-l")
    assert unknown.returncode == 2 and "Did you mean: demo-2, demo-1?" in unknown.stderr
    planned = run_cli("notebook", "demo-2")
    assert planned.returncode == 2 and "no exercises yet" in planned.stderr


def test_check_grades_notebooks(demo_root, tmp_path, private_attempts_db):
    fresh = tmp_path / "fresh.ipynb"
    convert.write_learner_notebook("demo-1", fresh)

    done = run_cli("check", "demo-1", "--submission", str(fresh), "--json")
    result = json.loads(done.stdout)
    assert done.returncode == 1 and result["score"] == 0 and result["cells"] == []
    assert {t["status"] for t in result["tests"]} == {"not_attempted"}

    solved = nbformat.read(str(fresh), as_version=4)
    _solution_cells(solved, "demo-1")
    nbformat.write(solved, str(tmp_path / "solved.ipynb"))
    done = run_cli("check", "demo-1", "--submission", str(tmp_path / "solved.ipynb"))
    assert done.returncode == 0 and "Total: 4 / 4" in done.stdout and "Notebook:" not in done.stdout
    assert "autograde check demo-1  (" in done.stdout and "solved.ipynb)" in done.stdout

    # A cell that raises, before a function it defines, and a cell with a syntax error: both are
    # reported, and every function is still graded (the raising cell's function too).
    cells = solved.cells
    shock = next(i for i, c in enumerate(cells) if c.source.startswith("def shock_index"))
    cells[shock].source = "print(mean_arterial_pressure(120))\n" + cells[shock].source
    cells.insert(shock + 1, nbformat.v4.new_code_cell("def oops(:\n    pass"))
    cells.append(nbformat.v4.new_code_cell("%time is_tachycardic(120)\nassert is_tachycardic(10), 'checking'"))
    nbformat.write(solved, str(tmp_path / "raising.ipynb"))
    done = run_cli("check", "demo-1", "--submission", str(tmp_path / "raising.ipynb"), "--json")
    result = json.loads(done.stdout)
    assert done.returncode == 0 and result["score"] == 4, result
    notes = {n["cell"]: n for n in result["cells"]}
    assert {shock + 1, shock + 2, len(cells)} <= set(notes), result["cells"]
    assert notes[shock + 1]["status"] == "raised" and "TypeError" in notes[shock + 1]["message"]
    assert notes[shock + 2]["status"] == "syntax_error"
    assert notes[len(cells)]["status"] == "raised" and "AssertionError: checking (its line 2)" in notes[len(cells)]["message"]
    text = cli._render_notes([convert.CellNote(**n) for n in result["cells"]])
    assert f"cell {shock + 1} raised TypeError" in text and f"cell {shock + 2}: syntax error on its line 1" in text

    # The attempt is recorded with a snapshot of the extracted module, so `verify` can re-grade it.
    from autograde.progress import attempts

    history = attempts.load(attempts.open_store())
    assert [a.score for a in history if a.unit == "demo-1"] == [0, 4, 4]

    missing = run_cli("check", "demo-1", "--submission", str(tmp_path / "nothing.ipynb"))
    assert missing.returncode == 2 and "notebook not found" in missing.stderr
    (tmp_path / "bad.ipynb").write_text("{not json")
    bad = run_cli("check", "demo-1", "--submission", str(tmp_path / "bad.ipynb"))
    assert bad.returncode == 2 and "is not a notebook" in bad.stderr


# --- nbgrader export -------------------------------------------------------------------------


def test_export_writes_an_nbgrader_course(demo_root, tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    (course / "nbgrader_config.py").write_text("c = get_config()\nc.Exchange.root = '/srv/exchange'\n")
    done = run_cli("nbgrader", "export", "demo-1", "--course", str(course))
    assert done.returncode == 0, done.stderr
    assert "3 autograded tests, 4 points" in done.stdout and "nbgrader generate_assignment demo-1" in done.stdout
    config = (course / "nbgrader_config.py").read_text()
    assert config.startswith("c = get_config()\nc.Exchange.root = '/srv/exchange'\n")  # the instructor's own settings stay
    assert "c.CourseDirectory.course_id = 'course'" in config and "GradeWithAutograde," in config
    run_cli("nbgrader", "export", "demo-1", "--course", str(course), "--course-id", "med101")
    config = (course / "nbgrader_config.py").read_text()
    assert config.count(classroom.CONFIG_BEGIN) == 1 and "course_id = 'med101'" in config

    nb = nbformat.read(str(course / "source" / "demo-1" / "demo-1.ipynb"), as_version=4)
    from nbgrader.nbgraderformat import MetadataValidator

    MetadataValidator().validate_nb(nb)
    meta = [c.metadata.get("nbgrader", {}) for c in nb.cells]
    assert all(m.get("schema_version") == 3 for m in meta)
    solutions = [c for c, m in zip(nb.cells, meta) if m.get("solution")]
    assert [c.source.split("(")[0] for c in solutions] == [
        "def mean_arterial_pressure", "def shock_index", "def is_tachycardic"]
    assert all(convert.BEGIN_SOLUTION in c.source and convert.END_SOLUTION in c.source for c in solutions)
    tests = [(m["grade_id"], m["points"], m["locked"]) for m in meta if m.get("grade")]
    assert tests == [("test_map", 2.0, True), ("test_shock_index", 1.0, True), ("test_tachycardia", 1.0, True)]
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")

    unknown = run_cli("nbgrader", "export", "demo-l", "--course", str(tmp_path / "other"))
    assert unknown.returncode == 2 and "Did you mean: demo-2, demo-1?" in unknown.stderr and not (tmp_path / "other").exists()


def test_grade_notebook_scores_test_cells_as_nbgrader_does(demo_root, tmp_path):
    """GradeWithAutograde's work: outputs an nbgrader test cell scores as autograde does."""
    tests = classroom.collect_tests("demo-1")
    nb = classroom.source_notebook("demo-1", tests)
    for cell in nb.cells:
        if cell.source.startswith("def is_tachycardic"):
            cell.source = cell.source.replace("heart_rate > 100", "heart_rate >= 100")
    report = classroom.grade_notebook(nb, "demo-1")
    assert report.score == 3
    from nbgrader.utils import determine_grade

    grades = {c.metadata.nbgrader["grade_id"]: determine_grade(c)[0] for c in nb.cells if convert.is_autograded_test(c)}
    assert grades == {"test_map": 2.0, "test_shock_index": 1.0, "test_tachycardia": 0.0}
    failed = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_tachycardia")
    assert "hint: Above 100 bpm, not at 100." in failed.outputs[0]["evalue"]


# --- the round trip through nbgrader's own tools ------------------------------------------------

ROUND_TRIP = {  # unit: a mutant of tests/mutants/<unit>/mutants.toml
    "18.01-lec2": "one_sided_directions_swapped",       # sympy
    "18.06-lec4": "forgets_ones_on_diagonal_of_l",       # numpy
    "ai4med-c2w3": "km_forgets_time_zero",               # pandas / lifelines
}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, capture_output=True, text=True,
                          env={**os.environ, "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", "")},
                          timeout=900)
    assert done.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def _mutant(unit: str, name: str) -> dict:
    data = tomllib.loads((REPO / "tests" / "mutants" / unit / "mutants.toml").read_text())
    return next(m for m in data["mutant"] if m["name"] == name)


def _visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def _solution_only_lines(unit: str) -> set[str]:
    """Lines of the reference solution that neither the stub nor its docstrings contain."""
    stub = set()
    for path in (REPO / "exercises" / unit).glob("*.py"):
        stub |= {line.strip() for line in path.read_text().splitlines()}
    lines = set()
    for path in (REPO / "solutions" / unit).glob("*.py"):
        lines |= {line.strip() for line in path.read_text().splitlines()}
    return {line for line in lines - stub if len(line) > 12 and not line.startswith(("#", '"""', "def ", "class "))}


@pytest.mark.slow
def test_nbgrader_round_trip(tmp_path):
    course = tmp_path / "course"
    done = run_cli("nbgrader", "export", *ROUND_TRIP, "--course", str(course))
    assert done.returncode == 0, done.stderr
    nbgrader(course, "generate_assignment", "*")

    # Submissions: the solution (alice), the untouched release (bob), one mutant (carol). The
    # mutant's module is also graded by `autograde check`, at the same time as nbgrader works.
    checks = {}
    for unit, mutant_name in ROUND_TRIP.items():
        source = course / "source" / unit / f"{unit}.ipynb"
        release = course / "release" / unit / f"{unit}.ipynb"
        text = release.read_text()
        assert "BEGIN SOLUTION" not in text and "HIDDEN TESTS" not in text and "run_test" not in text
        release_code = {line.strip() for c in nbformat.read(str(release), as_version=4).cells for line in c.source.splitlines()}
        assert not release_code & _solution_only_lines(unit), "the release shows solution code"

        mutant = _mutant(unit, mutant_name)
        nb = nbformat.read(str(source), as_version=4)
        hits = [c for c in nb.cells if c.cell_type == "code" and mutant["replace"] in c.source]
        assert len(hits) == 1 and hits[0].source.count(mutant["replace"]) == 1
        hits[0].source = hits[0].source.replace(mutant["replace"], mutant["with"])
        for student, submitted in (("alice", source), ("bob", release), ("carol", None)):
            folder = course / "submitted" / student / unit
            folder.mkdir(parents=True)
            if submitted is None:
                nbformat.write(nb, str(folder / f"{unit}.ipynb"))
            else:
                shutil.copy(submitted, folder / f"{unit}.ipynb")
        module = tmp_path / "mutants" / unit
        shutil.copytree(REPO / "solutions" / unit, module)
        target = module / mutant["file"]
        target.write_text(target.read_text().replace(mutant["replace"], mutant["with"]))
        checks[unit] = module

    with ThreadPoolExecutor(max_workers=1) as pool:
        expected = {unit: pool.submit(run_cli, "check", unit, "--submission", str(folder), "--json", "--no-record")
                    for unit, folder in checks.items()}
        nbgrader(course, "autograde", "*")
        expected = {unit: json.loads(future.result().stdout) for unit, future in expected.items()}
    nbgrader(course, "generate_feedback", "*")

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id="course") as gb:
        for unit, check in expected.items():
            full = check["max_score"]
            assert gb.find_submission(unit, "alice").score == full
            assert gb.find_submission(unit, "bob").score == 0
            carol = gb.find_submission(unit, "carol").score
            assert 0 < carol < full and carol == check["score"], (unit, carol, check["score"])
            per_test = {t["name"]: t["points"] for t in check["tests"]}
            assert {t["name"]: gb.find_grade(t["name"], unit, unit, "carol").score for t in check["tests"]} == per_test
            assert gb.find_notebook(unit, unit).max_score == full

    for unit in ROUND_TRIP:
        for student in ("alice", "bob", "carol"):
            page = _visible_text((course / "feedback" / student / unit / f"{unit}.html").read_text())
            assert "HIDDEN TESTS" not in page and "run_test" not in page and "autograde.classroom" not in page
        untouched = _visible_text((course / "feedback" / "bob" / unit / f"{unit}.html").read_text())
        assert "not attempted" in untouched and "hint: " in untouched
        assert not {line.strip() for line in untouched.splitlines()} & _solution_only_lines(unit)


@pytest.mark.slow
def test_hidden_tests_run_in_a_kernel_with_nbgrader_validate(tmp_path):
    """Executed normally (nbgrader validate runs the notebook in a kernel), run_test grades the
    code the kernel ran: a mutant fails exactly the tests `autograde check` fails."""
    unit, mutant = "18.06-lec4", _mutant("18.06-lec4", "forgets_ones_on_diagonal_of_l")
    course = tmp_path / "course"
    classroom.export([unit], course=course)
    nb = nbformat.read(str(course / "source" / unit / f"{unit}.ipynb"), as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace(mutant["replace"], mutant["with"])
    nbformat.write(nb, str(tmp_path / "mutant.ipynb"))
    module = tmp_path / "module"
    shutil.copytree(REPO / "solutions" / unit, module)
    (module / mutant["file"]).write_text((module / mutant["file"]).read_text().replace(mutant["replace"], mutant["with"]))
    check = json.loads(run_cli("check", unit, "--submission", str(module), "--json", "--no-record").stdout)
    failing = {t["name"] for t in check["tests"] if t["status"] != "passed"}
    assert failing

    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(tmp_path / "mutant.ipynb")], cwd=course,
                          capture_output=True, text=True, timeout=600,
                          env={**os.environ, "PATH": VENV_BIN + os.pathsep + os.environ.get("PATH", "")})
    reported = set(re.findall(r"TestFailed: (test_\w+): ", done.stdout))
    assert reported == failing, done.stdout[-3000:]
