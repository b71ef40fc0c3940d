"""The grading loop, per submission: every test recorded in the jailed worker, each pass re-run
by the trusted verifier on the recorded values, one verdict per graded test (the processes are
those of the tree in ``autograde.engine``).

Its state is the ``State`` in ``config.stash[STATE]``: what the ``submission`` and ``reference``
fixtures hand out in the current process.  The session sets the submission and the reference;
each job sets its mode (record in the worker, replay in the verifier; "direct" runs a test in
place, isolation "none", and the verifier's warm-up).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from _pytest.runner import runtestprotocol

from autograde.curriculum import project_root
from autograde.engine import guard, outcomes, sandbox
from autograde.engine.submission import Submission
from autograde.report import JAILED

DEFAULT_TIMEOUT = 10.0
EXCEPTIONS = pytest.StashKey[dict]()  # per item: the exception of each phase that raised


@dataclass
class State:
    reference: Submission | None = None
    submission: Any = None  # the learner's Submission
    mode: str = "direct"  # "record" | "replay" | "direct"
    log: list | None = None  # replay: what the worker recorded
    recorder: Any = None  # record: the RecordingSubmission the test used


STATE = pytest.StashKey[State]()


def graded_name(item: pytest.Item) -> str:
    """The graded test an item belongs to: its function's name (the cases of a parametrized test
    are one graded test, which passes when every case passes)."""
    return getattr(item, "originalname", None) or item.name


def _case(item: pytest.Item) -> str:
    """A parametrized case's id (``""`` for a test without cases)."""
    return item.name[len(graded_name(item)) + 1:-1] if item.name != graded_name(item) else ""


def run_test(item: pytest.Item) -> dict[str, Any]:
    """The test's setup, call and teardown in this process, then its verdict."""
    item.stash[EXCEPTIONS] = {}
    try:
        reports = runtestprotocol(item, nextitem=None, log=False)
    except BaseException as exc:  # pytest lets Exit and KeyboardInterrupt through
        return outcomes.from_exception(exc)
    raised = item.stash.get(EXCEPTIONS, {})
    learner = getattr(item.config.stash[STATE].submission, "directory", None)
    for report in reports:
        if report.failed or report.skipped:
            return outcomes.from_exception(raised.get(report.when), skipped=report.skipped, learner=learner)
    return {"status": "passed", "message": ""}


def _record(item: pytest.Item) -> dict[str, Any]:
    """In the jailed worker: run the test on the learner's code and keep what it returned.

    The learner's modules are imported anew for each test, as if in a fresh process: the
    worker runs consecutive passing tests in one process (see ``sandbox``)."""
    state = item.config.stash[STATE]
    state.mode, state.recorder, state.submission = "record", None, state.submission.unimported()
    verdict = run_test(item)
    recorder = state.recorder
    # Only a pass is re-checked, from the log; a failure's log (perhaps a whole scan) is not sent.
    return {**verdict, "log": recorder.log if recorder is not None and _passed(verdict) else []}


def _replay(item: pytest.Item, log: list[dict[str, Any]]) -> dict[str, Any]:
    """In the trusted verifier: the same test, answered from the log, with the guard armed (the
    recorded values are hostile data: nothing may run code or touch the machine meanwhile)."""
    state = item.config.stash[STATE]
    state.mode, state.log = "replay", log
    guard.install([project_root() / "graders", project_root() / "solutions"])
    with guard.armed() as refused:
        verdict = run_test(item)
    if refused:
        return {"status": "error", "message": f"the re-check refused {refused[0]}"[:300]}
    return verdict


def _passed(verdict: dict[str, Any]) -> bool:
    return verdict.get("status") == "passed"


def _finished(verdict: dict[str, Any]) -> bool:
    """Any verdict the test itself gave (not a crash, a timeout or a limit)."""
    return verdict.get("status") in ("passed", "failed", "not_attempted", "error")


def _jobs(items: list[pytest.Item], specs: list[dict[str, Any]]) -> list[sandbox.Job]:
    """One job per test case; the cases of a graded test form a group, which stops at its first loss."""
    return [sandbox.Job(functools.partial(_record, item), _limits(spec), fresh_process=not spec["verify"],
                        group=graded_name(item) if _case(item) else "")
            for item, spec in zip(items, specs)]


def _warm_up(items: list[pytest.Item], specs: list[dict[str, Any]], idle: Callable[[], bool]) -> None:
    """In the verifier, while the worker has sent nothing yet: import the reference and run the
    first quick test on it, so that the replays do not pay for what a process does once (imports,
    pytest's first call, many of the pages it must copy after the fork).  Its verdict is not used."""
    state = items[0].config.stash[STATE]
    state.reference.import_all()
    quick = [item for item, spec in zip(items, specs) if spec["timeout"] <= DEFAULT_TIMEOUT]
    if quick and idle():
        learner, state.mode, state.submission = state.submission, "direct", state.reference
        try:
            run_test(quick[0])
        finally:
            state.submission = learner


