"""The pytest plugin that turns a folder of pytest tests into a grader.

Loaded with ``-p autograde.engine.plugin`` by ``engine.session`` (or by hand, to debug a grader:
``pytest -p autograde.engine.plugin graders/18.06-lec4 --submission solutions/18.06-lec4``).

What it adds to pytest:
- the ``grade(points, hint, timeout=..., memory_mb=..., verify=..., uses=[...])`` marker every
  graded test carries, checked at collection; a parametrized test is one graded test whose
  cases must all pass;
- fixtures: ``submission`` (the learner's modules), one per name in ``uses=`` (that learner
  function), ``reference`` (the unit's solution, a trusted oracle) and ``rng`` (a numpy
  Generator seeded from the test's file and name);
- ``pytest_runtestloop``: per submission, the grading loop (``engine.loop``); this process never
  imports learner code; it appends one JSON line per graded test and submission to ``--results``.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import sys
import tempfile
import types
import zlib
from pathlib import Path
from typing import Any

import pytest

from autograde.curriculum import project_root
from autograde.engine import loop, policy, warmup
from autograde.engine.loop import DEFAULT_TIMEOUT
from autograde.engine.recording import RecordingSubmission, ReplaySubmission
from autograde.engine.submission import Submission, imported_modules
from autograde.engine.worker import write_all

DEFAULT_MEMORY_MB = 1024


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autograde")
    group.addoption(
        "--submission", action="append", default=[],
        help="directory with the modules to grade (default: exercises/<unit>); repeat it to grade several "
             "submissions in one session (each test then runs once per submission)",
    )
    group.addoption("--workdir", action="append", default=[],
                    help="for each --submission, in order: the folder its relative paths start from (where the "
                         "learner's notebook lies; default: the submission's folder)")
    group.addoption("--results", help="append one JSON line per graded test and submission to this file")
    group.addoption("--serve", metavar="IN,OUT",
                    help="after collection, grade each request read from descriptor IN, writing records to OUT "
                         "(``engine.session.Warm``)")
    group.addoption("--seed", type=int, default=20261122, help="base seed of the rng fixture")
    group.addoption("--unverified", action="append", type=int, default=[],
                    help="index of a submission that is the project's own code (a validation mutant): "
                         "its passes are not re-checked by the verifier")
    group.addoption("--first-loss", action="append", type=int, default=[],
                    help="index of a submission that is an automatic mutant: graded like --unverified, its tests "
                         "stop at the first one it does not pass (the rest are 'not_run')")
    group.addoption("--try-first", action="append", default=[], metavar="INDEX:NAME",
                    help="for a --first-loss submission: run first the test NAME, or the tests using the learner "
                         "function NAME (repeatable)")
    group.addoption("--only-function", metavar="NAME",
                    help="grade only the tests of the learner function NAME: those whose grade(uses=...) names it, "
                         "or, for tests that declare no uses, whose name holds it as a word (test_NAME_...)")
    group.addoption("--patient", action="store_true",
                    help="give every test that ran past its quick limit its own limit, however many loop "
                         "(classroom grading); by default what runs out of time shares one allowance")
    group.addoption("--hide", action="append", default=[], help="a folder learner code must not see (repeatable)")
    group.addoption("--isolation", choices=("full", "none"), default="full",
                    help="'none' runs tests in this process without jail or verifier: only to measure their cost")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[loop.STATE] = loop.State()
    config.addinivalue_line(
        "markers", "grade(points, hint, timeout=10, memory_mb=1024, verify=True, uses=()): points and one-line hint "
        "of a graded test; uses: names of the learner's functions the test takes as arguments; "
        "verify=False only for tests that must use learner objects (models, classes) the verifier cannot replay"
    )


_EXIT_STATUS = pytest.StashKey[int]()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    session.config.stash[_EXIT_STATUS] = int(exitstatus)


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config: pytest.Config) -> None:
    """A grading session run for ``engine.session`` (``--results``) that ran its tests ends here: its
    results are written and closed, and freeing every object of the interpreter one by one would
    only add ~0.1 s to each check (more after forks, as every page it touches must be made
    writable again).  Any other ending (a usage error, an interrupted session) is pytest's to report."""
    ran = config.stash.get(_EXIT_STATUS, None) in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED)
    if ran and (config.getoption("results") or config.getoption("serve")):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(config.stash.get(_EXIT_STATUS, 0))


