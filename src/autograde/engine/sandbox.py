"""Run untrusted work in forked, jailed, resource-limited children: the parent's side.

This is the only place that starts processes for learner code: the worker B and its test
processes D of the tree in ``autograde.engine`` (what they do is ``autograde.engine.worker``).
The parent reads B's frames against each job's wall clock; when a job runs past its limit, or
something kills the whole jail, it kills B (the PID namespace dies with it) and starts a new
jail from that job (again, if it was sharing D) or from the next.
``hidden=None`` runs the same worker without a jail (trusted code); ``Feed`` is the trusted
verifier: one process, fed jobs as they arrive, that runs them in place (jailed too, where
given hidden paths).  A jailed worker's first frame says how it is isolated (``ChildEnd.isolation``).
"""

from __future__ import annotations

import functools
import json
import os
import resource
import select
import signal
import time
from pathlib import Path
from typing import Any, Callable, Iterator

from autograde.engine import jail
from autograde.engine.worker import (  # noqa: F401  (the types are this module's API too)
    _FRAME, ChildEnd, Gate, Job, Limits, MiB, Reuse, _death, _worker_main, write_all,
)


def kill_grace(limits: Limits) -> float:
    """How long past its wall limit a job's worker is killed: its own alarm rings first."""
    return 1.0 + 0.25 * limits.wall_seconds


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass



def run_jobs(jobs: list[Job], *, hidden: list[Path] | None, visible: list[Path] = ()) -> list[ChildEnd]:
    """Run ``jobs`` in order, each in a process of its own, and return how each ended (see ``iter_jobs``)."""
    return list(iter_jobs(jobs, hidden=hidden, visible=visible))


def iter_jobs(jobs: list[Job] | list[tuple], *, hidden: list[Path] | None, visible: list[Path] = (),
              reuse_after: Reuse | None = None, meanwhile: Callable[[], Any] = lambda: None,
              gate: Gate | None = None, first_worker: "_Worker | None" = None) -> Iterator[ChildEnd]:
    """Run ``jobs`` in order and yield how each ended, as soon as it has.

    ``hidden`` given: the workers are jailed with those paths hidden (learner code); ``visible``
    folders stay readable even under the jail's private /tmp (the project, when it lies there).
    ``hidden=None``: plain forked workers (trusted code).  ``reuse_after``: after a job whose
    result satisfies it, the next job runs in the same process (unless it needs a fresh one);
    None: every job in a process of its own.  ``meanwhile`` is called once, as soon as the first
    worker is forked, to use the time it takes to set up.  ``gate``: which jobs not to run, after
    how earlier ones ended (see ``worker.Gate``); a job it stops ends with the gate's message.
    ``first_worker``: one started ahead for these jobs and this gate (``waiting_worker``), told to go.
    """
    jobs = [Job(*job) for job in jobs]
    gate = gate or Gate()
    done, first = 0, True
    while done < len(jobs):
        worker = first_worker if first and first_worker is not None else \
            _Worker(lambda start=done: iter(jobs[start:]), hidden, visible=list(visible), reuse_after=reuse_after,
                    gate=_Offset(gate, done))
        if first:
            first = False
            meanwhile()
        try:
            while done < len(jobs):
                end, worker_gone, alone = worker.next_end(jobs[done].limits)
                if worker_gone and not alone:
                    break  # it timed out or the jail died while it shared a process: run it again, alone
                gate.ended(done, end.message if end.cause is None else {"cause": end.cause, "detail": end.detail})
                done += 1
                yield end
                if worker_gone:
                    break
        finally:
            worker.stop()


def waiting_worker(jobs: list[Job], setup: Callable[[Any], Any], *, hidden: list[Path] | None,
                   visible: list[Path] = (), reuse_after: Reuse | None = None, gate: Gate | None = None) -> "_Worker":
    """A worker started before what its jobs need is known (a warm session's next check): it
    builds its jail, then waits.  ``go(payload)`` (JSON data, e.g. the learner's sources) has it
    call ``setup(payload)`` and run ``jobs``, as ``iter_jobs`` with ``first_worker`` does."""
    feed_read, feed_write = os.pipe()

    def ready_jobs() -> Iterator[Job]:  # in the forked worker
        os.close(feed_write)
        with os.fdopen(feed_read, "rb") as feed:
            line = feed.readline()
        if not line:  # stopped without a go
            return iter(())
        setup(json.loads(line))
        return iter(jobs)

    return _Worker(ready_jobs, hidden, feed=(feed_read, feed_write), visible=list(visible), reuse_after=reuse_after,
                   gate=_Offset(gate or Gate(), 0))


class _Offset(Gate):
    """A gate seen by a worker that starts at job ``first`` (its job 0)."""

    def __init__(self, gate: Gate, first: int):
        self.gate, self.first = gate, first

    def instead(self, index: int) -> dict[str, Any] | None:
        return self.gate.instead(index + self.first)

    def ended(self, index: int, message: dict[str, Any]) -> None:
        self.gate.ended(index + self.first, message)

    def stands(self, index: int, message: dict[str, Any]) -> bool:
        return self.gate.stands(index + self.first, message)


