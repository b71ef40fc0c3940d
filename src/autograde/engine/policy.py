"""What learner code may not see, and what the grading session's environment holds: one place
for both policies (the jail enforces them; see ``autograde.engine``)."""

from __future__ import annotations

import os
from pathlib import Path

from autograde.engine import jail

# One BLAS/OpenMP thread per test: deterministic sums, fair CPU limits, and fork-safe.
SESSION_ENV = {
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONDONTWRITEBYTECODE": "1",  # grading leaves no __pycache__ behind in the tree
    "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",  # only our plugin: faster start, nothing unexpected
    "PYTHONHASHSEED": "0",
}
# The only variables the session inherits: nothing secret (a database password, a token) is in
# its memory for learner code to find.
PASSED_ENV = ("PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "PYTHONPATH", "VIRTUAL_ENV", jail.FAULT_VARIABLE)


def session_environment(root: Path) -> dict[str, str]:
    env = {k: os.environ[k] for k in PASSED_ENV if k in os.environ}
    return {**env, **SESSION_ENV, "AUTOGRADE_ROOT": str(root)}


def hidden_paths(root: Path, *, extra: list[Path] = ()) -> list[Path]:
    """What learner code must never see: the project's graders, solutions, tests and history,
    the attempts store (every learner's snapshots: its default folder, or the SQLite file that
    AUTOGRADE_DB names and its journals, wherever that lies), any folder listed in AUTOGRADE_HIDE
    and ``extra`` (a course folder).  Only paths that exist now: the jail covers them as it starts."""
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    paths = [root / "graders", root / "solutions", root / "tests", root / ".git", data_home / "autograde"]
    if os.environ.get("AUTOGRADE_DB"):  # else the store is in data_home/autograde, hidden whole above
        from autograde.progress.attempts import store_file  # SQLAlchemy: only where a URL is to be parsed

        database = store_file()  # None for a database server: nothing of it is in the jail's filesystem
        if database is not None:
            paths += [database.with_name(database.name + suffix) for suffix in ("", "-wal", "-shm", "-journal")]
    paths += [Path(p) for p in os.environ.get("AUTOGRADE_HIDE", "").split(os.pathsep) if p]
    paths += [Path(p) for p in extra]
    return [p for p in paths if p.exists()]