def _limits(spec: dict[str, Any]) -> sandbox.Limits:
    """A test's ``timeout`` is CPU time, which a busy machine does not stretch (every library runs
    on one thread); the wall clock, twice as long, only stops code that waits instead."""
    return sandbox.Limits(
        wall_seconds=2.0 * float(spec["timeout"]),
        cpu_seconds=int(spec["timeout"]) + 1,
        memory_bytes=int(spec["memory_mb"]) * sandbox.MiB,
    )


def grade_submission(items: list[pytest.Item], specs: list[dict], isolation: str, scratch: Path,
                     hidden: list[Path], verify: bool = True, first_loss: bool = False,
                     try_first: list[str] = (), on_verdict: Callable[[], None] = lambda: None) -> list[dict[str, Any]]:
    """Verdicts for every test of the submission in the state: recorded in the jailed worker;
    each test the worker saw pass is re-checked at once by the verifier (on the other core)
    while the worker goes on with the next test, and only the verifier can confirm a pass.
    ``first_loss``: the project's own code (a mutant), graded only until it loses a point, starting
    with the tests named in ``try_first`` or using a learner function named there.  ``on_verdict()``
    is called as each test case ends in the worker (for a progress line)."""
    if isolation == "none":  # only for measuring what isolation costs (make bench)
        items[0].config.stash[STATE].mode = "direct"
        return [{**run_test(item), "seconds": 0.0, "isolation": "none"} for item in items]
    if first_loss:
        return _until_first_loss(items, specs, hidden, try_first)
    # The verifier is jailed as well (no network, a read-only view, the store hidden), seeing
    # the graders and solutions it re-runs.
    needed = {(project_root() / "graders").resolve(), (project_root() / "solutions").resolve()}
    verifier = sandbox.Feed(lambda i, log: functools.partial(_replay, items[i], log), scratch,
                            prepare=functools.partial(_warm_up, items, specs),
                            hidden=[p for p in hidden if p.resolve() not in needed], visible=[project_root()])
    # A test the verifier cannot re-check is decided in the worker: it gets a process of its own.
    jobs = _jobs(items, specs)
    # Unverified code (validation's do-nothing code, the project's own) shares a process across
    # failures too: it must fail every test, and a failure costs no fork.
    recorded = sandbox.iter_jobs(jobs, hidden=hidden, visible=[project_root()],
                                 reuse_after=_passed if verify else _finished,
                                 meanwhile=verifier.start if verify else lambda: None)
    verdicts = []
    for i, end in enumerate(recorded):
        verdicts.append({**outcomes.from_child_end(end), "seconds": round(end.seconds, 3), "isolation": end.isolation})
        on_verdict()
        if verify and verdicts[i]["status"] == "passed" and specs[i]["verify"]:
            verifier.submit(i, (end.message or {}).get("log") or [], _limits(specs[i]))
    for i, end in verifier.results().items():
        check = outcomes.from_child_end(end)
        verdicts[i]["seconds"] = round(verdicts[i]["seconds"] + end.seconds, 3)
        if check["status"] != "passed":
            verdicts[i].update(outcomes.unconfirmed(check))
    return verdicts


def _until_first_loss(items: list[pytest.Item], specs: list[dict], hidden: list[Path],
                      try_first: list[str] = ()) -> list[dict[str, Any]]:
    """The worker's own verdicts, test after test (a process shared while they pass, as for a
    learner), until the first test that does not pass; the tests after it are ``not_run``.
    The tests ``try_first`` names (the one that killed this mutant before, or those using the
    function it changes) go first: a mutant then mostly costs one test."""
    wanted = set(try_first)
    order = sorted(range(len(items)), key=lambda i: not (graded_name(items[i]) in wanted or wanted & set(specs[i]["uses"])))
    jobs = _jobs([items[i] for i in order], [specs[i] for i in order])
    verdicts: dict[int, dict[str, Any]] = {}
    for position, end in zip(order, sandbox.iter_jobs(jobs, hidden=hidden, visible=[project_root()], reuse_after=_passed)):
        verdicts[position] = {**outcomes.from_child_end(end), "seconds": round(end.seconds, 3), "isolation": end.isolation}
        if verdicts[position]["status"] != "passed":
            break
    stopped = {"status": "not_run", "message": "not run: the submission already lost a point", "seconds": 0.0}
    return [verdicts.get(i) or dict(stopped) for i in range(len(items))]


def graded_verdicts(items: list[pytest.Item], verdicts: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """One verdict per graded test: passed when every case passed, else its first case that did
    not (the message names the case); the time is the cases' sum."""
    graded: dict[str, dict[str, Any]] = {}
    for item, verdict in zip(items, verdicts):
        name, case = graded_name(item), _case(item)
        if verdict["status"] != "passed" and case:
            verdict = {**verdict, "message": f"case {case}: {verdict['message']}"[:300]}
        if name not in graded:
            graded[name] = dict(verdict)
            continue
        kept = graded[name]
        kept["seconds"] = round(kept["seconds"] + verdict["seconds"], 3)
        if kept.get("isolation") == JAILED and verdict.get("isolation") not in (None, JAILED):
            kept["isolation"] = verdict["isolation"]
        if kept["status"] == "passed" and verdict["status"] != "passed":
            kept.update(status=verdict["status"], message=verdict["message"])
    return graded