def unit_of(item: pytest.Item) -> str:
    return Path(item.path).parent.name


_GRADE_DEFAULTS = {"points": None, "hint": None, "timeout": DEFAULT_TIMEOUT, "memory_mb": DEFAULT_MEMORY_MB,
                   "verify": True, "uses": ()}


def grade_of(item: pytest.Item) -> dict[str, Any]:
    """The test's ``grade`` marker, checked: a misspelt keyword or a hint over two lines is an error."""
    marker = item.get_closest_marker("grade")
    if marker is None:
        raise pytest.UsageError(f"{item.nodeid} has no @pytest.mark.grade(points=..., hint=...)")
    unknown = sorted(set(marker.kwargs) - set(_GRADE_DEFAULTS))
    if unknown or len(marker.args) > 2:
        raise pytest.UsageError(f"{item.nodeid}: grade() takes points, hint and {', '.join(list(_GRADE_DEFAULTS)[2:])}; "
                                f"not {', '.join(unknown) or 'more than two positional arguments'}")
    spec = {**_GRADE_DEFAULTS, **dict(zip(("points", "hint"), marker.args)), **marker.kwargs}
    if not isinstance(spec["points"], (int, float)) or spec["points"] <= 0:
        raise pytest.UsageError(f"{item.nodeid}: grade() needs points > 0")
    if not isinstance(spec["hint"], str) or not spec["hint"].strip() or "\n" in spec["hint"]:
        raise pytest.UsageError(f"{item.nodeid}: grade() needs a one-line hint")
    if isinstance(spec["uses"], str) or not all(isinstance(n, str) and n.isidentifier() for n in spec["uses"]):
        raise pytest.UsageError(f"{item.nodeid}: grade(uses=...) takes a list of function names")
    return spec


def _write(config: pytest.Config, record: dict[str, Any]) -> None:
    serve = config.getoption("serve")
    if serve:
        write_all(int(serve.split(",")[1]), (json.dumps(record) + "\n").encode())
        return
    path = config.getoption("results")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


@pytest.hookimpl(tryfirst=True)
def pytest_collection(session: pytest.Session) -> None:
    """Before collection: a fixture for every learner function a grader names in ``uses=``, which
    hands the test that function (through the ``submission`` fixture: recorded, or replayed)."""
    names: set[str] = set()
    for arg in session.config.args:
        path = Path(arg.split("::")[0])
        for source in [path] if path.is_file() else sorted(path.rglob("test_*.py")):
            names |= _uses_in(source)
    taken = {"submission", "reference", "rng", "request"}
    if names & taken:
        raise pytest.UsageError(f"grade(uses=...) names a fixture of autograde: {sorted(names & taken)}")
    holder = types.ModuleType("autograde_learner_functions")  # a module: its fixtures are not bound as methods
    for name in sorted(names):
        setattr(holder, f"uses_{name}", _learner_function_fixture(name))
    session.config.pluginmanager.register(holder, "autograde-learner-functions")


def _uses_in(source: Path) -> set[str]:
    """The names in the ``uses=[...]`` of the grade markers of a grader file (read, not imported)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.keyword) and node.arg == "uses" and isinstance(node.value, (ast.List, ast.Tuple)):
            names |= {e.value for e in node.value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
    return names


def _learner_function_fixture(name: str):
    @pytest.fixture(name=name)
    def learner_function(submission):
        return submission.get(name)

    return learner_function


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    function = config.getoption("only_function")
    if function:
        items[:] = [item for item in items if tests_function(item, function)]


def tests_function(item: pytest.Item, function: str) -> bool:
    """Whether ``item`` grades the learner function ``function`` (see ``--only-function``)."""
    return loop.tests_function(loop.graded_name(item), tuple(grade_of(item)["uses"]), function)


def pytest_collection_finish(session: pytest.Session) -> None:
    files: dict[str, Path] = {}
    for item in session.items:
        spec, name = grade_of(item), loop.graded_name(item)
        undeclared = {n for n in spec["uses"] if n not in getattr(item, "fixturenames", ())}
        if undeclared:
            raise pytest.UsageError(f"{item.nodeid}: grade(uses=...) names {sorted(undeclared)}, "
                                    "which the test does not take as arguments")
        if files.setdefault(name, Path(item.path)) != Path(item.path):
            raise pytest.UsageError(f"graded test names must be unique within a unit: {name}")
    _write(session.config, {"event": "collected", "tests": _collected(session.items)})
    if session.items:
        preload_libraries(unit_of(session.items[0]))


def _collected(items: list[pytest.Item]) -> list[dict[str, Any]]:
    """The graded tests of ``items``, in order: name, points and hint."""
    tests: dict[str, dict[str, Any]] = {}
    for item in items:
        spec = grade_of(item)
        tests.setdefault(loop.graded_name(item), {"name": loop.graded_name(item), "max_points": float(spec["points"]),
                                                  "hint": spec["hint"]})
    return list(tests.values())


def preload_libraries(unit: str) -> None:
    """Import and warm up, once in this trusted parent, what the unit's solution and graders
    import (``warmup``): every test's child then finds it in memory instead of loading it again."""
    folders = [project_root() / "solutions" / unit, project_root() / "graders" / unit]
    source = "\n".join(path.read_text(encoding="utf-8") for folder in folders for path in sorted(folder.glob("*.py")))
    warmup.warm_up(sorted(set().union(*(imported_modules(folder) for folder in folders))), source)


