"""Run untrusted work in forked, jailed, resource-limited children.

This is the only place that starts processes for learner code:

    parent (pytest session; never imports learner code; enforces every wall-clock limit)
      └─ A  new process group; enters the jail (``jail.enter``), then only waits
           └─ B  PID 1 of the jail's PID namespace: seals the jail, then only waits
                └─ C  the worker: clean environment, file/process limits, subreaper;
                     └─ D  one per job (a graded test): its own CPU and address-space
                          limits, output to /dev/null; sends its result to C

C forks D for each job in turn, kills whatever D left running, and writes one
length-prefixed JSON frame per job to the parent, naming the cause when D died (crashed,
CPU, memory).  When a job runs past its wall-clock limit, or something kills the whole
jail, the parent kills A's process group (the PID namespace dies with B) and starts a
fresh jail for the remaining jobs.  ``hidden=None`` runs the same worker without a jail
(trusted code); ``Feed`` is the trusted verifier: one process, fed jobs as they arrive, that
runs them in place.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from autograde import jail

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 10.0
    cpu_seconds: int = 20
    memory_bytes: int = 1024 * MiB  # on top of what the grader process already maps
    max_message_bytes: int = 256 * MiB


@dataclass
class ChildEnd:
    """How the child ended: its message if it sent one, else the cause of death."""

    message: dict[str, Any] | None
    cause: str | None  # None | "timeout" | "cpu" | "memory" | "crashed"
    detail: str = ""
    seconds: float = 0.0


def _vm_size_bytes() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


# --- a worker that runs many jobs, re-forked after a job kills it ------------------------

Job = tuple[Callable[[], dict[str, Any]], Limits]
FILE_SIZE_LIMIT = 64 * MiB
OPEN_FILES_LIMIT = 256
EXTRA_PROCESSES = 128
KEPT_ENVIRONMENT = ("PATH", "LANG", "LC_ALL", "TZ", "PYTHONHASHSEED", "PYTHONDONTWRITEBYTECODE", "AUTOGRADE_ROOT",
                    "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
_FRAME = struct.Struct(">Q")


def run_jobs(jobs: list[Job], *, hidden: list[Path] | None, visible: list[Path] = ()) -> list[ChildEnd]:
    """Run ``jobs`` in order and return how each ended (see ``iter_jobs``)."""
    return list(iter_jobs(jobs, hidden=hidden, visible=visible))


def iter_jobs(jobs: list[Job], *, hidden: list[Path] | None, visible: list[Path] = ()) -> Iterator[ChildEnd]:
    """Run ``jobs`` in order and yield how each ended, as soon as it has.

    ``hidden`` given: the workers are jailed with those paths hidden (learner code); ``visible``
    folders stay readable even under the jail's private /tmp (the project, when it lies there).
    ``hidden=None``: plain forked workers (trusted code).
    """
    done = 0
    while done < len(jobs):
        worker = _Worker(lambda start=done: iter(jobs[start:]), hidden, visible=list(visible))
        try:
            while done < len(jobs):
                end, worker_gone = worker.next_end(jobs[done][1])
                done += 1
                yield end
                if worker_gone:
                    break
        finally:
            worker.stop()


class Feed:
    """A trusted worker fed jobs while they arrive: ``submit`` now, ``results`` at the end.

    The verifier uses it, so that re-checking test k overlaps with the jailed worker running
    test k+1.  ``make_job(key, payload)`` builds the job inside the forked worker; payloads go
    through files in ``folder``, which the jail hides.
    """

    def __init__(self, make_job: Callable[[Any, Any], Callable[[], dict[str, Any]]], folder: Path):
        self.make_job, self.folder = make_job, Path(folder)
        self.queue: list[tuple[Any, Path, Limits]] = []
        self.worker: _Worker | None = None

    def submit(self, key: Any, payload: Any, limits: Limits) -> None:
        path = self.folder / f"feed-{len(self.queue)}.json"
        path.write_text(json.dumps(payload))
        self.queue.append((key, path, limits))
        if self.worker is None:
            self._start(0)
        else:
            self._send(len(self.queue) - 1)

    def results(self) -> dict[Any, ChildEnd]:
        ends: dict[Any, ChildEnd] = {}
        done = 0
        while done < len(self.queue):
            if self.worker is None:
                self._start(done)
            assert self.worker is not None
            self.worker.close_feed()
            end, worker_gone = self.worker.next_end(self.queue[done][2])
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
                    yield make_job(key, json.loads(Path(path).read_text())), Limits(*limits)

        self.worker = _Worker(jobs, None, feed=(feed_read, feed_write), fork_each=False)
        for index in range(first, len(self.queue)):
            self._send(index)

    def _send(self, index: int) -> None:
        key, path, limits = self.queue[index]
        assert self.worker is not None
        self.worker.send([key, str(path), [limits.wall_seconds, limits.cpu_seconds, limits.memory_bytes,
                                           limits.max_message_bytes]])


class _Worker:
    def __init__(self, jobs: Callable[[], Iterator[Job]], hidden: list[Path] | None,
                 feed: tuple[int, int] | None = None, fork_each: bool = True, visible: list[Path] = ()):
        read_fd, write_fd = os.pipe()
        self.baseline_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read_fd)
            _worker_main(jobs, write_fd, hidden, fork_each, list(visible))  # never returns
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
        self.buffer = b""
        self.status: tuple[int, Any] | None = None

    def next_end(self, limits: Limits) -> tuple[ChildEnd, bool]:
        """The next job's end, and whether this worker is gone (timed out, died or was killed)."""
        started = time.monotonic()
        frame, state = self._read_frame(started + limits.wall_seconds, limits.max_message_bytes)
        seconds = time.monotonic() - started
        if state == "timeout":
            return ChildEnd(None, "timeout", f"still running after {limits.wall_seconds:g} s", seconds), True
        if state == "eof" or frame is None:
            status, usage = self._reap()
            return _death(status, usage, limits, self.baseline_rss, seconds), True
        try:
            message = json.loads(frame.decode())
        except (UnicodeDecodeError, json.JSONDecodeError):
            message = None
        if not isinstance(message, dict):
            return ChildEnd(None, "crashed", "the test process sent no valid result", seconds), True
        if message.get("cause"):
            return ChildEnd(None, str(message["cause"]), str(message.get("detail", "")), seconds), False
        return ChildEnd(message, None, "", seconds), False

    def _read_frame(self, deadline: float, cap: int) -> tuple[bytes | None, str]:
        while True:
            if len(self.buffer) >= _FRAME.size:
                (size,) = _FRAME.unpack(self.buffer[: _FRAME.size])
                if size > cap:
                    return None, "eof"
                if len(self.buffer) >= _FRAME.size + size:
                    frame = self.buffer[_FRAME.size: _FRAME.size + size]
                    self.buffer = self.buffer[_FRAME.size + size:]
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
        os.write(self.feed, (json.dumps(request) + "\n").encode())

    def close_feed(self) -> None:
        if self.feed is not None:
            os.close(self.feed)
            self.feed = None

    def stop(self) -> None:
        self.close_feed()
        os.close(self.fd)
        self._reap(grace=0.0)


