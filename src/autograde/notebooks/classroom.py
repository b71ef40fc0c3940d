"""Classroom mode: units as nbgrader (0.9.x) assignments, graded by autograde's own graders.

``export(units, course=DIR)`` writes a real nbgrader course directory:

    DIR/nbgrader_config.py                the course's settings (an autograde block, rewritten on each export)
    DIR/source/<unit>/<unit>.ipynb        one source notebook per unit

Each notebook holds the unit's README (markdown), one locked setup cell per module (what the
stub gives: imports, constants, given functions), one solution cell per exercise function or
class (the stub's signature and docstring, the reference body between ``### BEGIN SOLUTION`` and
``### END SOLUTION``) and then one locked "autograder tests" cell per grader test: its points are
the test's points, its grade_id the test's name, and its hidden-test region calls
``run_test(unit, test)``.

Learner code never runs in the instructor's kernel: the course's ``nbgrader_config.py`` puts
``GradeWithAutograde`` in place of nbgrader's ``Execute`` preprocessor in ``nbgrader autograde``.
It extracts the submitted notebook's code cells (``autograde.notebooks.convert``), grades them once with
``grading.grade`` (every test in a jailed, limited child; a pass confirmed by the trusted
verifier) and writes each test cell's output: "passed", or an error whose message is the
learner-facing feedback.  nbgrader's ``SaveAutoGrades`` then scores the cells as usual (full
points without an error output, 0 with one), so nbgrader's points are ``autograde check``'s.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from autograde.notebooks import convert
from autograde.engine import grading, session
from autograde.curriculum import project_root
from autograde.report import JAILED, Report, TestResult

BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CONFIG_BEGIN, CONFIG_END = "# >>> autograde >>>", "# <<< autograde <<<"
SCHEMA_VERSION = 3  # nbgrader 0.9's cell metadata schema


@dataclass(frozen=True)
class GradedTest:
    name: str
    points: float
    hint: str


# --- the graders' tests ----------------------------------------------------------------------


def collect_tests(unit_id: str, root: Path | None = None) -> list[GradedTest]:
    """The unit's graded tests (name, points, hint) in the graders' order: pytest collects them
    with autograde's plugin, which reports them as it does for every grading session."""
    root = root or project_root()
    unit = grading.resolve_unit(unit_id, root)
    collected = session.run(unit.folder("graders", root), root, ["--collect-only"], what=unit.id).collected
    return [GradedTest(t["name"], float(t["max_points"]), t["hint"]) for t in collected]


# --- the source notebook ------------------------------------------------------------------------


