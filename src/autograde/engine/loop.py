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
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pytest
from _pytest.runner import runtestprotocol

from autograde.curriculum import project_root
from autograde.engine import guard, jail, outcomes, sandbox
from autograde.engine.submission import Submission
from autograde.report import JAILED

DEFAULT_TIMEOUT = 10.0
# A case's first run stops at its quick limit: a tenth of its own limit, at least a second of CPU
# time (a reference solution takes well under it).  One that runs past it gets its own limit in
# a second pass (``Waits``), where, unless the grading is patient, the cases that run out of time
# share one allowance: a check ends in seconds however many functions loop.
QUICK_SHARE, QUICK_FLOOR_S = 0.1, 1.0
ALLOWANCE_S = 12.0
SKIPPED = {"status": "not_run", "message": "not run: an earlier case of this test did not pass"}
EXCEPTIONS = pytest.StashKey[dict]()  # per item: the exception of each phase that raised


@dataclass
class State:
    reference: Submission | None = None
    submission: Any = None  # the learner's Submission
    mode: str = "direct"  # "record" | "replay" | "direct"
    log: list | None = None  # replay: what the worker recorded
    recorder: Any = None  # record: the RecordingSubmission the test used
    # the folder the learner's relative paths start from (where their notebook lies), or None
    workdir: Path | None = None


STATE = pytest.StashKey[State]()


def graded_name(item: pytest.Item) -> str:
    """The graded test an item belongs to: its function's name (the cases of a parametrized test
    are one graded test, which passes when every case passes)."""
    return getattr(item, "originalname", None) or item.name


def _case(item: pytest.Item) -> str:
    """A parametrized case's id (``""`` for a test without cases)."""
    return item.name[len(graded_name(item)) + 1:-1] if item.name != graded_name(item) else ""


def tests_function(test: str, uses: tuple[str, ...], function: str) -> bool:
    """Whether the graded test ``test`` grades the learner function ``function``: its
    ``grade(uses=...)`` names it or, for a test that declares no uses, its name holds it as a word
    (``test_NAME_...``)."""
    if uses:
        return function in uses
    words, wanted = test.split("_"), function.split("_")
    return any(words[i:i + len(wanted)] == wanted for i in range(1, len(words)))


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
    jail.link_files_beside(state.workdir)
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