class Feed:
    """A trusted worker fed jobs while they arrive: ``submit`` now, ``results`` at the end.

    The verifier uses it, so that re-checking test k overlaps with the jailed worker running
    test k+1.  ``make_job(key, payload)`` builds the job inside the forked worker; payloads go
    through files in ``folder``, which the jail hides.
    """

    def __init__(self, make_job: Callable[[Any, Any], Callable[[], dict[str, Any]]], folder: Path,
                 prepare: Callable[[Callable[[], bool]], Any] = lambda idle: None,
                 hidden: list[Path] | None = None, visible: list[Path] = ()):
        self.make_job, self.folder, self.prepare = make_job, Path(folder), prepare
        # Jailed too where ``hidden`` is given (no network, a read-only view), the feed's folder visible.
        self.hidden, self.visible = hidden, [*visible, self.folder]
        self.queue: list[tuple[Any, Path, Limits]] = []
        self.worker: _Worker | None = None

    def start(self) -> None:
        """Start the worker now: it runs ``prepare(idle)`` before its first job; ``idle()`` says
        whether no job is waiting yet, so preparing can use the time before the first arrives."""
        if self.worker is None:
            self._start(0)

    def submit(self, key: Any, payload: Any, limits: Limits) -> None:
        path = self.folder / f"feed-{len(self.queue)}.json"
        path.write_text(json.dumps(payload))
        self.queue.append((key, path, limits))
        if self.worker is None:
            self._start(0)
        else:
            self._send(len(self.queue) - 1)

    def stop(self) -> None:
        """Stop the worker without waiting for results (one started ahead and not needed)."""
        if self.worker is not None:
            self.worker.stop()
            self.worker = None

    def results(self) -> dict[Any, ChildEnd]:
        ends: dict[Any, ChildEnd] = {}
        done = 0
        while done < len(self.queue):
            if self.worker is None:
                self._start(done)
            assert self.worker is not None
            self.worker.close_feed()
            end, worker_gone, _ = self.worker.next_end(self.queue[done][2])
            ends[self.queue[done][0]] = end
            done += 1
            if worker_gone:
                self.worker.stop()
                self.worker = None
        if self.worker is not None:
            self.worker.stop()
            self.worker = None
        return ends

    def _start(self, first: int) -> None:
        feed_read, feed_write = os.pipe()
        make_job = self.make_job

        def jobs() -> Iterator[Job]:  # runs in the forked worker, which sees the queue only through the feed
            os.close(feed_write)
            with os.fdopen(feed_read, "rb") as feed:
                for line in feed:
                    key, path, limits = json.loads(line)
                    yield Job(make_job(key, json.loads(Path(path).read_text())), Limits(*limits))

        prepare = self.prepare

        def idle() -> bool:
            return not select.select([feed_read], [], [], 0)[0]

        self.worker = _Worker(jobs, self.hidden, feed=(feed_read, feed_write), fork_each=False,
                              visible=self.visible, prepare=lambda: prepare(idle))
        for index in range(first, len(self.queue)):
            self._send(index)

    def _send(self, index: int) -> None:
        key, path, limits = self.queue[index]
        assert self.worker is not None
        self.worker.send([key, str(path), [limits.wall_seconds, limits.cpu_seconds, limits.memory_bytes,
                                           limits.max_message_bytes]])


_killed: list[int] = []  # workers killed and not yet reaped (at exit, init reaps what is left)


def _reap_killed() -> None:
    for pid in list(_killed):
        try:
            if os.waitpid(pid, os.WNOHANG)[0] == 0:
                continue
        except ChildProcessError:
            pass
        _killed.remove(pid)