def _death(status: int, usage: Any, limits: Limits, baseline_rss: int, seconds: float) -> ChildEnd:
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return ChildEnd(None, "cpu", f"used more than {limits.cpu_seconds} s of CPU time", seconds)
        if usage.ru_maxrss * 1024 > limits.memory_bytes * 0.8 and usage.ru_maxrss > baseline_rss:
            return ChildEnd(None, "memory", f"killed by {signal.Signals(sig).name} near the memory cap", seconds)
        return ChildEnd(None, "crashed", f"the interpreter died ({signal.Signals(sig).name})", seconds)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else -1
    return ChildEnd(None, "crashed", f"the process exited (status {code}) before the test finished", seconds)


def _worker_main(jobs: Callable[[], Iterator[Job]], write_fd: int, hidden: list[Path] | None,
                 fork_each: bool = True, visible: list[Path] = ()) -> None:
    """Child side. With ``hidden``: this process (A) jails itself and forks the PID namespace's
    init (B), which forks the worker (C); A and B only wait, and pass on how C ended."""
    code = 70
    try:
        os.setpgid(0, 0)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
        os.close(devnull)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if hidden is not None:
            try:
                jail.enter(hidden=hidden, visible=visible)
            except (jail.JailUnavailable, OSError):
                pass  # documented fallback: limits and process groups still apply
            else:
                _mirror(_fork_and_wait(write_fd, lambda: _init(jobs, write_fd)))
        code = _run_jobs(jobs(), write_fd, jailed=False, fork_each=fork_each)
    finally:
        os._exit(code)


def _init(jobs: Callable[[], Iterator[Job]], write_fd: int) -> int:
    """B, the jail's PID 1: seals the jail, forks the worker C and passes on how it ended."""
    jail.seal()
    return _mirror_exit(_fork_and_wait(write_fd, lambda: _run_jobs(jobs(), write_fd, jailed=True)))


def _fork_and_wait(write_fd: int, body: Callable[[], int]) -> int:
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            jail.die_with_parent()
            code = body()
        finally:
            os._exit(code)
    os.close(write_fd)  # only the worker writes: its end must bring EOF
    while True:
        try:
            _, status = os.waitpid(pid, 0)
            return status
        except InterruptedError:
            continue


def _mirror_exit(status: int) -> int:
    """In the namespace's init: an exit code that carries how the worker ended."""
    return 128 + os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _mirror(status: int) -> None:
    """Outside the namespace: end the way the worker ended, so the parent can classify it."""
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    if code > 128 and code - 128 in {s.value for s in signal.Signals}:
        sig = code - 128
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(code)


