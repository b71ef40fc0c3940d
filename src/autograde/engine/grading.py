"""Grade one submission of one unit: the process model in one place.

    autograde (this process; never imports learner code or pytest)
      └─ pytest session with autograde.engine.plugin (trusted: imports only the graders and libraries)
           ├─ jailed worker and its test processes (untrusted: run the learner's code, record
           │  what it returns; tests that pass share a process, any other verdict comes from
           │  a fresh one; see sandbox, jail, recording)
           └─ verifier, one forked process fed the tests the worker saw pass (trusted: re-runs
              each on the recorded values; only its verdict can award points)

The session appends one JSON line per test to a results file in a private temporary
folder; this process reads it and builds the ``Report``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from autograde.engine import jail
from autograde.curriculum import Unit, load, project_root
from autograde.errors import NotFound, UsageError
from autograde.report import JAILED, Report, TestResult

# One BLAS/OpenMP thread per test: deterministic sums, fair CPU limits, and fork-safe.
_SESSION_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",  # grading leaves no __pycache__ behind in the tree
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",  # only our plugin: faster start, nothing unexpected
    "PYTHONHASHSEED": "0",
}


_PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", jail.FAULT_VARIABLE)


def hidden_paths(root: Path) -> list[Path]:
    """What learner code must never see: the project's graders, solutions, tests and history,
    the attempts store (every learner's snapshots: its default folder, or the SQLite file that
    AUTOGRADE_DB names and its journals, wherever that lies) and any folder listed in
    AUTOGRADE_HIDE (a course folder).  Only paths that exist now: the jail covers them as it starts."""
    from autograde.progress.attempts import store_file

    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    paths = [root / "graders", root / "solutions", root / "tests", root / ".git", data_home / "autograde"]
    database = store_file()  # None for a database server: nothing of it is in the jail's filesystem
    if database is not None:
        paths += [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    paths += [Path(p) for p in os.environ.get("AUTOGRADE_HIDE", "").split(os.pathsep) if p]
    return [p for p in paths if p.exists()]


# A safety net for the trusted session itself (each test already has its own limits).
SESSION_TIMEOUT_S = 3600


class GraderError(RuntimeError):
    """The grader itself is broken (not the learner's code): it could not be collected or run."""


class NoContent(UsageError, LookupError):
    """The unit is in the manifest but has no exercises yet."""


def resolve_unit(unit_id: str, root: Path | None = None) -> Unit:
    root = root or project_root()
    unit = load(root / "curriculum.toml").unit(unit_id)
    if not unit.has_content(root):
        raise NoContent(f"unit '{unit.id}' ({unit.title}) is planned but has no exercises yet")
    return unit


def grade(unit_id: str, *, submission: Path | None = None, root: Path | None = None) -> Report:
    """Grade ``submission`` (default: the learner's ``exercises/<unit>``) against the unit's graders."""
    root = root or project_root()
    unit = resolve_unit(unit_id, root)
    return grade_many(unit.id, submissions=[submission or unit.folder("exercises", root)], root=root)[0]


def grade_many(unit_id: str, *, submissions: list[Path], root: Path | None = None,
               isolation: str = "full", unverified: list[int] = ()) -> list[Report]:
    """Grade several submissions of one unit in one session: the graders and the unit's libraries
    are imported once, and every test runs once per submission, each run in its own child.

    ``isolation="none"`` runs the learner's code inside the grading session, with no jail and no
    verifier: it exists only so ``make bench`` can measure what isolation costs.
    ``unverified``: indexes of submissions that are the project's own code (validation's
    mutants), whose passes the verifier need not re-check.
    """
    root = root or project_root()
    unit = resolve_unit(unit_id, root)
    submissions = [Path(s).resolve() for s in submissions]
    for folder in submissions:
        if not folder.is_dir():
            raise NotFound(f"submission not found: {folder}")

    with tempfile.TemporaryDirectory(prefix="autograde-") as scratch:
        results = Path(scratch) / "results.jsonl"
        command = [
            sys.executable, "-m", "pytest", str(unit.folder("graders", root)),
            "-p", "autograde.engine.plugin", "-p", "no:cacheprovider",
            "--assert=plain",  # no rewritten asserts: they would print hidden expected values
            "-c", os.devnull, "--rootdir", str(unit.folder("graders", root)),
            "-q", "--capture=no", "--no-header", "--noconftest",
            "--results", str(results),
        ]
        for folder in submissions:
            command += ["--submission", str(folder)]
        for path in hidden_paths(root):
            command += ["--hide", str(path)]
        command += ["--isolation", isolation]
        for index in unverified:
            command += ["--unverified", str(index)]
        # The session starts with a minimal environment: nothing secret (a database password,
        # a token) is in its memory for learner code to find.
        env = {k: os.environ[k] for k in _PASSED_ENV if k in os.environ}
        env.update(_SESSION_ENV, AUTOGRADE_ROOT=str(root))
        try:
            session = subprocess.run(
                command, cwd=scratch, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, errors="replace",
                timeout=SESSION_TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            raise GraderError(f"the grading session of {unit.id} ran past {SESSION_TIMEOUT_S} s") from None
        records = [json.loads(line) for line in results.read_text().splitlines()] if results.exists() else []
    collected = next((r["tests"] for r in records if r["event"] == "collected"), None)
    if not collected:
        tail = "\n".join((session.stdout + session.stderr).strip().splitlines()[-15:])
        raise GraderError(f"the graders of {unit.id} could not be collected:\n{tail}")
    return [
        _report(unit.id, folder, collected, [r for r in records if r["event"] == "test" and r["submission"] == index])
        for index, folder in enumerate(submissions)
    ]


def _report(unit_id: str, submission: Path, collected: list[dict], records: list[dict]) -> Report:
    outcomes = {r["name"]: r for r in records}
    isolations = [r["isolation"] for r in records if r.get("isolation")]
    report = Report(unit=unit_id, submission=_display(submission),
                    isolation=next((i for i in isolations if i != JAILED), JAILED))
    for test in collected:
        outcome = outcomes.get(test["name"], {"status": "crashed", "message": "the grader stopped before this test"})
        passed = outcome["status"] == "passed"
        report.tests.append(
            TestResult(
                name=test["name"],
                points=test["max_points"] if passed else 0.0,
                max_points=test["max_points"],
                status=outcome["status"],
                hint=None if passed else test["hint"],
                message=outcome.get("message", ""),
            )
        )
    return report


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
