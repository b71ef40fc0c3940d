"""The one place that starts a pytest session with autograde's plugin on a unit's graders.

The session runs in a private scratch folder with the policy's environment and appends JSON
records (``collected``, then one ``test`` record per graded test and submission) to a results
file there; ``run`` returns them with the tail of the session's output.

``Warm`` keeps one session running for many checks (``autograde watch``, a notebook's checks):
collected, its graders and libraries imported, once; each request grades more submissions in it,
every one in a fresh jail and through the verifier as in a session of its own.  Requests and
records go through two pipes (the plugin's ``--serve``), one JSON line each.
"""

from __future__ import annotations

import json
import os
import select
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
        command = _pytest(graders, "--results", str(results), *options)
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
        tail = _tail(output)
    finished = Finished([r for r in records if r["event"] != "progress"], session.returncode, tail)
    if not finished.collected:
        raise GraderError(f"the graders of {what} could not be collected:\n{finished.output_tail}")
    return finished


def _pytest(graders: Path, *options: str) -> list[str]:
    return [sys.executable, "-m", "pytest", str(graders), "-p", "autograde.engine.plugin", "-p", "no:cacheprovider",
            "--assert=plain",  # no rewritten asserts: they would print hidden expected values
            "-c", os.devnull, "--rootdir", str(graders), "-q", "--capture=no", "--no-header", "--noconftest",
            *options]


def _tail(output: Path) -> str:
    return "\n".join(output.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-15:])


class Warm:
    """A grading session that stays up: ``run(request)`` grades in it again (see the module's
    docstring); a session that ended (or never started) is started anew by the next ``run``."""

    def __init__(self, graders: Path, root: Path, options: list[str], *, what: str):
        self.graders, self.root, self.options, self.what = graders, root, list(options), what
        self.scratch = tempfile.TemporaryDirectory(prefix="autograde-warm-")
        self.process: subprocess.Popen | None = None
        self.tests: list[dict] = []  # what it collected

    def start(self) -> None:
        requests_in, self.requests = os.pipe()
        self.replies, replies_out = os.pipe()
        output = Path(self.scratch.name) / "output.txt"
        with open(output, "w", encoding="utf-8", errors="replace") as sink:
            self.process = subprocess.Popen(
                _pytest(self.graders, f"--serve={requests_in},{replies_out}", *self.options), cwd=self.scratch.name,
                env=policy.session_environment(self.root), stdin=subprocess.DEVNULL, stdout=sink,
                stderr=subprocess.STDOUT, pass_fds=(requests_in, replies_out))
        os.close(requests_in)
        os.close(replies_out)
        self.buffer = bytearray()
        collected = self._next_record(SESSION_TIMEOUT_S)
        if collected is None or collected.get("event") != "collected":
            self.close()
            raise GraderError(f"the graders of {self.what} could not be collected:\n{_tail(output)}")
        self.tests = collected["tests"]

    def run(self, request: dict, *, progress: Callable[[int, int], None] | None = None) -> Finished:
        """Grade ``request`` (``{"submissions": [folder, ...]}``, and the plugin's ``only_function``
        or ``patient``) in the session; its records, as ``run`` returns them."""
        if self.process is None or self.process.poll() is not None:
            self.start()
        os.write(self.requests, (json.dumps(request) + "\n").encode())
        records: list[dict] = []
        while True:
            record = self._next_record(SESSION_TIMEOUT_S)
            if record is None:  # the session ended (or hung) before it answered: what it sent stands
                self.close()
                tail = _tail(Path(self.scratch.name) / "output.txt")
                return Finished([{"event": "collected", "tests": self.tests}, *records], -1, tail)
            if record["event"] == "done":
                break
            if record["event"] == "progress":
                if progress:
                    progress(record["done"], record["total"])
                continue
            records.append(record)
        if not any(r["event"] == "collected" for r in records):
            records.insert(0, {"event": "collected", "tests": self.tests})
        return Finished(records, 0, "")

    def _next_record(self, timeout: float) -> dict | None:
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self.replies], [], [], remaining)[0]:
                return None
            chunk = os.read(self.replies, 1 << 16)
            if not chunk:
                return None
            self.buffer += chunk
        line, _, rest = bytes(self.buffer).partition(b"\n")
        self.buffer = bytearray(rest)
        return json.loads(line)

    def close(self) -> None:
        """End the session (its input closes; it is killed if it does not end at once)."""
        if self.process is None:
            return
        for fd in (self.requests, self.replies):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


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
