"""Load a learner's (or the reference) modules from a directory, with errors a learner understands."""

from __future__ import annotations

import ast
import difflib
import importlib.abc
import importlib.util
import linecache
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any


class SubmissionError(Exception):
    """The submission cannot be used as it is: a missing file or name, or a module that fails to import.

    Graders never catch it; the test is reported as an ``error`` with this message.
    """


@dataclass(frozen=True)
class ProgramRun:
    """What a learner's script did when run as a program: plain data a grader can check."""

    stdout: str
    stderr: str
    returncode: int | None  # None when it was stopped for running too long
    timed_out: bool


PROGRAM_OUTPUT_CAP = 1024 * 1024


class Submission:
    """The modules of one unit as found in ``directory``, imported on first use.

    ``module_names`` are the modules the unit defines (the files of its reference solution);
    ``get(name)`` finds a function, class or constant in whichever of them defines it.
    The files are read once, up front (``sources``): the grading worker imports them from
    memory, because inside its jail the folder may not be visible at all.
    """

    def __init__(self, directory: Path, module_names: list[str], label: str = "submission",
                 sources: dict[str, str | None] | None = None, namespace: str = ""):
        self.directory = Path(directory)
        self.module_names = list(module_names)
        self.label = label
        self.sources = sources if sources is not None else read_sources(self.directory, self.module_names)
        self.namespace = namespace  # prefix in sys.modules: keeps the reference apart from the learner's modules
        self._modules: dict[str, ModuleType] = {}
        self._compiled: dict[str, Any] = {}  # code objects, shared with ``unimported()`` copies

    def unimported(self) -> "Submission":
        """The same files, none of their modules imported yet: the next use imports them anew."""
        for name in self.module_names:
            if getattr(sys.modules.get(self.namespace + name), "__file__", None) == str(self.directory / f"{name}.py"):
                del sys.modules[self.namespace + name]
        copy = Submission(self.directory, self.module_names, self.label, self.sources, self.namespace)
        copy._compiled = self._compiled  # compiling again would give the same code: only running it again matters
        return copy

    def module(self, name: str) -> ModuleType:
        if name not in self._modules:
            self._modules[name] = self._import(name)
        return self._modules[name]

    def import_all(self) -> None:
        """Import every module now (trusted code only: the reference, in the verifier)."""
        for name in self.module_names:
            try:
                self.module(name)
            except (SubmissionError, NotImplementedError):
                pass  # reported when a test uses it

    def get(self, name: str) -> Any:
        for module_name in self.module_names:
            module = self.module(module_name)
            if hasattr(module, name):
                return getattr(module, name)
        files = ", ".join(f"{m}.py" for m in self.module_names)
        defined = [n for m in self.module_names for n in vars(self.module(m)) if not n.startswith("_")]
        close = difflib.get_close_matches(name, defined, n=2, cutoff=0.7)
        also = f" (did you mean {' or '.join(f'`{c}`' for c in close)}?)" if close else ""
        raise SubmissionError(f"`{name}` is not defined in {files}{also}; keep the names the exercise gives")

    def source(self, name: str) -> str:
        """The text of ``<name>.py`` (for graders that inspect how something was written)."""
        text = self.sources.get(name)
        if text is None:
            raise SubmissionError(f"{name}.py is missing from the {self.label}")
        return text

    def run_program(self, name: str, *, stdin: str = "", args: tuple[str, ...] = (), timeout: float = 5.0) -> ProgramRun:
        """Run ``<name>.py`` as a script (``python <name>.py args``), typing ``stdin`` as a user would.

        It runs in a fresh scratch folder as a child of the current (sandboxed) process, so it
        inherits every limit of the test; its output is cut at 1 MiB.
        """
        source = self.source(name)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
        with tempfile.TemporaryDirectory(prefix="autograde-run-") as scratch:
            path = Path(scratch) / f"{name}.py"
            path.write_text(source, encoding="utf-8")
            try:
                done = subprocess.run(
                    [sys.executable, str(path), *args], input=stdin.encode(), capture_output=True,
                    cwd=scratch, env=env, timeout=timeout,
                )
            except subprocess.TimeoutExpired as expired:
                return ProgramRun(_text(expired.stdout), _text(expired.stderr), None, True)
        return ProgramRun(_text(done.stdout), _text(done.stderr), done.returncode, False)

    def _import(self, name: str) -> ModuleType:
        source = self.source(name)
        filename = str(self.directory / f"{name}.py")
        # Tracebacks and inspect.getsource read lines through linecache: give it the text we graded.
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        if self.namespace == "":
            _SiblingFinder.install(self)
        module = ModuleType(self.namespace + name)
        module.__file__ = filename
        sys.modules[self.namespace + name] = module
        try:
            if name not in self._compiled:
                self._compiled[name] = compile(source, filename, "exec", dont_inherit=True)
            code = self._compiled[name]
        except SyntaxError as exc:
            # The line itself, indentation kept, after " | ": the report draws it with a caret.
            code = (exc.text or "").rstrip("\n").expandtabs()[:120]
            where = f", column {exc.offset}: {exc.msg} | {code}" if exc.offset and code.strip() else f": {exc.msg}"
            raise SubmissionError(f"{name}.py has a syntax error on line {exc.lineno}{where}") from None
        except ValueError as exc:  # e.g. null bytes
            raise SubmissionError(f"{name}.py cannot be compiled: {exc}") from None
        try:
            exec(code, module.__dict__)
        except NotImplementedError:
            raise
        except Exception as exc:
            raise SubmissionError(
                f"{name}.py raised {type(exc).__name__} while being imported: {_first_line(exc)}"
            ) from exc
        return module


class _SiblingFinder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Lets a learner's modules import each other (``from helpers import f``) from memory."""

    def __init__(self, submission: Submission):
        self.submission = submission

    @classmethod
    def install(cls, submission: Submission) -> None:
        """Make ``submission`` the one whose modules can import each other (the latest wins)."""
        if not any(isinstance(f, cls) and f.submission is submission for f in sys.meta_path):
            sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, cls)]
            sys.meta_path.insert(0, cls(submission))

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.submission.module_names and self.submission.sources.get(fullname) is not None:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec):
        return self.submission.module(spec.name)

    def exec_module(self, module) -> None:
        pass


def read_sources(directory: Path, module_names: list[str]) -> dict[str, str | None]:
    """The text of each module file (None where the file is missing); undecodable bytes are replaced."""
    sources: dict[str, str | None] = {}
    for name in module_names:
        path = Path(directory) / f"{name}.py"
        try:
            sources[name] = path.read_bytes().decode("utf-8", errors="replace")
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            sources[name] = None
    return sources


def _text(data: bytes | None) -> str:
    return (data or b"")[:PROGRAM_OUTPUT_CAP].decode("utf-8", errors="replace")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else "(no message)"


def imported_modules_of(path: Path) -> set[str]:
    """Absolute module names the Python file ``path`` imports (relative imports are not followed)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def imported_modules(folder: Path) -> list[str]:
    """Absolute module names the .py files in ``folder`` import, except each other and __future__."""
    names = set().union(*(imported_modules_of(path) for path in Path(folder).glob("*.py")))
    local = {path.stem for path in Path(folder).glob("*.py")}
    return sorted(n for n in names if n.split(".")[0] not in local and n != "__future__")
