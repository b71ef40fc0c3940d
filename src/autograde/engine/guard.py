"""Defence in depth for the trusted verifier: while it decodes and re-checks a learner's values,
running code or touching the machine is refused.

The codec builds objects only from values it checked, so no learner string should ever become
code (see ``codec``).  If a future hole let one through anyway, this audit hook
(``sys.addaudithook``) turns it into an error *and* a recorded violation, so the re-check fails
and the test is ``tampered`` instead of the learner escaping.  Once ``install()`` ran (in the
verifier's own process: a hook cannot be removed), every ``armed()`` block refuses:

- ``exec`` / ``compile`` of code that is not read from an installed file (a module being
  imported, or the project's own graders and solution), except the few library routines that
  generate code from their own templates and names they validated (``CODEGEN_ALLOWED``) and
  a ``codegen_allowed()`` block (a grader's lambdify of its own, sanitised expression);
- starting programs (``os.system``, ``subprocess.Popen``, ``os.exec*``, ``os.spawn*``,
  ``os.posix_spawn``, ``os.fork``), ``ctypes``, unpickling (``pickle.find_class``), building
  code or function objects by hand, ``marshal`` outside an import;
- network connections (``socket.connect``, ``socket.bind``, ``socket.sendto``);
- opening a file for writing, and removing, renaming, creating, linking or changing files,
  and signalling processes.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Any, Iterator

# Library routines that build code from their own templates and validated names (never from
# values), or only parse (ast.parse: a syntax tree, which runs nothing; compiling that tree is
# refused like any other code): (the file's path ending, the function's name), each allowed only
# as the direct caller of exec / compile.
CODEGEN_ALLOWED = (
    ("/ast.py", "parse"),
    ("collections/__init__.py", "namedtuple"),  # validates every field name as an identifier
    ("dataclasses.py", "_create_fn"),  # class definitions: trusted source
    ("scipy/stats/_distn_infrastructure.py", "_construct_argparser"),  # a distribution's own signature
    ("scipy/stats/_distn_infrastructure.py", "_construct_doc"),
    ("sympy/polys/monomials.py", "_build"),  # monomial arithmetic for a ring of n variables (n: an int)
)

_REFUSED_EVENTS = (
    "os.system", "subprocess.Popen", "os.exec", "os.spawn", "os.posix_spawn", "os.fork", "os.forkpty",
    "pickle.find_class", "code.__new__", "function.__new__",
    "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
    "os.remove", "os.rmdir", "os.rename", "os.mkdir", "os.link", "os.symlink", "os.truncate",
    "os.chmod", "os.chown", "os.utime", "shutil.rmtree", "shutil.copyfile", "shutil.move",
    "os.kill", "os.killpg", "signal.pthread_kill",
)
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC


class Refused(RuntimeError):
    """Raised inside the verifier by an operation the guard refuses while armed."""


class _State:
    installed = False
    armed = False
    codegen = False
    in_hook = False
    trusted_roots: tuple[str, ...] = ()
    violations: list[str] = []


_state = _State()


def install(trusted_roots: list[Path] = ()) -> None:
    """Add the audit hook to this process (once; it stays for the process's life).

    ``trusted_roots``: folders whose files may be compiled and run while armed (the project's
    graders and solutions); the interpreter's own prefixes are always trusted."""
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(__file__).resolve().parent)}
    roots.update(str(Path(r).resolve()) for r in trusted_roots)
    _state.trusted_roots = tuple(sorted(r.rstrip("/") + "/" for r in roots))
    if not _state.installed:
        sys.addaudithook(_hook)
        _state.installed = True


@contextlib.contextmanager
def armed() -> Iterator[list[str]]:
    """Refuse code execution and side effects inside this block; yields the violations seen."""
    _state.violations = []
    _state.armed, _state.codegen = True, False
    try:
        yield _state.violations
    finally:
        _state.armed = False


@contextlib.contextmanager
def codegen_allowed() -> Iterator[None]:
    """Let trusted code generate code in this block (``checks.numeric_function`` only, after it
    checked that every name in the expression is a plain identifier)."""
    before, _state.codegen = _state.codegen, True
    try:
        yield
    finally:
        _state.codegen = before


def _trusted_file(filename: Any) -> bool:
    if isinstance(filename, bytes):
        filename = os.fsdecode(filename)
    if not isinstance(filename, str) or not filename.startswith("/"):
        return False
    return filename.startswith(_state.trusted_roots) and os.path.isfile(filename)


def _caller_allowed(frame: Any) -> bool:
    """Code generation that a listed library routine asks for directly (``frame``: the caller of
    exec / compile), or that happens while a module is being imported."""
    code = frame.f_code
    if any(code.co_name == name and code.co_filename.endswith(path) for path, name in CODEGEN_ALLOWED):
        return True
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            return True
        frame = frame.f_back
    return False


def _refusal(event: str, args: tuple, caller: Any) -> str | None:
    """Why ``event`` (asked for by the frame ``caller``) is refused while armed, or None."""
    if event in ("exec", "compile"):
        if _state.codegen:
            return None
        source = args[0].co_filename if event == "exec" and hasattr(args[0], "co_filename") else \
            (args[1] if event == "compile" and len(args) > 1 else None)
        if _trusted_file(source) or _caller_allowed(caller):
            return None
        return f"{event} of code not read from an installed file ({source!r})"
    if event == "open":
        path, mode, flags = (tuple(args) + (None, None, None))[:3]
        writing = any(c in (mode or "") for c in "wax+") if isinstance(mode, str) else \
            isinstance(flags, int) and bool(flags & _WRITE_FLAGS)
        return f"opening {path!r} for writing" if writing else None
    if event.startswith("marshal."):  # how an import reads a cached module; code from bytes otherwise
        return None if _caller_allowed(caller) else event
    if event.startswith("ctypes.") or event.startswith(_REFUSED_EVENTS):
        return event
    return None


def _site(frame: Any, depth: int = 3) -> str:
    """The nearest ``depth`` callers, innermost first: ``ast.py:50 < source.py:152 < ...``."""
    sites = []
    while frame is not None and len(sites) < depth:
        sites.append(f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno}")
        frame = frame.f_back
    return " < ".join(sites)


def _hook(event: str, args: tuple) -> None:
    if not _state.armed or _state.in_hook:
        return
    _state.in_hook = True
    try:
        why = _refusal(event, args, sys._getframe(1))
    finally:
        _state.in_hook = False
    if why is not None:
        why += f" (asked for at {_site(sys._getframe(1))})"  # what a grader's author needs to see
        _state.violations.append(why)
        raise Refused(f"the trusted re-check refused {why}")
