"""The pytest plugin that turns a folder of pytest tests into a grader.

Loaded with ``-p autograde.plugin`` by the runner (or by hand, to debug a grader:
``pytest -p autograde.plugin graders/18.06-lec4 --submission solutions/18.06-lec4``).

What it adds to pytest:
- the ``grade(points, hint, timeout=..., memory_mb=...)`` marker every graded test carries;
- fixtures: ``submission`` (the learner's modules), ``reference`` (the unit's solution,
  a trusted oracle) and ``rng`` (a numpy Generator seeded from the test's id);
- each test runs in a forked, resource-limited child (see ``sandbox``); this process only
  classifies how the child ended and appends one JSON line per test to ``--results``.
"""

from __future__ import annotations

import importlib
import json
import zlib
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol

from autograde import outcomes, sandbox
from autograde.curriculum import project_root
from autograde.submission import Submission, imported_modules

DEFAULT_TIMEOUT = 10.0
DEFAULT_MEMORY_MB = 1024
_EXCEPTIONS = pytest.StashKey[dict]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("autograde")
    group.addoption(
        "--submission", action="append", default=[],
        help="directory with the modules to grade (default: exercises/<unit>); repeat it to grade several "
             "submissions in one session (each test then runs once per submission)",
    )
    group.addoption("--results", help="append one JSON line per graded test and submission to this file")
    group.addoption("--seed", type=int, default=20261122, help="base seed of the rng fixture")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "grade(points, hint, timeout=10, memory_mb=1024): points and hint of a graded test"
    )


def unit_of(item: pytest.Item) -> str:
    return Path(item.path).parent.name


def grade_of(item: pytest.Item) -> dict[str, Any]:
    marker = item.get_closest_marker("grade")
    if marker is None:
        raise pytest.UsageError(f"{item.nodeid} has no @pytest.mark.grade(points=..., hint=...)")
    spec = {"points": None, "hint": None, "timeout": DEFAULT_TIMEOUT, "memory_mb": DEFAULT_MEMORY_MB}
    spec.update(zip(("points", "hint"), marker.args))
    spec.update(marker.kwargs)
    if not isinstance(spec["points"], (int, float)) or spec["points"] <= 0 or not spec["hint"]:
        raise pytest.UsageError(f"{item.nodeid}: grade() needs points > 0 and a one-line hint")
    return spec


def _write(config: pytest.Config, record: dict[str, Any]) -> None:
    path = config.getoption("results")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")


def pytest_collection_finish(session: pytest.Session) -> None:
    tests = []
    for item in session.items:
        spec = grade_of(item)
        tests.append({"name": item.name, "max_points": float(spec["points"]), "hint": spec["hint"]})
    names = [t["name"] for t in tests]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise pytest.UsageError(f"graded test names must be unique within a unit: {duplicates}")
    _write(session.config, {"event": "collected", "tests": tests})
    if session.items:
        preload_libraries(unit_of(session.items[0]))


def preload_libraries(unit: str) -> None:
    """Import, once in this trusted parent, what the reference solution imports.

    Every test's child then finds those modules (and their lazily loaded parts that the
    graders touched) already in memory instead of importing them again per test.
    """
    for name in imported_modules(project_root() / "solutions" / unit):
        try:
            importlib.import_module(name)
        except ImportError:
            pass


# --- fixtures graders use ---------------------------------------------------------------


def _module_names(unit: str) -> list[str]:
    return sorted(p.stem for p in (project_root() / "solutions" / unit).glob("*.py"))


def _submissions(config: pytest.Config, unit: str) -> list[Path]:
    chosen = config.getoption("submission")
    return [Path(p).resolve() for p in chosen] or [project_root() / "exercises" / unit]


# Which of the submissions the current child grades: set in the parent just before each fork.
_current = {"index": 0}


@pytest.fixture
def submission(request: pytest.FixtureRequest) -> Submission:
    unit = unit_of(request.node)
    directory = _submissions(request.config, unit)[_current["index"]]
    return Submission(directory, _module_names(unit), label="submission")


@pytest.fixture
def reference(request: pytest.FixtureRequest) -> Submission:
    unit = unit_of(request.node)
    return Submission(project_root() / "solutions" / unit, _module_names(unit), label="reference solution")


@pytest.fixture
def rng(request: pytest.FixtureRequest):
    import numpy as np

    seed = zlib.crc32(request.node.nodeid.encode()) ^ request.config.getoption("seed")
    return np.random.default_rng(seed)


# --- running each test in a child ----------------------------------------------------------


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if call.excinfo is not None:
        item.stash.setdefault(_EXCEPTIONS, {})[call.when] = call.excinfo.value
    return report


def _run_in_child(item: pytest.Item) -> dict[str, Any]:
    """Runs inside the forked child: the test's setup, call and teardown, then its verdict."""
    try:
        reports = runtestprotocol(item, nextitem=None, log=False)
    except BaseException as exc:  # pytest lets Exit and KeyboardInterrupt through
        return outcomes.from_exception(exc)
    raised = item.stash.get(_EXCEPTIONS, {})
    for report in reports:
        if report.failed or report.skipped:
            return outcomes.from_exception(raised.get(report.when), skipped=report.skipped)
    return {"status": "passed", "message": ""}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool:
    spec = grade_of(item)
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    limits = sandbox.Limits(
        wall_seconds=float(spec["timeout"]),
        cpu_seconds=int(2 * spec["timeout"]) + 1,
        memory_bytes=int(spec["memory_mb"]) * sandbox.MiB,
    )
    failures, seconds = [], 0.0
    for index, _ in enumerate(_submissions(item.config, unit_of(item))):
        _current["index"] = index
        end = sandbox.run_forked(lambda: _run_in_child(item), limits)
        verdict = outcomes.from_child_end(end)
        record = {"event": "test", "submission": index, "name": item.name, **verdict, "seconds": round(end.seconds, 3)}
        _write(item.config, record)
        seconds += end.seconds
        if verdict["status"] != "passed":
            failures.append(f"[submission {index}: {verdict['status']}] {verdict['message']}")

    report = pytest.TestReport(
        item.nodeid,
        item.location,
        {},
        "failed" if failures else "passed",
        "\n".join(failures) or None,
        "call",
        duration=seconds,
    )
    item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True
