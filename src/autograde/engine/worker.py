"""The worker side of the sandbox: what runs in B and D (the tree in ``autograde.engine``).

B, the jail's PID 1 (``_worker_main``), builds and seals the jail, reports how it is isolated,
then hands the jobs to forked children D, sweeps up whatever a job left running and writes one
length-prefixed JSON frame per job to the parent.  D starts fresh, forked from B, and goes on to
the next job only while its jobs succeed (``reuse_after``); a job that fails, crashes or runs out
of a limit after sharing D with earlier jobs is run again alone in a fresh D, so every verdict
other than success comes from a process that no other job touched.  A job marked
``fresh_process`` always starts a fresh D.  Also here: the types both sides share (``Limits``,
``Job``, ``ChildEnd``, ``Gate``) and how a child's death is named (``_death``).
"""

from __future__ import annotations

import functools
import json
import math
import os
import resource
import select
import signal
import time
import struct
from dataclasses import dataclass
from typing import Any, Callable, Iterator, NamedTuple

from autograde.engine import jail

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 10.0
    cpu_seconds: float = 20.0
    memory_bytes: int = 1024 * MiB  # on top of what the grader process already maps
    max_message_bytes: int = 256 * MiB


@dataclass
class ChildEnd:
    """How the child ended: its message if it sent one, else the cause of death."""

    message: dict[str, Any] | None
    cause: str | None  # None | "timeout" | "cpu" | "memory" | "crashed"
    detail: str = ""
    seconds: float = 0.0
    isolation: str | None = None  # how the worker was walled off (see ``_enter_jail``); None: not jailed


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0




# --- a worker that runs many jobs, re-forked after a job kills it ------------------------

class Job(NamedTuple):
    work: Callable[[], dict[str, Any]]
    limits: Limits
    fresh_process: bool = False  # must start in a process no earlier job ran in


Reuse = Callable[[dict[str, Any]], bool]  # a job whose result satisfies it leaves its process fit for the next


class Gate:
    """Which jobs not to run, decided from how earlier jobs ended: the caller's rules (in grading:
    ``loop.Waits``).  The worker asks ``instead(index)`` before it starts job ``index``: a message
    to report in its place, or None to run it; it tells ``ended(index, message)`` each job's final
    end (a cause of death as ``{"cause": ..., "detail": ...}``).  The parent tells its own copy the
    same ends, so a worker started again after a kill knows what the killed one knew.
    An end may change what ``instead`` says only when it does not succeed, which ends a child's
    run of jobs (the worker asks before each run).  ``stands(index, message)``: whether an end
    that does not succeed is final although the job shared its process (by default it is run
    again, alone)."""

    def instead(self, index: int) -> dict[str, Any] | None:
        return None

    def ended(self, index: int, message: dict[str, Any]) -> None:
        pass

    def stands(self, index: int, message: dict[str, Any]) -> bool:
        return False


FILE_SIZE_LIMIT = 64 * MiB
OPEN_FILES_LIMIT = 256
EXTRA_PROCESSES = 128
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE", "AUTOGRADE_ROOT",
                    "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_FRAME = struct.Struct(">Q")
_BEGAN = b"!"  # a child's first byte to the worker: it took its job (a child killed while it waited never sends it)

def _death(status: int, usage: Any, limits: Limits, baseline_rss: int, seconds: float) -> ChildEnd:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        # SIGKILL with the CPU time spent: the kernel's hard limit (code that silenced the others)
        if sig in (signal.SIGXCPU, signal.SIGPROF) or (sig == signal.SIGKILL and
                                                       usage.ru_utime + usage.ru_stime >= limits.cpu_seconds):
            return ChildEnd(None, "cpu", f"used more than {limits.cpu_seconds:g} s of CPU time", seconds)
        if usage.ru_maxrss * 1024 > limits.memory_bytes * 0.8 and usage.ru_maxrss > baseline_rss:
            return ChildEnd(None, "memory", f"killed by {signal.Signals(sig).name} near the memory cap", seconds)
        return ChildEnd(None, "crashed", f"the interpreter died ({signal.Signals(sig).name})", seconds)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return ChildEnd(None, "crashed", f"the process exited (status {code}) before the test finished", seconds)


