"""The one place that starts a pytest session with autograde's plugin on a unit's graders.

The session runs in a private scratch folder with the policy's environment and appends JSON
records (``collected``, then one ``test`` record per graded test and submission) to a results
file there; ``run`` returns them with the tail of the session's output.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from autograde.engine import policy

SESSION_TIMEOUT_S = 3600  # a safety net for the trusted session itself (each test has its own limits)


class GraderError(RuntimeError):
    """The grader itself is broken (not the learner's code): it could not be collected or run."""


@dataclass
class Finished:
    records: list[dict]
    returncode: int
    output_tail: str

    @property
    def collected(self) -> list[dict] | None:
        return next((r["tests"] for r in self.records if r["event"] == "collected"), None)


def run(graders: Path, root: Path, options: list[str], *, what: str,
        progress: Callable[[int, int], None] | None = None) -> Finished:
    """pytest on ``graders`` with the plugin and ``options``; raises GraderError if it collected nothing.
    ``progress(done, total)`` is called as test cases end (read from the results file while it grows)."""
    with tempfile.TemporaryDirectory(prefix="autograde-") as scratch:
        results, output = Path(scratch) / "results.jsonl", Path(scratch) / "output.txt"
        command = [
            sys.executable, "-m", "pytest", str(graders), "-p", "autograde.engine.plugin", "-p", "no:cacheprovider",
            "--assert=plain",  # no rewritten asserts: they would print hidden expected values
            "-c", os.devnull, "--rootdir", str(graders), "-q", "--capture=no", "--no-header", "--noconftest",
            "--results", str(results), *options,
        ]
        with open(output, "w", encoding="utf-8", errors="replace") as sink:
            session = subprocess.Popen(command, cwd=scratch, env=policy.session_environment(root),
                                       stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT)
            deadline, seen = time.monotonic() + SESSION_TIMEOUT_S, 0
            while True:
                try:
                    session.wait(timeout=0.1 if progress else SESSION_TIMEOUT_S)
                    break
                except subprocess.TimeoutExpired:
                    if time.monotonic() > deadline:
                        session.kill()
                        session.wait()
                        raise GraderError(f"the grading session of {what} ran past {SESSION_TIMEOUT_S} s") from None
                    seen = _report_progress(results, seen, progress)
            _report_progress(results, seen, progress)  # what ended since the last look
        text = results.read_text() if results.exists() else ""
        records = [json.loads(line) for line in text.splitlines()]
        tail = "\n".join(output.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:])
    finished = Finished([r for r in records if r["event"] != "progress"], session.returncode, tail)
    if not finished.collected:
        raise GraderError(f"the graders of {what} could not be collected:\n{finished.output_tail}")
    return finished


def _report_progress(results: Path, seen: int, progress: Callable[[int, int], None] | None) -> int:
    """Call ``progress`` for the whole ``progress`` records written since byte ``seen``; the new offset."""
    if progress is None or not results.exists():
        return seen
    with open(results, "rb") as records:
        records.seek(seen)
        data = records.read()
    whole = data[: data.rfind(b"\n") + 1]
    for line in whole.splitlines():
        record = json.loads(line)
        if record.get("event") == "progress":
            progress(record["done"], record["total"])
    return seen + len(whole)
