"""What happened to one graded test, named in the learner's terms.

Statuses: passed, failed (a check said the answer is wrong), not_attempted (the stub's
NotImplementedError), error (an exception, a missing name, a module that fails to import),
timeout, memory, crashed, tampered (passed only inside the learner's own process: the trusted
re-check of the values it returned failed), not_run (an automatic mutant's tests after its first
lost point).  Only ``passed`` earns points.
"""

from __future__ import annotations

import linecache
from pathlib import Path
from typing import Any

import pytest

from autograde.engine.submission import SubmissionError
from autograde.engine.worker import OutOfTime

STATUSES = ("passed", "failed", "not_attempted", "error", "timeout", "memory", "crashed", "tampered", "not_run")


def _chain(exc: BaseException | None):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _text(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:300] if lines else ""


def learner_frames(exc: BaseException, learner: Path | None) -> list[tuple[str, int, str, str]]:
    """The frames of files in ``learner`` that ``exc`` (or, failing that, what caused it) passed
    through, outermost first: (file name, line, function, code line)."""
    if learner is None:
        return []
    for link in _chain(exc):
        found = []
        tb = link.__traceback__
        while tb is not None:
            code = tb.tb_frame.f_code
            if Path(code.co_filename).parent == learner:
                found.append((Path(code.co_filename).name, tb.tb_lineno, code.co_name,
                              linecache.getline(code.co_filename, tb.tb_lineno).strip()))
            tb = tb.tb_next
        if found:
            return found
    return []


def learner_line(exc: BaseException, learner: Path | None) -> str:
    """Where in the learner's own files ``exc`` was raised (the innermost of ``learner_frames``),
    as " (at vitals.py line 7, in shock_index: return hr / sbp)"; "" where there is none.  Only the
    learner's own lines are shown: never a grader's frame, a value or a hidden input."""
    frames = learner_frames(exc, learner)
    if not frames:
        return ""
    file, line, function, text = frames[-1]
    return (f" (at {file} line {line}" + ("" if function == "<module>" else f", in {function}")
            + (f": {text[:80]}" if text else "") + ")")


def from_exception(exc: BaseException | None, *, skipped: bool = False, learner: Path | None = None) -> dict[str, Any]:
    """Classify the exception that ended a test (raised inside the child); ``learner``: the folder of
    the learner's files, whose innermost line the exception passed through is named."""
    if exc is None:
        return {"status": "error", "message": "the test ended without a result"}
    chain = list(_chain(exc))
    if any(isinstance(e, NotImplementedError) for e in chain):
        return {"status": "not_attempted", "message": "still raises NotImplementedError"}
    if any(isinstance(e, OutOfTime) for e in chain):
        stopped = next(e for e in chain if isinstance(e, OutOfTime))
        # ``blame``: the learner function the test called that was still running, which the
        # loop's gate (``loop.Waits``) holds the test's later uses back for
        called = [f[2] for f in learner_frames(exc, learner) if f[2] != "<module>"]
        return {"status": "timeout", "message": (_text(stopped) + learner_line(exc, learner))[:300],
                "blame": called[0] if called else ""}
    if any(isinstance(e, MemoryError) for e in chain):
        return {"status": "memory", "message": "ran out of memory (MemoryError)"}
    if skipped:
        return {"status": "error", "message": "the test was skipped from inside the submission"}
    if isinstance(exc, SubmissionError):
        return {"status": "error", "message": (_text(exc) + learner_line(exc, learner))[:300]}
    if isinstance(exc, (AssertionError, pytest.fail.Exception)):  # pytest.raises() that did not raise
        return {"status": "failed", "message": (_text(exc) + learner_line(exc, learner))[:300]}
    if isinstance(exc, SystemExit):
        return {"status": "error", "message": "the code called sys.exit() / raised SystemExit"}
    message = _text(exc)
    where = learner_line(exc, learner)
    return {"status": "error", "message": (f"raised {type(exc).__name__}" + (f": {message}" if message else "") + where)[:300]}


def from_child_end(end) -> dict[str, Any]:
    """Turn a ``sandbox.ChildEnd`` into a status and message."""
    if end.cause is None:
        message = end.message or {}
        status = message.get("status")
        if status not in STATUSES:
            return {"status": "crashed", "message": "the test process sent no valid result"}
        return {"status": status, "message": str(message.get("message", ""))[:300]}
    status = {"cpu": "timeout"}.get(end.cause, end.cause)
    return {"status": status, "message": end.detail}


def unconfirmed(check: dict[str, Any]) -> dict[str, Any]:
    """The verdict when the worker saw a pass that the trusted verifier does not confirm."""
    detail = check.get("message") or check["status"]
    return {"status": "tampered",
            "message": f"passed only inside your code's own process; re-checked on the values it returned: {detail}"[:300]}
