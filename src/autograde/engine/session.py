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
from dataclasses import dataclass
from pathlib import Path

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


def run(graders: Path, root: Path, options: list[str], *, what: str) -> Finished:
    """pytest on ``graders`` with the plugin and ``options``; raises GraderError if it collected nothing."""
    with tempfile.TemporaryDirectory(prefix="autograde-") as scratch:
        results = Path(scratch) / "results.jsonl"
        command = [
            sys.executable, "-m", "pytest", str(graders), "-p", "autograde.engine.plugin", "-p", "no:cacheprovider",
            "--assert=plain",  # no rewritten asserts: they would print hidden expected values
            "-c", os.devnull, "--rootdir", str(graders), "-q", "--capture=no", "--no-header", "--noconftest",
            "--results", str(results), *options,
        ]
        try:
            done = subprocess.run(command, cwd=scratch, env=policy.session_environment(root), stdin=subprocess.DEVNULL,
                                  capture_output=True, text=True, errors="replace", timeout=SESSION_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            raise GraderError(f"the grading session of {what} ran past {SESSION_TIMEOUT_S} s") from None
        records = [json.loads(line) for line in results.read_text().splitlines()] if results.exists() else []
    finished = Finished(records, done.returncode, "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:]))
    if not finished.collected:
        raise GraderError(f"the graders of {what} could not be collected:\n{finished.output_tail}")
    return finished
