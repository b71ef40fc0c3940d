"""Run one piece of untrusted work in a forked, resource-limited child process.

This is the only place that starts processes for learner code.  The parent (a pytest
session that never imports learner code) forks; the child puts itself in a new process
group, lowers its own limits, does the work and writes one JSON message back through a
pipe.  The parent enforces the wall-clock limit, kills the whole process group when the
work ends, and turns how the child ended into an outcome the report can name.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
from dataclasses import dataclass
from typing import Any, Callable

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    wall_seconds: float = 10.0
    cpu_seconds: int = 20
    memory_bytes: int = 1024 * MiB  # on top of what the grader process already maps
    max_message_bytes: int = 64 * 1024


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


def _enter_child(limits: Limits) -> None:
    os.setpgid(0, 0)  # own process group: the parent can kill everything the child starts
    # Learner output is not part of the grade; drop it so it can neither flood the
    # terminal nor imitate a report.
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
    address_space = _vm_size_bytes() + limits.memory_bytes
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read_until(fd: int, deadline: float, cap: int) -> tuple[bytes, bool]:
    """Read from fd until EOF or the deadline; returns (data, reached_eof)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"".join(chunks), False
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return b"".join(chunks), False
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks), True
        if size < cap:
            chunks.append(chunk[: cap - size])
            size += len(chunk)


def run_forked(work: Callable[[], dict[str, Any]], limits: Limits) -> ChildEnd:
    """Run ``work()`` in a forked child under ``limits``; never raises for the child's sake."""
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read_fd)
        code = 0
        try:
            _enter_child(limits)
            payload = json.dumps(work(), default=str).encode()
        except MemoryError:
            payload = json.dumps({"cause": "memory"}).encode()
        except BaseException as exc:  # the child must always reach os._exit
            payload = json.dumps({"cause": "crashed", "detail": repr(exc)[:500]}).encode()
        try:
            os.write(write_fd, payload[: limits.max_message_bytes])
        except BaseException:
            code = 70
        os._exit(code)

    os.close(write_fd)
    try:  # set it from both sides so no kill can race the child's own setpgid
        os.setpgid(pid, pid)
    except (ProcessLookupError, PermissionError):
        pass
    baseline_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    try:
        data, finished = _read_until(read_fd, started + limits.wall_seconds, limits.max_message_bytes)
    finally:
        os.close(read_fd)
    _kill_group(pid)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.monotonic() - started

    if not finished:
        return ChildEnd(None, "timeout", f"still running after {limits.wall_seconds:g} s", seconds)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return ChildEnd(None, "cpu", f"used more than {limits.cpu_seconds} s of CPU time", seconds)
        if usage.ru_maxrss * 1024 > limits.memory_bytes * 0.8 and usage.ru_maxrss > baseline_rss:
            return ChildEnd(None, "memory", f"killed by {signal.Signals(sig).name} near the memory cap", seconds)
        return ChildEnd(None, "crashed", f"the interpreter died ({signal.Signals(sig).name})", seconds)
    try:
        message = json.loads(data.decode()) if data else None
    except (UnicodeDecodeError, json.JSONDecodeError):
        message = None
    if message is None:
        code = os.WEXITSTATUS(status)
        return ChildEnd(None, "crashed", f"the process exited (status {code}) before the test finished", seconds)
    if isinstance(message, dict) and message.get("cause") in ("memory", "crashed"):
        return ChildEnd(None, message["cause"], str(message.get("detail", "")), seconds)
    return ChildEnd(message, None, "", seconds)


def _kill_group(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