class _Worker:
    """The parent's handle on one worker (jailed or not): forks it, reads its frames against each
    job's wall clock, and kills it."""

    def __init__(self, jobs: Callable[[], Iterator[Job]], hidden: list[Path] | None,
                 feed: tuple[int, int] | None = None, fork_each: bool = True, visible: list[Path] = (),
                 reuse_after: Reuse | None = None, prepare: Callable[[], Any] | None = None,
                 gate: Gate | None = None):
        _reap_killed()
        read_fd, write_fd = os.pipe()
        self.baseline_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        jailed, ids = hidden is not None, (0, 0)
        self.isolation: str | None = None  # a jailed worker's first frame says how it is walled off
        try:
            self.pid, ids = jail.spawn() if jailed else (os.fork(), ids)
        except jail.JailUnavailable as exc:
            # the documented fallback, reported: limits and process groups still apply
            jailed, self.isolation, self.pid = False, f"degraded: {exc.strerror or exc}", os.fork()
        if self.pid == 0:
            os.close(read_fd)
            jail_setup = None
            if jailed:
                jail_setup = functools.partial(jail.enter, ids=ids, hidden=hidden or [], visible=list(visible)) \
                    if ids else "degraded: the kernel refused new namespaces"
            _worker_main(jobs, write_fd, jail_setup, fork_each, reuse_after, prepare,
                         keep_fds={write_fd, *(feed[:1] if feed else ())}, gate=gate)  # never returns
        os.close(write_fd)
        self.feed: int | None = None
        if feed is not None:
            os.close(feed[0])
            self.feed = feed[1]
        try:
            os.setpgid(self.pid, self.pid)
        except (ProcessLookupError, PermissionError):
            pass
        self.fd = read_fd
        self.buffer = bytearray()  # appended in place: a frame of many MiB arrives in 64 KiB reads
        self.status: tuple[int, Any] | None = None
        self.alone = True  # the first job always starts in a fresh process

    def next_end(self, limits: Limits) -> tuple[ChildEnd, bool, bool]:
        """The next job's end; whether this worker is gone (timed out, died or was killed); and
        whether the job ran alone in its process.  Its wall clock starts again when the worker
        says it (re)started the job in a fresh process."""
        started = time.monotonic()
        while True:
            # The job's own alarm ends it at wall_seconds, with a traceback (``worker``); this kill,
            # a little later, is for code that ignores the alarm or a process that cannot answer.
            frame, state = self._read_frame(started + limits.wall_seconds + kill_grace(limits), limits.max_message_bytes)
            seconds, alone = time.monotonic() - started, self.alone
            if state == "timeout":
                return self._end(None, "timeout", f"still running after {limits.wall_seconds:g} s", seconds), True, alone
            if state == "eof" or frame is None:
                status, usage = self._reap()
                end = _death(status, usage, limits, self.baseline_rss, seconds)
                return self._end(None, end.cause, end.detail, seconds), True, alone
            try:
                message = json.loads(frame.decode())
            except (UnicodeDecodeError, json.JSONDecodeError):
                message = None
            if isinstance(message, dict) and "fresh" in message:
                started, self.alone = time.monotonic(), True
                continue
            if isinstance(message, dict) and "ready" in message:  # a trusted worker finished preparing
                started = time.monotonic()
                continue
            if isinstance(message, dict) and "isolation" in message:  # sent before any job runs
                self.isolation = str(message["isolation"])[:200]
                continue
            self.alone = False  # the next job shares this one's process unless the worker says otherwise
            end = message.get("end") if isinstance(message, dict) else None
            if not isinstance(end, dict):
                return self._end(None, "crashed", "the test process sent no valid result", seconds), True, alone
            if end.get("cause"):
                return self._end(None, str(end["cause"]), str(end.get("detail", "")), seconds), False, alone
            return self._end(end, None, "", seconds), False, alone

    def _end(self, message: dict[str, Any] | None, cause: str | None, detail: str, seconds: float) -> ChildEnd:
        return ChildEnd(message, cause, detail, seconds, self.isolation)

    def _read_frame(self, deadline: float, cap: int) -> tuple[bytes | None, str]:
        while True:
            if len(self.buffer) >= _FRAME.size:
                (size,) = _FRAME.unpack(self.buffer[: _FRAME.size])
                if size > cap:
                    return None, "eof"
                if len(self.buffer) >= _FRAME.size + size:
                    frame = bytes(self.buffer[_FRAME.size: _FRAME.size + size])
                    del self.buffer[: _FRAME.size + size]
                    return frame, "frame"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None, "timeout"
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                return None, "timeout"
            chunk = os.read(self.fd, 1 << 20)
            if not chunk:
                return None, "eof"
            self.buffer += chunk

    def _reap(self, grace: float = 1.0) -> tuple[int, Any]:
        """Wait up to ``grace`` s for the worker to end by itself (so its exit status is its own),
        then kill its whole process group."""
        if self.status is None:
            deadline = time.monotonic() + grace
            while True:
                pid, status, usage = os.wait4(self.pid, os.WNOHANG)
                if pid or time.monotonic() > deadline:
                    break
                time.sleep(0.002)
            _kill_group(self.pid)
            if not pid:
                _, status, usage = os.wait4(self.pid, 0)
            self.status = (status, usage)
        return self.status

    def send(self, request: Any) -> None:
        assert self.feed is not None
        write_all(self.feed, (json.dumps(request) + "\n").encode())

    def go(self, payload: Any) -> None:
        """Start a ``waiting_worker``."""
        self.send(payload)
        self.close_feed()

    def close_feed(self) -> None:
        if self.feed is not None:
            os.close(self.feed)
            self.feed = None

    def stop(self) -> None:
        """Kill the worker's process group (the jail's PID namespace dies with it) without waiting
        for the kernel to tear it down; it is reaped by a later worker, or at exit."""
        self.close_feed()
        os.close(self.fd)
        if self.status is None:
            _kill_group(self.pid)
            _killed.append(self.pid)