def _worker_main(jobs: Callable[[], Iterator[Job]], write_fd: int, jail_setup: Callable[[], None] | str | None,
                 fork_each: bool = True, reuse_after: Reuse | None = None,
                 prepare: Callable[[], Any] | None = None, keep_fds: set[int] = frozenset(),
                 gate: Gate | None = None) -> None:
    """The worker's side.  With ``jail_setup`` it is PID 1 of the jail's namespaces (``jail.spawn``):
    it builds and seals the jail before anything else, and its first frame says how that went
    (a string ``jail_setup``: why there are no namespaces)."""
    code = 70
    try:
        jail.die_with_parent()
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
        _neutralise_inherited(keep_fds)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if jail_setup is not None:
            isolation = jail_setup if isinstance(jail_setup, str) else _enter_jail(jail_setup)
            _report(write_fd, {"isolation": isolation})
        code = _run_jobs(jobs(), write_fd, jailed=callable(jail_setup), fork_each=fork_each,
                         reuse_after=reuse_after, prepare=prepare, gate=gate or Gate())
    finally:
        os._exit(code)


def _neutralise_inherited(keep: set[int]) -> None:
    """Point every descriptor the fork copied from the grading session but ``keep`` (its pipes to
    ``engine.session`` among them) at /dev/null: no job may write into the session's output.  Replaced,
    not closed, so that no number is reused while a session object still believes it owns it."""
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in sorted(int(name) for name in os.listdir("/proc/self/fd")):
        if fd > 2 and fd != devnull and fd not in keep:
            try:
                os.fstat(fd)  # still open (not the listing's own, now closed, descriptor)
                os.dup2(devnull, fd)
            except OSError:
                pass
    os.close(devnull)


_job_sigint: Any = signal.default_int_handler  # what D gets back (B ignores SIGINT)


def _enter_jail(jail_setup: Callable[[], None]) -> str:
    """B, the jail's PID 1: mounts, then seals the jail; returns how it is isolated: "jail", or
    "degraded: <why>" where the kernel refused a mount (the namespaces stay, whatever mounts could
    not be made are missing: the report says so, and classroom mode refuses to grade).  The kernel
    delivers to a namespace's init only the signals it handles: Python handles SIGINT, so B
    ignores it (and D gets it back)."""
    global _job_sigint
    try:
        jail_setup()
        jail.seal()
        isolation = "jail"
    except OSError as exc:
        isolation = f"degraded: {exc.strerror if isinstance(exc, jail.JailUnavailable) else exc}"
    _job_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
    return isolation