def _jobs(items: list[pytest.Item], specs: list[dict[str, Any]], quick: bool = False) -> list[sandbox.Job]:
    """One job per test case, under the case's own limits or its ``quick`` ones."""
    return [sandbox.Job(functools.partial(_record, item), _limits(spec, quick), fresh_process=not spec["verify"])
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


def _limits(spec: dict[str, Any], quick: bool = False) -> sandbox.Limits:
    """A test's ``timeout`` is CPU time, which a busy machine does not stretch (every library runs
    on one thread); the wall clock, twice as long, only stops code that waits instead.  ``quick``:
    the limits of a first run (``QUICK_SHARE``)."""
    cpu = quick_limit(spec) if quick else float(spec["timeout"])
    return sandbox.Limits(wall_seconds=2.0 * cpu, cpu_seconds=cpu, memory_bytes=int(spec["memory_mb"]) * sandbox.MiB)


def quick_limit(spec: dict[str, Any]) -> float:
    timeout = float(spec["timeout"])
    return min(timeout, max(QUICK_FLOOR_S, QUICK_SHARE * timeout))


def _ran_long(message: dict[str, Any]) -> bool:
    return message.get("status") == "timeout" or message.get("cause") in ("timeout", "cpu")


class Waits(sandbox.Gate):
    """Which of a submission's test cases to run, and how long, after how earlier ones ended: the
    worker's gate in the first pass (``worker.Gate``), the parent's in the second.

    - Once a case of a graded test has not passed, its later cases are not run (``SKIPPED``).
    - First pass (``quick``: each case under its quick limit, where that is below its own): a case
      that runs past it waits for the second pass, and so do the later cases of its test and the
      later tests that use the learner function it was running (its ``blame``): their time
      would go the same way.  ``waiting``: those cases, each with (its message, its blame).
    - Second pass (the waiting cases, ``earlier`` their first-pass messages and blames): each runs
      under its own limit (``limits``), but a learner function that ran past a limit is not run
      again (the later cases that use it, or were blamed on it, are told so), and unless
      ``patient`` the cases that run out of time share ``ALLOWANCE_S``: a case gets at most what
      is left of it, and none once that is no more than its quick limit.

    Learner code wrote the ends it reads: only a status and a function's name are read from
    them, and the worst a lie can do is hold back the liar's own tests.
    """

    def __init__(self, items: list[pytest.Item], specs: list[dict[str, Any]], *, quick: bool, patient: bool = True,
                 earlier: list[tuple[str, str]] = ()):
        self.tests = [graded_name(item) for item in items]
        self.cases = [bool(_case(item)) for item in items]
        self.uses = [tuple(spec["uses"]) for spec in specs]
        self.quick = [quick and quick_limit(spec) < float(spec["timeout"]) for spec in specs]
        self.floor = [quick_limit(spec) for spec in specs]
        self.second, self.patient, self.earlier = not quick, patient, list(earlier) or [("", "")] * len(items)
        self.lost: set[str] = set()
        self.held: dict[str, str] = {}  # a graded test a case of which waits → that case's blame ("": unknown)
        self.slow: dict[str, str] = {}  # a learner function → the test in which it ran past a limit
        self.waiting: dict[int, tuple[str, str]] = {}
        self.given: dict[int, float] = {}  # second pass: the CPU seconds each case was given
        self.left = ALLOWANCE_S

    def instead(self, index: int) -> dict[str, Any] | None:
        test = self.tests[index]
        if test in self.lost:
            return dict(SKIPPED)
        if test in self.held:
            return {"status": "waiting", "blame": self.held[test], "message": "not run yet: an earlier case ran long"}
        blamed = self.earlier[index][1]
        function = next((f for f in self.slow if f == blamed or tests_function(test, self.uses[index], f)), None)
        if function is not None:
            why = f"it uses {function}, which ran past its time limit in {self.slow[function]}"
            if self.quick[index]:
                return {"status": "waiting", "blame": function, "message": f"not run yet: {why}"}
            return {"status": "timeout", "message": self._after_first(index, f"not run again: {why}")}
        if self.second and not self.patient and self.left <= self.floor[index]:
            return {"status": "timeout", "message": self._after_first(
                index, f"not graded: the check's {ALLOWANCE_S:g} s for code that runs long are spent; "
                       "fix the code that ran out of time above and check again")}
        return None

    def limits(self, index: int, own: sandbox.Limits) -> sandbox.Limits:
        """Second pass: the limits to run a case under now."""
        cpu = own.cpu_seconds if self.patient else min(own.cpu_seconds, self.left)
        self.given[index] = cpu
        return sandbox.Limits(wall_seconds=own.wall_seconds * cpu / own.cpu_seconds, cpu_seconds=cpu,
                              memory_bytes=own.memory_bytes, max_message_bytes=own.max_message_bytes)

    def _after_first(self, index: int, why: str) -> str:
        first = self.earlier[index][0]
        return (f"{first}; {why}" if first and not first.startswith("not run yet") else why)[:300]

    def ended(self, index: int, message: dict[str, Any]) -> None:
        if not isinstance(message, dict) or message.get("status") == "passed":
            return
        test, blame = self.tests[index], message.get("blame")
        blame = blame if isinstance(blame, str) and blame.isidentifier() and len(blame) <= 100 else ""
        if message.get("status") == "waiting" or (self.quick[index] and _ran_long(message)):
            self.held.setdefault(test, blame)
            self.waiting[index] = (str(message.get("message") or message.get("detail") or "")[:300], blame)
        elif self.cases[index]:
            self.lost.add(test)
        if _ran_long(message) and blame:
            self.slow.setdefault(blame, test)
        if _ran_long(message) and index in self.given:
            self.left -= self.given[index]

    def stands(self, index: int, message: dict[str, Any]) -> bool:
        """A first run past the quick limit stands after sharing a process: it is run again anyway."""
        return self.quick[index] and _ran_long(message)


SETUP = -1  # the verifier's job that tells one started ahead whose code it re-checks


@dataclass
class Ahead:
    """What a warm session starts while it waits for its next check (``plugin``'s ``--serve``): the
    first pass's jailed worker, jail built, waiting for the submission; and the verifier, which
    meanwhile imports the reference and warms up.  Both are told the submission when it comes
    (``grade_submission``), as data; a check whose submission they cannot serve discards them."""

    workdir: Path | None  # the jail makes this folder visible: it serves checks with this workdir only
    gate: Waits
    worker: Any  # a ``sandbox.waiting_worker``
    verifier: sandbox.Feed
    scratch: Path  # the verifier's feed folder

    def discard(self) -> None:
        self.worker.stop()
        self.verifier.stop()
        self.cleanup()

    def cleanup(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)


def start_ahead(items: list[pytest.Item], specs: list[dict], hidden: list[Path], workdir: Path | None) -> Ahead:
    """Start the processes of a check of ``items`` whose submission is not known yet (see ``Ahead``)."""
    scratch = Path(tempfile.mkdtemp(prefix="autograde-ahead-"))
    verifier = _verifier(items, specs, scratch, hidden)
    verifier.start()
    gate = Waits(items, specs, quick=True)
    worker = sandbox.waiting_worker(_jobs(items, specs, quick=True), functools.partial(_take_submission, items[0]),
                                    hidden=hidden, visible=_visible(workdir), reuse_after=_passed, gate=gate)
    return Ahead(workdir, gate, worker, verifier, scratch)


def _about_submission(state: State) -> dict[str, Any]:
    """What a process started ahead needs to know of the submission in ``state``: its files, as data."""
    submission = state.submission
    return {"folder": str(submission.directory), "names": submission.module_names, "sources": submission.sources,
            "workdir": str(state.workdir) if state.workdir else None}


def _take_submission(item: pytest.Item, about: dict[str, Any]) -> dict[str, Any]:
    """In a process started ahead: the submission is the one ``about`` describes."""
    state = item.config.stash[STATE]
    state.submission = Submission(Path(about["folder"]), list(about["names"]), label="submission",
                                  sources=dict(about["sources"]))
    state.workdir = Path(about["workdir"]) if about["workdir"] else None
    return {"status": "passed", "message": ""}


def _visible(workdir: Path | None) -> list[Path]:
    return [project_root(), *([workdir] if workdir else [])]


def _verifier(items: list[pytest.Item], specs: list[dict], scratch: Path, hidden: list[Path]) -> sandbox.Feed:
    """The trusted verifier, jailed as well (no network, a read-only view, the store hidden),
    seeing the graders and solutions it re-runs."""
    needed = {(project_root() / "graders").resolve(), (project_root() / "solutions").resolve()}

    def job(key: int, payload: Any) -> Callable[[], dict[str, Any]]:
        if key == SETUP:
            return functools.partial(_take_submission, items[0], payload)
        return functools.partial(_replay, items[key], payload)

    return sandbox.Feed(job, scratch, prepare=functools.partial(_warm_up, items, specs),
                        hidden=[p for p in hidden if p.resolve() not in needed], visible=[project_root()])


def grade_submission(items: list[pytest.Item], specs: list[dict], isolation: str, scratch: Path,
                     hidden: list[Path], verify: bool = True, first_loss: bool = False,
                     try_first: list[str] = (), patient: bool = False, ahead: Ahead | None = None,
                     on_verdict: Callable[[], None] = lambda: None) -> list[dict[str, Any]]:
    """Verdicts for every test of the submission in the state: recorded in the jailed worker;
    each test the worker saw pass is re-checked at once by the verifier (on the other core)
    while the worker goes on with the next test, and only the verifier can confirm a pass.
    Each case first runs under its quick limit; those that ran long get their own limit in a
    second pass, where what runs out of time shares one allowance unless ``patient`` (see ``Waits``).
    ``first_loss``: the project's own code (a mutant), graded only until it loses a point, starting
    with the tests named in ``try_first`` or using a learner function named there.  ``ahead``: the
    processes a warm session started for this check (verified learner code only).  ``on_verdict()``
    is called as each test case gets its verdict in the worker (for a progress line)."""
    if ahead is not None and (isolation == "none" or first_loss or not verify):
        ahead.discard()  # started for a verified check of learner code
        ahead = None
    if isolation == "none":  # only for measuring what isolation costs (make bench)
        items[0].config.stash[STATE].mode = "direct"
        return [_timed(run_test, item) for item in items]
    if first_loss:
        return _until_first_loss(items, specs, hidden, try_first)
    state = items[0].config.stash[STATE]
    if ahead is not None:  # started before this submission was known: told it now, as data
        verifier, first, worker = ahead.verifier, ahead.gate, ahead.worker
        verifier.submit(SETUP, _about_submission(state), _limits(specs[0]))
        worker.go(_about_submission(state))
    else:
        verifier, first, worker = _verifier(items, specs, scratch, hidden), Waits(items, specs, quick=True), None
    # Unverified code (validation's do-nothing code, the project's own) shares a process across
    # failures too: it must fail every test, and a failure costs no fork.
    run = functools.partial(sandbox.iter_jobs, hidden=hidden, visible=_visible(state.workdir),
                            reuse_after=_passed if verify else _finished)
    verdicts: list[dict[str, Any]] = [{} for _ in items]

    def judge(i: int, end: sandbox.ChildEnd) -> None:
        verdicts[i] = {**outcomes.from_child_end(end), "seconds": round(end.seconds, 3), "isolation": end.isolation}
        on_verdict()
        if verify and verdicts[i]["status"] == "passed" and specs[i]["verify"]:
            verifier.submit(i, (end.message or {}).get("log") or [], _limits(specs[i]))

    for i, end in enumerate(run(_jobs(items, specs, quick=True), gate=first, first_worker=worker,
                                meanwhile=verifier.start if verify else lambda: None)):
        if i not in first.waiting:
            judge(i, end)
    waiting = sorted(first.waiting)
    second = Waits([items[i] for i in waiting], [specs[i] for i in waiting], quick=False, patient=patient,
                   earlier=[first.waiting[i] for i in waiting])
    for position, i in enumerate(waiting):  # each in a worker of its own, under the limits it is given now
        instead = second.instead(position)
        if instead is None:
            limits = second.limits(position, _limits(specs[i]))
            [end] = run([sandbox.Job(functools.partial(_record, items[i]), limits)])
            end = _cut_short(end, limits, _limits(specs[i]))
        else:
            end = sandbox.ChildEnd(instead, None)
        second.ended(position, end.message if end.cause is None else {"cause": end.cause, "detail": end.detail})
        judge(i, end)
    for i, end in verifier.results().items():
        if i == SETUP:
            continue
        check = outcomes.from_child_end(end)
        verdicts[i]["seconds"] = round(verdicts[i]["seconds"] + end.seconds, 3)
        if check["status"] != "passed":
            verdicts[i].update(outcomes.unconfirmed(check))
    return verdicts


def _cut_short(end: sandbox.ChildEnd, given: sandbox.Limits, own: sandbox.Limits) -> sandbox.ChildEnd:
    """A second run that ran out of the time it was given, where that was less than its own limit, says so."""
    if given.cpu_seconds >= own.cpu_seconds or not _ran_long(end.message or {"cause": end.cause}):
        return end
    note = (f"; it was given the {given.cpu_seconds:.3g} s left of the check's {ALLOWANCE_S:g} s for code that "
            f"runs long (its own limit is {own.cpu_seconds:g} s)")
    if end.cause is None:
        return sandbox.ChildEnd({**end.message, "message": (str(end.message.get("message", "")) + note)[:300]},
                                None, end.detail, end.seconds, end.isolation)
    return sandbox.ChildEnd(None, end.cause, (end.detail + note)[:300], end.seconds, end.isolation)


def _timed(run: Callable[[pytest.Item], dict[str, Any]], item: pytest.Item) -> dict[str, Any]:
    started = time.perf_counter()
    verdict = run(item)
    return {**verdict, "seconds": round(time.perf_counter() - started, 4), "isolation": "none"}


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
