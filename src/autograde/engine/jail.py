"""Namespaces that wall a grading worker off from the machine (Linux; no root needed).

``spawn()`` forks the worker straight into new namespaces; the worker calls ``enter()`` and
``seal()`` before any learner code exists in it:

- a new **user** namespace (no privilege outside it), **network** namespace (no interface but a
  loopback that stays down: every connection fails) and **PID** namespace (learner processes
  cannot see or signal anything outside it, and all of them die with the worker);
- a new **mount** namespace where the whole filesystem is read-only, the hidden paths (graders,
  solutions, the project's tests and history, the attempts store, a course folder) are covered
  by empty read-only tmpfs mounts, and ``/tmp`` is a small private tmpfs: the only place the
  learner can write (the interpreter, the packages and the project stay visible, read-only,
  where they lie under /tmp);
- a /proc of its own that lists only the jail's processes (no other process can be seen,
  read or written through it);
- a second user + mount namespace nested inside, so the mounts above are locked: even as
  "root" inside, the learner cannot unmount them or make anything writable again.

Where the kernel refuses namespaces (some containers), ``spawn()`` raises ``JailUnavailable`` and
the caller grades without them; where it refuses a mount, ``enter()`` does.  Either way the
result says so (``worker._enter_jail``: "degraded: <why>"); see the README section "How
grading stays fair".
"""

from __future__ import annotations

import ctypes
import os
import signal
from pathlib import Path

CLONE_NEWNS = 0x00020000
CLONE_NEWPID = 0x20000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
SIGCHLD = 17  # the child's end is reported to its parent as for fork(2)
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_BIND, MS_REC, MS_PRIVATE = 0x2, 0x4, 0x8, 0x1000, 0x4000, 0x40000
MOUNT_ATTR_RDONLY = 0x1
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
SYS_OPEN_TREE, SYS_MOVE_MOUNT, SYS_MOUNT_SETATTR = 428, 429, 442  # the same on every Linux architecture
OPEN_TREE_CLONE, MOVE_MOUNT_F_EMPTY_PATH = 0x1, 0x4
SCRATCH = "/tmp"
FAULT_VARIABLE = "AUTOGRADE_JAIL_FAULT"  # set (by the tests): enter() fails as a kernel refusing mounts would

_libc = ctypes.CDLL(None, use_errno=True)


class JailUnavailable(OSError):
    """The kernel would not create the namespaces (the reason is in the message)."""


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _call(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise JailUnavailable(errno, f"{what}: {os.strerror(errno)}")


def _write(path: str, text: str) -> None:
    with open(path, "w") as out:
        out.write(text)


def _map_self(uid: int, gid: int) -> None:
    _write("/proc/self/setgroups", "deny")
    _write("/proc/self/uid_map", f"0 {uid} 1")
    _write("/proc/self/gid_map", f"0 {gid} 1")


def _make_readonly(path: str) -> None:
    """Every mount at and below ``path`` becomes read-only (in this mount namespace)."""
    attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
    _call(_libc.syscall(SYS_MOUNT_SETATTR, AT_FDCWD, path.encode(), AT_RECURSIVE, ctypes.byref(attr),
                        ctypes.sizeof(attr)), f"mount_setattr {path}")


def _mount_tmpfs(target: str, options: str, flags: int) -> None:
    _call(_libc.mount(b"tmpfs", target.encode(), b"tmpfs", ctypes.c_ulong(flags), options.encode()),
          f"mount tmpfs on {target}")


def _under(path: Path, folder: str) -> bool:
    return path == Path(folder) or Path(folder) in path.parents


def _kept_in_scratch(visible: list[Path]) -> list[Path]:
    """Folders under /tmp the worker still needs once /tmp is replaced: the interpreter, the
    installed packages and the project (a clone in /tmp, as CI makes)."""
    import sys

    wanted = [Path(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix, *sys.path, *visible) if p]
    wanted = sorted({p.resolve() for p in wanted if p.is_dir() and _under(p.resolve(), SCRATCH)})
    return [p for p in wanted if not any(other != p and other in p.parents for other in wanted)]


# clone(2) with no new stack behaves as fork(2); its number differs between architectures.
SYS_CLONE = {"x86_64": 56, "aarch64": 220}.get(os.uname().machine)


def spawn() -> tuple[int, tuple[int, int] | None]:
    """Fork, the child starting in new user, mount, network and PID namespaces (it is PID 1 of
    its own).  Returns the child's pid (0 in the child) and, in the child, the user and group
    ids to give ``enter()`` (None if the child ended up outside the jail: see below).

    In a single-threaded process the child is made by one clone system call, so Python's
    after-fork handlers do not run in it.  That is not safe with other threads running, nor
    possible where the call's number is not known here: then the process first forks (Python's
    way), and that child clones the jail (or unshares and forks, which needs no call number),
    then only waits and ends as the jail's worker did.  The worker must run single-threaded code
    that sets up the jail, then fork (with ``os.fork``) the processes that run anything else.
    """
    ids = os.getuid(), os.getgid()  # in the child they read as "nobody" until mapped
    if SYS_CLONE is not None and len(os.listdir("/proc/self/task")) == 1:
        return _clone(), ids
    pid = os.fork()
    if pid != 0:
        return pid, ids
    try:  # the forked process: one thread now
        inner = _clone() if SYS_CLONE is not None else _unshare_and_fork()
    except JailUnavailable:
        return 0, None  # the caller's documented fallback, in this process
    if inner == 0:
        return 0, ids
    die_with_parent()
    while True:
        try:
            _, status = os.waitpid(inner, 0)
            break
        except InterruptedError:
            continue
    _end_like(status)


_NEW_NAMESPACES = CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID


def _clone() -> int:
    pid = _libc.syscall(SYS_CLONE, _NEW_NAMESPACES | SIGCHLD, 0, 0, 0, 0)
    if pid < 0:
        _call(-1, "clone into new namespaces")
    return pid


def _unshare_and_fork() -> int:
    """This process joins the new user, mount and network namespaces; its child is the PID
    namespace's first process."""
    _call(_libc.unshare(_NEW_NAMESPACES), "unshare")
    return os.fork()


def _end_like(status: int) -> None:
    """End this process the way the process whose wait ``status`` this is ended, so that our
    parent can tell how the jail's worker died."""
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 70)