# --- fixtures graders use ---------------------------------------------------------------


def _module_names(unit: str) -> list[str]:
    return sorted(p.stem for p in (project_root() / "solutions" / unit).glob("*.py"))


def _submissions(config: pytest.Config, unit: str) -> list[Path]:
    chosen = config.getoption("submission")
    return [Path(p).resolve() for p in chosen] or [project_root() / "exercises" / unit]


@pytest.fixture
def submission(request: pytest.FixtureRequest):
    """The learner's modules, as the current job sees them (``loop.State``)."""
    state = request.config.stash[loop.STATE]
    if state.mode == "record":
        state.recorder = RecordingSubmission(state.submission)
        return state.recorder
    if state.mode == "replay":
        return ReplaySubmission(state.submission, state.log)
    return state.submission


@pytest.fixture
def reference(request: pytest.FixtureRequest) -> Submission:
    return request.config.stash[loop.STATE].reference


def rng_seed(item: Any, base: int) -> int:
    """The ``rng`` fixture's seed: from the test's file name and name (not pytest's node id, which
    depends on the rootdir), so a grader run by hand draws the same hidden inputs as a check."""
    return zlib.crc32(f"{Path(item.path).name}::{item.nodeid.split('::', 1)[1]}".encode()) ^ base


@pytest.fixture
def rng(request: pytest.FixtureRequest):
    import numpy as np

    return np.random.default_rng(rng_seed(request.node, request.config.getoption("seed")))


# --- the grading loop ----------------------------------------------------------------------


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> pytest.TestReport:
    """A phase's report without pytest's formatted traceback, which nobody reads here (reading the
    source of every frame took ~75 ms a failure): the verdict is made from the exception itself,
    kept for ``outcomes`` to classify (see ``loop.run_test``)."""
    if call.excinfo is None:
        outcome, longrepr = "passed", None
    else:
        item.stash.setdefault(loop.EXCEPTIONS, {})[call.when] = call.excinfo.value
        outcome = "skipped" if call.excinfo.errisinstance(pytest.skip.Exception) else "failed"
        longrepr = (str(item.path), 0, call.excinfo.exconly()[:300]) if outcome == "skipped" else call.excinfo.exconly()[:300]
    return pytest.TestReport(item.nodeid, item.location, {}, outcome, longrepr, call.when,
                             duration=call.duration, start=call.start, stop=call.stop)