def _run_jobs(jobs: Iterator[Job], write_fd: int, *, jailed: bool, fork_each: bool = True,
              reuse_after: Reuse | None = None, prepare: Callable[[], Any] | None = None,
              gate: Gate = Gate()) -> int:
    """The worker (B, in the jail): hands the jobs to forked children D (see the module's docstring), sweeps up
    whatever a job left running, and reports each job's end to the parent.

    A new child is forked ahead where one will be wanted, while the current one runs, so a
    fork's cost is paid on the other core, not between two tests.  ``fork_each=False`` (trusted jobs only:
    the verifier) runs each job in this process under that job's CPU and address-space limits;
    a job that kills it is caught by the parent; ``prepare`` runs before its first job, and the
    parent's clock for that job starts again when it is done.
    """
    kept = {k: os.environ[k] for k in KEPT_ENVIRONMENT if k in os.environ}
    os.environ.clear()
    os.environ.update(kept, HOME=jail.SCRATCH if jailed else "/tmp")
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES_LIMIT, OPEN_FILES_LIMIT))
    processes = len(os.listdir("/proc")) + EXTRA_PROCESSES  # an upper bound of what runs now, plus a margin
    resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    jail.become_subreaper()  # orphans of a test come back to this process, which kills them
    if not fork_each:
        if prepare is not None:
            prepare()
            _report(write_fd, {"ready": True})
        for job in jobs:
            _report(write_fd, {"end": _run_here(job.work, job.limits)})
        return 0
    listed = list(jobs)
    baseline_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # In the jail each child starts a session (and process group) of its own: no job can signal
    # a child waiting for its turn through its group, and as the kernel shares CPU time between
    # sessions (autogroups), a fork bomb gets one session's share, not the machine.
    fork_child = functools.partial(_Child, listed, write_fd, reuse_after, own_session=jailed)
    # A spare child is forked ahead, while the current one works, only where a new child will be
    # wanted: always without reuse, for a job that needs a fresh process, and after a failure.
    expect_new = reuse_after is None or any(job.fresh_process for job in listed)
    spare: _Child | None = None
    index, false_starts = 0, 0
    while index < len(listed):
        instead = gate.instead(index)
        if instead is not None:
            gate.ended(index, instead)
            _report(write_fd, {"end": instead})
            index += 1
            continue
        child = spare if spare is not None and spare.start(index) else fork_child()
        if child is not spare and not child.start(index):
            return 70  # a child just forked could not be started
        spare = fork_child() if expect_new and index + 1 < len(listed) else None
        try:
            _report(write_fd, {"fresh": index})
            for position, job in enumerate(_run_of(listed, index, reuse_after)):
                started = time.monotonic()
                message, raw, status, usage = child.result()
                _kill_children(keep={child.pid, spare.pid if spare else -1})
                if message is None and not child.began and false_starts < 3:
                    false_starts += 1
                    break  # killed before it began (by an earlier job, while it waited): run it in another
                succeeded = (isinstance(message, dict) and not message.get("cause")
                             and reuse_after is not None and reuse_after(message))
                expect_new = expect_new or not succeeded
                if not isinstance(message, dict):
                    status, usage = child.wait() if status is None else (status, usage)
                    end = _death(status, usage, listed[job].limits, baseline_rss, time.monotonic() - started)
                    message = {"cause": end.cause, "detail": end.detail}
                    raw = json.dumps(message).encode()
                if not succeeded and position > 0 and not gate.stands(job, message):
                    break  # not a success after sharing the process: run it again, alone, in a new child
                gate.ended(job, message)
                _write_frame(write_fd, b'{"end": ' + raw + b"}")  # the child's own bytes, checked above
                index, false_starts = job + 1, 0
                if not succeeded:
                    break
        except OSError:
            return 70  # the parent is gone
        finally:
            child.stop()
            _sweep(keep={spare.pid} if spare else set())  # nothing the child started may touch the next one
    if spare is not None:
        spare.stop()
    return 0


def _run_of(jobs: list[Job], first: int, reuse_after: Reuse | None) -> list[int]:
    """The jobs a child that starts with job ``first`` may run, in order, while they succeed."""
    if reuse_after is None:
        return [first]
    run = [first]
    while run[-1] + 1 < len(jobs) and not jobs[run[-1] + 1].fresh_process:
        run.append(run[-1] + 1)
    return run


def _run_here(work: Callable[[], dict[str, Any]], limits: Limits) -> dict[str, Any]:
    """Run a trusted job in this process, its soft limits lowered to the job's budget meanwhile."""
    cpu_hard, as_hard = resource.getrlimit(resource.RLIMIT_CPU)[1], resource.getrlimit(resource.RLIMIT_AS)[1]
    _lower_limits(limits, cpu_hard, as_hard)
    try:
        return work()
    except MemoryError:
        return {"cause": "memory", "detail": "ran out of memory (MemoryError)"}
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (as_hard, as_hard))


def _cpu_used() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _lower_limits(limits: Limits, cpu_hard: int, as_hard: int) -> None:
    """This process's soft CPU and address-space limits: the job's budget on top of what it has
    used and mapped so far (whole seconds, rounded up: the kernel's limit is a backstop to the
    job's own CPU timer), never above the hard limits (which only ever go down)."""
    cpu = math.ceil(_cpu_used() + limits.cpu_seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu if cpu_hard < 0 else min(cpu, cpu_hard), cpu_hard))
    address_space = _vm_size_bytes() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (address_space if as_hard < 0 else min(address_space, as_hard), as_hard))