def _run_jobs(jobs: Iterator[Job], write_fd: int, *, jailed: bool, fork_each: bool = True) -> int:
    """The worker: runs each job in a child of its own (fresh state for every test, as graders
    expect), sweeps up whatever the job left running, and reports one frame per job.

    The child for the next job is forked while the current one runs (it waits for its job
    number), so the fork's cost is paid on the other core, not between two tests.
    ``fork_each=False`` (trusted jobs only: the verifier) runs each job in this process under
    that job's CPU and address-space limits; a job that kills it is caught by the parent.
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
        for work, limits in jobs:
            _report(write_fd, _run_here(work, limits))
        return 0
    listed = list(jobs)
    baseline_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    spare = _Child(listed, write_fd) if listed else None
    for index, (_, limits) in enumerate(listed):
        child, started = spare, time.monotonic()
        assert child is not None
        child.start(index)
        spare = _Child(listed, write_fd) if index + 1 < len(listed) else None
        message, status, usage = child.result()
        _kill_children(keep=spare.pid if spare else None)
        if not isinstance(message, dict):
            if status is None:
                _, status, usage = os.wait4(child.pid, 0)
            end = _death(status, usage, limits, baseline_rss, time.monotonic() - started)
            message = {"cause": end.cause, "detail": end.detail}
        try:
            _report(write_fd, message)
        except OSError:
            return 70
    return 0


def _run_here(work: Callable[[], dict[str, Any]], limits: Limits) -> dict[str, Any]:
    """Run a trusted job in this process, its soft limits lowered to the job's budget meanwhile."""
    cpu_hard, as_hard = resource.getrlimit(resource.RLIMIT_CPU)[1], resource.getrlimit(resource.RLIMIT_AS)[1]
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu = int(used.ru_utime + used.ru_stime) + limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu if cpu_hard < 0 else min(cpu, cpu_hard), cpu_hard))
    address_space = _vm_size_bytes() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (address_space if as_hard < 0 else min(address_space, as_hard), as_hard))
    try:
        return work()
    except MemoryError:
        return {"cause": "memory", "detail": "ran out of memory (MemoryError)"}
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (as_hard, as_hard))


def _report(write_fd: int, message: dict[str, Any]) -> None:
    payload = json.dumps(message, default=str).encode()
    _write_all(write_fd, _FRAME.pack(len(payload)) + payload)


class _Child:
    """A forked child that waits for the number of its job, runs it and sends back one frame."""

    def __init__(self, jobs: list[Job], parent_fd: int):
        go_read, self.go = os.pipe()
        self.results, child_fd = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the test's own process
            os.close(self.go)
            os.close(self.results)
            os.close(parent_fd)  # only the worker talks to the parent
            code = 0
            try:
                work, limits = jobs[int(os.read(go_read, 32) or b"-1")]
                os.close(go_read)
                resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
                address_space = _vm_size_bytes() + limits.memory_bytes
                resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
                me = os.getpid()
                try:
                    payload = json.dumps(work(), default=str).encode()
                except MemoryError:
                    payload = json.dumps({"cause": "memory", "detail": "ran out of memory (MemoryError)"}).encode()
                if os.getpid() != me:  # a copy forked by learner code must not report
                    os._exit(0)
                _write_all(child_fd, _FRAME.pack(len(payload)) + payload[: limits.max_message_bytes])
                os.close(child_fd)  # the worker has the result: it need not wait for this exit
            except BaseException:
                code = 70
            os._exit(code)
        os.close(go_read)
        os.close(child_fd)

    def start(self, index: int) -> None:
        os.write(self.go, str(index).encode())
        os.close(self.go)

    def result(self) -> tuple[dict[str, Any] | None, int | None, Any]:
        """The child's message (None if it sent none), and its exit status if it had to be awaited."""
        buffer, status, usage = b"", None, None
        while True:
            if len(buffer) >= _FRAME.size and len(buffer) >= _FRAME.size + _FRAME.unpack(buffer[: _FRAME.size])[0]:
                size = _FRAME.unpack(buffer[: _FRAME.size])[0]
                data = buffer[_FRAME.size: _FRAME.size + size]
                break
            ready, _, _ = select.select([self.results], [], [], 0.05)
            chunk = os.read(self.results, 1 << 20) if ready else b""
            buffer += chunk
            if chunk:
                continue
            done, wait_status, wait_usage = os.wait4(self.pid, os.WNOHANG)
            if done:  # it ended without a whole frame (or EOF with nothing more to read)
                status, usage, data = wait_status, wait_usage, b""
                break
        os.close(self.results)
        try:
            message = json.loads(data.decode()) if data else None
        except (UnicodeDecodeError, json.JSONDecodeError):
            message = None
        return message, status, usage


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _kill_children(keep: int | None = None) -> None:
    """Kill every process left behind (our children: we are their subreaper) but ``keep``, and
    reap those that have ended; the rest are reaped on a later call."""
    for pid in _children():
        if pid != keep:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _children() -> list[int]:
    pids: list[int] = []
    try:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/children") as children:
                pids += [int(p) for p in children.read().split()]
    except OSError:
        pass
    return pids