def _grade(config: pytest.Config, items: list[pytest.Item], folders: list[Path], workdirs: list[Path], *,
           patient: bool, ahead: loop.Ahead | None = None) -> dict[str, list[str]]:
    """Grade each submission in ``folders`` (its relative paths starting from its ``workdirs``) on
    ``items`` and write its records; what each item lost, for pytest's summary.  ``ahead``: the
    processes started for the first submission before it was known (``--serve``)."""
    specs = [grade_of(item) for item in items]
    state = config.stash[loop.STATE]
    names = _module_names(unit_of(items[0]))
    failures: dict[str, list[str]] = {item.nodeid: [] for item in items}
    scratch = Path(tempfile.mkdtemp(prefix="autograde-verifier-"))
    ended = [0]

    def one_more() -> None:  # for the learner's progress line (``session.run``)
        ended[0] += 1
        _write(config, {"event": "progress", "done": ended[0], "total": len(items) * len(folders)})

    for index, (folder, workdir) in enumerate(zip(folders, workdirs)):
        state.submission, state.workdir = Submission(folder, names, label="submission"), workdir
        first_loss = index in config.getoption("first_loss")
        try_first = [name for i, _, name in (o.partition(":") for o in config.getoption("try_first")) if i == str(index)]
        verdicts = loop.grade_submission(items, specs, config.getoption("isolation"), scratch, hidden_paths(config),
                                         first_loss=first_loss, try_first=try_first, on_verdict=one_more,
                                         patient=patient, ahead=ahead if index == 0 else None,
                                         verify=not first_loss and index not in config.getoption("unverified"))
        for item, verdict in zip(items, verdicts):
            if verdict["status"] != "passed":
                failures[item.nodeid].append(f"[submission {index}: {verdict['status']}] {verdict['message']}")
        for name, verdict in loop.graded_verdicts(items, verdicts).items():
            _write(config, {"event": "test", "submission": index, "name": name, **verdict})
    shutil.rmtree(scratch, ignore_errors=True)
    return failures


def _serve(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``--serve``: grade request after request (``session.Warm``), until the requests end.  A
    request is a JSON line ``{"submissions": [...], "workdirs": [...], "only_function": ..., "patient": ...}``; its
    records follow the ``collected`` one of the tests it grades, and a ``done`` record ends them.

    While it waits, the processes of the next check are started (``loop.Ahead``), for a check of
    every test of one submission whose code's relative paths start where the last one's did
    (watch mode's next save); any other request discards them."""
    specs, hidden, ahead = [grade_of(item) for item in items], hidden_paths(config), None
    try:
        with os.fdopen(int(config.getoption("serve").split(",")[0]), encoding="utf-8") as requests:
            for line in requests:
                request = json.loads(line)
                function = request.get("only_function")
                chosen = [item for item in items if not function or tests_function(item, function)]
                _write(config, {"event": "collected", "tests": _collected(chosen)})
                folders = [Path(p).resolve() for p in request["submissions"]]
                workdirs = [Path(p).resolve() for p in request.get("workdirs") or folders]
                patient = bool(request.get("patient"))
                fits = ahead is not None and not function and len(folders) == 1 and ahead.workdir == workdirs[0]
                if ahead is not None and not fits:
                    ahead.discard()
                used, ahead = (ahead if fits else None), None
                if chosen:
                    _grade(config, chosen, folders, workdirs, patient=patient, ahead=used)
                if used is not None:
                    used.cleanup()
                _write(config, {"event": "done"})
                if config.getoption("isolation") == "full":
                    ahead = loop.start_ahead(items, specs, hidden, workdirs[0] if workdirs else None)
    finally:
        if ahead is not None:
            ahead.discard()


def hidden_paths(config: pytest.Config) -> list[Path]:
    """What learner code must not see: the paths ``engine.grading`` passes with ``--hide``, or, when the
    plugin is used by hand, ``policy``'s list for this project."""
    chosen = [Path(p) for p in config.getoption("hide")]
    return [p for p in chosen if p.exists()] if chosen else policy.hidden_paths(project_root())


def pytest_runtestloop(session: pytest.Session) -> bool:
    if session.testsfailed and not session.config.option.continue_on_collection_errors:
        raise session.Interrupted(f"{session.testsfailed} error(s) during collection")
    if session.config.option.collectonly or not session.items:
        return True
    items = list(session.items)
    unit = unit_of(items[0])
    state = session.config.stash[loop.STATE]
    state.reference = Submission(project_root() / "solutions" / unit, _module_names(unit),
                                 label="reference solution", namespace="autograde_reference.")
    if session.config.getoption("serve"):
        _serve(session.config, items)
        return True
    folders = _submissions(session.config, unit)
    workdirs = [Path(p).resolve() for p in session.config.getoption("workdir")] or folders
    failures = _grade(session.config, items, folders, workdirs, patient=session.config.getoption("patient"))
    for item in items:
        item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        lost = failures[item.nodeid]
        report = pytest.TestReport(item.nodeid, item.location, {}, "failed" if lost else "passed",
                                   "\n".join(lost) or None, "call")
        item.ihook.pytest_runtest_logreport(report=report)
        item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True