def _report(write_fd: int, message: dict[str, Any]) -> None:
    _write_frame(write_fd, json.dumps(message, default=str).encode())


def _write_frame(fd: int, payload: bytes) -> None:
    write_all(fd, _FRAME.pack(len(payload)) + payload)


class _Child:
    """A forked child D: waits for the number of its first job, then runs the jobs of its run
    (``_run_of``) in order, sending one frame each, and stops after the first that does not
    succeed.  The worker reads the frames and decides independently what counts."""

    def __init__(self, jobs: list[Job], parent_fd: int, reuse_after: Reuse | None, own_session: bool = False):
        go_read, self.go = os.pipe()
        self.results, child_fd = os.pipe()
        self.buffer = bytearray()  # appended in place: a frame of many MiB arrives in 64 KiB reads
        self.began = False  # it sent _BEGAN: it was alive when it took its job
        self.pid = os.fork()
        if self.pid == 0:  # the tests' own process
            os.close(self.go)
            os.close(self.results)
            os.close(parent_fd)  # only the worker talks to the parent
            if own_session:
                os.setsid()
            signal.signal(signal.SIGINT, _job_sigint)
            code = 0
            try:
                first = int(os.read(go_read, 32) or b"-1")
                os.close(go_read)
                if first >= 0:
                    os.write(child_fd, _BEGAN)
                    _run_in_child(jobs, _run_of(jobs, first, reuse_after), child_fd, reuse_after)
            except BaseException:
                code = 70
            os._exit(code)
        os.close(go_read)
        os.close(child_fd)

    def start(self, index: int) -> bool:
        """Give it its first job; False if it is gone (killed while it waited, by a job)."""
        try:
            os.write(self.go, str(index).encode())
            return True
        except BrokenPipeError:
            self.stop()
            return False
        finally:
            self._close("go")

    def result(self) -> tuple[dict[str, Any] | None, bytes, int | None, Any]:
        """The child's next message (None if it sent none) and its bytes, and its exit status if it ended."""
        while True:
            buffer = self.buffer
            if len(buffer) >= _FRAME.size and len(buffer) >= _FRAME.size + _FRAME.unpack(buffer[: _FRAME.size])[0]:
                size = _FRAME.unpack(buffer[: _FRAME.size])[0]
                data = bytes(buffer[_FRAME.size: _FRAME.size + size])
                del buffer[: _FRAME.size + size]
                status = usage = None
                break
            ready, _, _ = select.select([self.results], [], [], 0.05)
            chunk = os.read(self.results, 1 << 20) if ready else b""
            if chunk and not self.began:
                self.began, chunk = chunk.startswith(_BEGAN), chunk[len(_BEGAN):]
            self.buffer += chunk
            if chunk:
                continue
            done, status, usage = _ended.pop(self.pid, None) or os.wait4(self.pid, os.WNOHANG)
            if done:  # it ended without a whole frame (or EOF with nothing more to read)
                data = b""
                break
        try:
            message = json.loads(data.decode()) if data else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            message = None
        return message, data, status, usage

    def wait(self) -> tuple[int, Any]:
        _, status, usage = _ended.pop(self.pid, None) or os.wait4(self.pid, 0)
        return status, usage

    def stop(self) -> None:
        """Kill it (it may still be running the next job of its run), close its pipes and reap it:
        once it is gone, whatever it started is this worker's child (see ``_sweep``)."""
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self._close("go")
        self._close("results")
        try:
            _ended.pop(self.pid, None) or os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass

    def _close(self, end: str) -> None:
        fd = getattr(self, end)
        if fd >= 0:
            os.close(fd)
            setattr(self, end, -1)  # its number may be reused by the next pipe