def _meta(grade_id: str, *, grade: bool = False, solution: bool = False, locked: bool = False,
          points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def test_cell_source(unit_id: str, test: GradedTest) -> str:
    return (f"# Autograded test `{test.name}` ({test.points:g} point{'s' if test.points != 1 else ''}).\n"
            "# Its hidden test runs when the notebook is graded (nbgrader autograde).\n"
            f"{BEGIN_HIDDEN}\n"
            "import autograde.classroom\n"
            f"autograde.classroom.run_test({unit_id!r}, {test.name!r})\n"
            f"{END_HIDDEN}")


def source_notebook(unit_id: str, tests: list[GradedTest], root: Path | None = None):
    """The nbgrader source notebook of a unit (see the module docstring)."""
    import nbformat.v4 as v4

    root = root or project_root()
    cid = convert.cell_id
    cells = [v4.new_markdown_cell(convert.readme(unit_id, root), id="readme", metadata=_meta("readme", locked=True))]
    for module in convert.unit_modules(unit_id, root):
        cells.append(v4.new_code_cell(module.setup.rstrip("\n"), id=cid(f"setup-{module.name}"),
                                      metadata=_meta(f"setup_{module.name}", locked=True)))
        for exercise in module.exercises:
            cells.append(v4.new_code_cell(exercise.solution.rstrip("\n"), id=cid(f"{module.name}-{exercise.name}"),
                                          metadata=_meta(f"{module.name}_{exercise.name}", solution=True)))
        if module.main:
            cells.append(v4.new_code_cell(module.main.rstrip("\n"), id=cid(f"main-{module.name}"),
                                          metadata=_meta(f"main_{module.name}", locked=True)))
    total = sum(t.points for t in tests)
    cells.append(v4.new_markdown_cell(
        f"## Autograded tests\n\n{len(tests)} tests, {total:g} points. Each cell below is one hidden test of "
        "autograde's graders; when the notebook is graded, a cell shows *passed* or what went wrong, with a hint.",
        id="tests", metadata=_meta("tests_heading", locked=True)))
    for test in tests:
        cells.append(v4.new_code_cell(test_cell_source(unit_id, test), id=cid(f"test-{test.name}"),
                                      metadata=_meta(test.name, grade=True, locked=True, points=test.points)))
    nb = v4.new_notebook(cells=cells)
    nb.metadata.update(kernelspec=convert.KERNELSPEC, language_info={"name": "python"},
                       autograde={"unit": unit_id, "modules": convert.module_names(unit_id, root)})
    return nb


def _config_block(course_id: str, allow_degraded: bool = False) -> str:
    return f'''{CONFIG_BEGIN}
# Written by `autograde nbgrader export`; the next export rewrites this block (put your own
# settings outside it).
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor, CSSHTMLHeaderPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, ClearHiddenTests, GetGrades,
                                    IgnorePattern, LimitOutput, SaveAutoGrades)

from autograde.classroom import GradeWithAutograde

c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.course_id = {course_id!r}

# `nbgrader autograde` never runs a student's code in a Jupyter kernel: GradeWithAutograde takes the
# place of nbgrader's Execute. It grades the notebook's code cells with autograde (each test in a
# jailed, resource-limited child, passes confirmed by a trusted verifier) and writes each
# autograded test cell's output; SaveAutoGrades then scores those cells as usual.
c.Autograde.autograde_preprocessors = [
    GradeWithAutograde,
    IgnorePattern,
    ClearMetadataPreprocessor,
    LimitOutput,
    SaveAutoGrades,
    AssignLatePenalties,
    CheckCellMetadata,
]
# Where the kernel refuses part of autograde's jail, grading stops with an error unless this is True.
c.GradeWithAutograde.allow_degraded = {allow_degraded!r}

# Feedback shows each test's result and hint, never the hidden test code.
c.GenerateFeedback.preprocessors = [GetGrades, ClearHiddenTests, CSSHTMLHeaderPreprocessor]
{CONFIG_END}
'''


def write_config(course: Path, course_id: str, *, allow_degraded: bool = False) -> Path:
    """Create nbgrader_config.py, or rewrite only its autograde block."""
    path = Path(course) / "nbgrader_config.py"
    block = _config_block(course_id, allow_degraded)
    if not path.exists():
        path.write_text("c = get_config()  # noqa: F821  (nbgrader's configuration object)\n\n" + block, encoding="utf-8")
        return path
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(CONFIG_BEGIN) + r".*?" + re.escape(CONFIG_END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: block, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
    return path


@dataclass
class Exported:
    unit: str
    path: Path
    tests: list[GradedTest]

    @property
    def points(self) -> float:
        return sum(t.points for t in self.tests)


def export(units: list[str], *, course: Path, course_id: str | None = None, root: Path | None = None,
           allow_degraded: bool = False) -> list[Exported]:
    """Create (or update) the nbgrader course directory ``course`` with one assignment per unit.

    The assignment id and the notebook's name are the unit id: ``source/<unit>/<unit>.ipynb``.
    ``allow_degraded``: grade even where the kernel refuses part of the jail (see GradeWithAutograde).
    """
    import nbformat

    root = root or project_root()
    resolved = [grading.resolve_unit(u, root) for u in units]  # every id is checked before anything is written
    course = Path(course).resolve()
    course.mkdir(parents=True, exist_ok=True)
    write_config(course, course_id or course.name, allow_degraded=allow_degraded)
    # Collecting the graders' tests starts a pytest session per unit: run them side by side.
    with ThreadPoolExecutor(max_workers=min(4, len(resolved)) or 1) as pool:
        collected = list(pool.map(lambda unit: collect_tests(unit.id, root), resolved))
    exported = []
    for unit, tests in zip(resolved, collected):
        nb = source_notebook(unit.id, tests, root)
        path = course / "source" / unit.id / f"{unit.id}.ipynb"
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.validate(nb)
        nbformat.write(nb, str(path))
        exported.append(Exported(unit.id, path, tests))
    return exported


# --- grading a notebook's code ------------------------------------------------------------------


def grade_cells(unit_id: str, cells: list[str], *, numbers: list[int] | None = None,
                hide: list[Path] = (), root: Path | None = None) -> tuple[Report, convert.Built]:
    """Grade code cells as one submission of ``unit_id`` (the learner's code runs only jailed)."""
    built = convert.build(cells, numbers=numbers, siblings=set(convert.module_names(unit_id, root)))
    with tempfile.TemporaryDirectory(prefix="autograde-notebook-") as scratch:
        folder = convert.write_submission(built, unit_id, Path(scratch) / "submission", root)
        report = grading.grade(unit_id, submission=folder, root=root, hide=hide, patient=True)
        if report.stopped:  # the trusted session itself failed (never the learner's code): once more
            report = grading.grade(unit_id, submission=folder, root=root, hide=hide, patient=True)
    if report.stopped:
        raise grading.GraderError(f"the grading session of {unit_id} stopped before any test finished, twice "
                                 "(a problem of the grading machine, not of the student's code)")
    return report, built


def feedback(test: TestResult) -> str:
    """What the learner reads when a test does not pass: the status, the grader's message, the hint."""
    status = test.status.replace("_", " ")
    lines = [f"{test.name}: {status} (0 / {test.max_points:g} points)"]
    if test.message and test.status != "not_attempted":
        lines.append(test.message)
    elif test.status == "not_attempted":
        lines.append("the function still raises NotImplementedError")
    if test.hint:
        lines.append(f"hint: {test.hint}")
    return "\n".join(lines)


class TestFailed(AssertionError):
    """An autograded test did not pass (the message is the learner-facing feedback)."""


_kernel_reports: dict[str, Report] = {}


def run_test(unit_id: str, test_name: str) -> None:
    """The hidden test of an autograded test cell, when a notebook runs in a Jupyter kernel
    (``nbgrader validate``, an instructor running the source notebook).

    The code is what this kernel has executed so far (its input history, test cells left out),
    graded once with ``grading.grade`` (jailed, like every grading) and cached for the same code.
    Raises ``TestFailed`` with the feedback unless ``test_name`` passed.  ``nbgrader autograde``
    does not come here: GradeWithAutograde writes the test cells' outputs without a kernel.
    """
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every Jupyter kernel
        get_ipython = lambda: None  # noqa: E731
    shell = get_ipython()
    if shell is None:
        raise RuntimeError("run_test grades the code a Jupyter kernel has run; outside a kernel use "
                           "`autograde check UNIT --submission NOTEBOOK.ipynb`")
    cells = [c for c in shell.history_manager.input_hist_raw if c.strip() and not convert.TEST_CALL.search(c)]
    key = hashlib.sha256(json.dumps([unit_id, cells]).encode()).hexdigest()
    if key not in _kernel_reports:
        _kernel_reports[key] = grade_cells(unit_id, cells)[0]
    result = next((t for t in _kernel_reports[key].tests if t.name == test_name), None)
    if result is None:
        raise TestFailed(f"{unit_id} has no graded test named {test_name}")
    if not result.passed:
        raise TestFailed(feedback(result))
    print(f"{test_name}: passed ({result.points:g} / {result.max_points:g} points)")


# --- the nbgrader preprocessor -------------------------------------------------------------------


def _unit_of(nb, resources: dict) -> str:
    """The unit of a submitted notebook, from trusted places only: the instructor's source notebook
    (its autograde metadata), else the assignment id (which export makes the unit id)."""
    info = resources.get("nbgrader", {})
    assignment, name = info.get("assignment"), info.get("notebook")
    source = Path.cwd() / "source" / str(assignment) / f"{name}.ipynb"  # nbgrader runs in the course root
    if assignment and name and source.is_file():
        try:
            unit = convert.notebook_unit(convert.read(source))
        except (convert.NotebookError, OSError):
            unit = None
        if unit:
            return unit
    if not assignment:
        raise ValueError("GradeWithAutograde: nbgrader did not say which assignment this notebook belongs to")
    return str(assignment)


COURSE_FOLDERS = ("source", "release", "submitted", "autograded", "feedback")


def course_folders(course: Path) -> list[Path]:
    """What of a course the students' code must not see: the whole course folder, or, when it holds
    the Python environment or the project itself, its nbgrader folders (other students' work)."""
    course = Path(course).resolve()
    inside = [Path(sys.prefix).resolve(), project_root()]
    if any(p == course or course in p.parents for p in inside):
        return [course / name for name in COURSE_FOLDERS if (course / name).is_dir()]
    return [course]


def grade_notebook(nb, unit_id: str, *, hide: list[Path] = ()) -> Report:
    """Grade a submitted nbgrader notebook and write each autograded test cell's output in place."""
    from nbformat.v4 import new_output

    sources, numbers = convert.code_cells(nb)
    report, _ = grade_cells(unit_id, sources, numbers=numbers, hide=hide)
    results = {t.name: t for t in report.tests}
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or not convert.is_autograded_test(cell):
            continue
        count += 1
        test = results.get(cell.metadata["nbgrader"].get("grade_id"))
        cell.execution_count = count
        if test is None:
            cell.outputs = [new_output("error", ename="UnknownTest", evalue="not a test of this unit's graders",
                                       traceback=[f"{unit_id} has no graded test with this cell's grade_id"])]
        elif test.passed:
            cell.outputs = [new_output("stream", name="stdout",
                                       text=f"{test.name}: passed ({test.points:g} / {test.max_points:g} points)\n")]
        else:
            message = feedback(test)
            cell.outputs = [new_output("error", ename=test.status, evalue=message, traceback=message.splitlines())]
    return report


class DegradedJail(RuntimeError):
    """Classroom grading refused: the jail could not be fully built (see ``Report.isolation``)."""


_PREPROCESSOR = None


def _preprocessor_class():
    """GradeWithAutograde, built on first use so that importing this module needs no nbgrader."""
    global _PREPROCESSOR
    if _PREPROCESSOR is None:
        from nbgrader.preprocessors import NbGraderPreprocessor
        from traitlets import Bool

        class GradeWithAutograde(NbGraderPreprocessor):
            """nbgrader autograde's step in place of Execute: grade the notebook's code with autograde
            (learner code runs only in autograde's jailed children) and write the test cells' outputs."""

            allow_degraded = Bool(False, help=(
                "Grade even where the kernel refused part of autograde's jail (the report's isolation is "
                "'degraded: ...'): students' code could then read the course's other folders.")).tag(config=True)

            def preprocess(self, nb, resources):
                unit_id = _unit_of(nb, resources)
                self.log.info("Grading with autograde (unit %s); the student's code runs only in jailed children",
                              unit_id)
                report = grade_notebook(nb, unit_id, hide=course_folders(Path.cwd()))
                if report.isolation != JAILED and not self.allow_degraded:
                    raise DegradedJail(
                        f"autograde could not jail the students' code on this machine ({report.isolation}); "
                        "grade on a machine where it can, or accept it: `autograde nbgrader export ... "
                        "--allow-degraded`, or --GradeWithAutograde.allow_degraded=True")
                self.log.info("autograde: %g / %g points", report.score, report.max_score)
                return nb, resources

        GradeWithAutograde.__module__, GradeWithAutograde.__qualname__ = __name__, "GradeWithAutograde"
        _PREPROCESSOR = GradeWithAutograde
    return _PREPROCESSOR


def __getattr__(name: str):
    if name == "GradeWithAutograde":
        return _preprocessor_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