def enter(*, ids: tuple[int, int], hidden: list[Path], visible: list[Path] = (), scratch_mb: int = 64) -> None:
    """Step 1, in the child of ``spawn()``: map its user, then the mounts above.

    ``hidden``: folders (covered by an empty tmpfs) and files (covered by /dev/null: an attempts
    store that lies beside the project).  ``visible``: folders that must stay readable even when
    they lie under /tmp (the project).
    """
    fault = os.environ.get(FAULT_VARIABLE)
    if fault:  # the tests' stand-in for a kernel that refuses mounts
        raise JailUnavailable(1, f"mount refused ({FAULT_VARIABLE}={fault})")
    _map_self(*ids)
    _call(_libc.mount(b"none", b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None), "make / private")
    _make_readonly("/")
    for path in map(Path, hidden):
        if path.is_dir():
            _mount_tmpfs(str(path), "size=4k,mode=0555", MS_NOSUID | MS_NODEV | MS_NOEXEC)
        elif path.exists():
            _call(_libc.mount(b"/dev/null", str(path).encode(), None, ctypes.c_ulong(MS_BIND), None),
                  f"cover {path}")
    kept = _kept_in_scratch(list(visible))
    trees = [_libc.syscall(SYS_OPEN_TREE, AT_FDCWD, str(p).encode(), OPEN_TREE_CLONE | AT_RECURSIVE | os.O_CLOEXEC)
             for p in kept]  # detached copies (with their hidden and read-only mounts) to put back
    if any(fd < 0 for fd in trees):
        _call(-1, "open_tree")
    _mount_tmpfs(SCRATCH, f"size={scratch_mb}m,mode=1777", MS_NOSUID | MS_NODEV)
    for path, fd in zip(kept, trees):
        path.mkdir(parents=True, exist_ok=True)
        _call(_libc.syscall(SYS_MOVE_MOUNT, fd, b"", AT_FDCWD, str(path).encode(), MOVE_MOUNT_F_EMPTY_PATH),
              f"move_mount {path}")
        os.close(fd)
    if Path("/dev/shm").is_dir():
        _mount_tmpfs("/dev/shm", "size=16m,mode=1777", MS_NOSUID | MS_NODEV)


def seal() -> None:
    """Step 2: a /proc that shows only this PID namespace, then a nested user + mount namespace in
    which every mount above is locked."""
    _call(_libc.mount(b"proc", b"/proc", b"proc", ctypes.c_ulong(MS_NOSUID | MS_NODEV | MS_NOEXEC), None),
          "mount /proc")
    _call(_libc.unshare(CLONE_NEWUSER | CLONE_NEWNS), "unshare (nested)")
    _map_self(0, 0)
    os.chdir(SCRATCH)


PR_SET_PDEATHSIG = 1
PR_SET_CHILD_SUBREAPER = 36


def become_subreaper() -> None:
    """Orphaned descendants (a learner's daemonised process) are re-parented to this process."""
    _libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def die_with_parent() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (so nothing outlives the grader)."""
    _libc.prctl(PR_SET_PDEATHSIG, 9, 0, 0, 0)


_linked: set[tuple[str, str]] = set()  # (working folder, workdir) this process has linked


def link_files_beside(workdir: Path | None) -> None:
    """In a jailed process, whose working folder is its private scratch: a link there to each
    file of ``workdir`` (read-only in the jail: pass it as ``visible``), so that
    ``open("vitals.csv")`` finds the file beside the learner's notebook, as in Jupyter, while new
    files are still written to scratch."""
    if workdir is None or (os.getcwd(), str(workdir)) in _linked or Path.cwd().resolve() == workdir.resolve():
        return
    _linked.add((os.getcwd(), str(workdir)))  # once a process: its tests share the working folder
    try:
        entries = list(workdir.iterdir())[:1000]
    except OSError:
        return
    for entry in entries:
        link = Path.cwd() / entry.name
        if not link.exists() and not link.is_symlink():
            try:
                link.symlink_to(entry)
            except OSError:
                pass