def _run_in_child(jobs: list[Job], run: list[int], result_fd: int, reuse_after: Reuse | None) -> None:
    """Inside D: the run's jobs in order, each under its own soft limits; the hard limits cover
    the whole run (CPU: the sum of the budgets; address space: the largest), so learner code that
    raises a soft limit gains at most its run's budget."""
    cpu_hard = math.ceil(_cpu_used() + sum(jobs[i].limits.cpu_seconds for i in run)) + 2
    as_hard = _vm_size_bytes() + max(jobs[i].limits.memory_bytes for i in run)
    # A job's limits end it where it is, with a traceback that names the learner's line: a CPU
    # timer at its CPU limit (SIGPROF; the kernel's soft limit, SIGXCPU, a second later, for code
    # that silences it), and an alarm at its wall limit (the parent kills it a little later).
    # Between jobs they are ignored: threads a job left spinning must not break its report.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_hard, cpu_hard))
    resource.setrlimit(resource.RLIMIT_AS, (as_hard, as_hard))
    me = os.getpid()
    for index in run:
        job = jobs[index]
        _lower_limits(job.limits, cpu_hard, as_hard)
        _alarm[:] = [job.limits.wall_seconds, job.limits.cpu_seconds]
        for signum in _TIME_SIGNALS:
            signal.signal(signum, _out_of_time)
        signal.setitimer(signal.ITIMER_REAL, job.limits.wall_seconds)
        signal.setitimer(signal.ITIMER_PROF, job.limits.cpu_seconds)
        try:
            message = job.work()
        except MemoryError:
            message = {"cause": "memory", "detail": "ran out of memory (MemoryError)"}
        except OutOfTime as exc:  # outside a test's own handling (a trusted job, or between two tests)
            message = {"cause": "timeout", "detail": str(exc)}
        finally:
            for signum in _TIME_SIGNALS:
                signal.signal(signum, signal.SIG_IGN)
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.setitimer(signal.ITIMER_PROF, 0)
        if os.getpid() != me:  # a copy forked by learner code must not report
            os._exit(0)
        _kill_children()  # what the job started dies before the next job begins
        payload = json.dumps(message, default=str).encode()
        write_all(result_fd, _FRAME.pack(len(payload)) + payload[: job.limits.max_message_bytes])
        if reuse_after is None or not isinstance(message, dict) or message.get("cause") or not reuse_after(message):
            return


class OutOfTime(BaseException):
    """Raised in a test process at its CPU limit (a CPU timer, or the kernel's SIGXCPU) or its wall
    limit (an alarm), so that the test ends with a traceback that names where the learner's code was; code
    that ignores it runs on to the hard limit, or the parent's kill, as before."""


_TIME_SIGNALS = (signal.SIGPROF, signal.SIGXCPU, signal.SIGALRM)
_alarm = [0.0, 0.0]  # the running job's wall and CPU limits, in seconds


def _out_of_time(signum: int, frame: Any) -> None:
    if signum in (signal.SIGPROF, signal.SIGXCPU):
        raise OutOfTime(f"still running after {_alarm[1]:.3g} s of CPU time (its time limit)")
    raise OutOfTime(f"still running after {_alarm[0]:.3g} s (its time limit)")


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _kill_children(keep: set[int] = frozenset()) -> None:
    """Kill every process left behind (our children: the worker is their subreaper or init) but ``keep``,
    and reap those that have ended; the rest are reaped on a later call."""
    for pid in _children():
        if pid not in keep:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    while True:
        try:
            pid, status, usage = os.wait3(os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid in keep:  # a child still in use ended: keep how, for whoever waits for it
            _ended[pid] = (pid, status, usage)


_ended: dict[int, tuple[int, int, Any]] = {}  # children in use that _kill_children reaped


def _sweep(keep: set[int], rounds: int = 100) -> None:
    """Kill our children but ``keep`` until none is left: each one killed hands its own children
    to this worker (its subreaper, or the jail's init)."""
    for _ in range(rounds):
        if not set(_children()) - keep:
            return
        _kill_children(keep=keep)
        time.sleep(0.001)


def _children() -> list[int]:
    pids: list[int] = []
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as children:
                pids += [int(p) for p in children.read().split()]
    except OSError:
        pass
    return pids
