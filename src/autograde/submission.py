"""Load a learner's (or the reference) modules from a directory, with errors a learner understands."""

from __future__ import annotations

import ast
import importlib.util
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
    """

    def __init__(self, directory: Path, module_names: list[str], label: str = "submission"):
        self.directory = Path(directory)
        self.module_names = list(module_names)
        self.label = label
        self._modules: dict[str, ModuleType] = {}

    def module(self, name: str) -> ModuleType:
        if name not in self._modules:
            self._modules[name] = self._import(name)
        return self._modules[name]

    def get(self, name: str) -> Any:
        for module_name in self.module_names:
            module = self.module(module_name)
            if hasattr(module, name):
                return getattr(module, name)
        files = ", ".join(f"{m}.py" for m in self.module_names)
        raise SubmissionError(f"`{name}` is not defined in {files}; keep the names the exercise gives")

    def run_program(self, name: str, *, stdin: str = "", args: tuple[str, ...] = (), timeout: float = 5.0) -> ProgramRun:
        """Run ``<name>.py`` as a script (``python <name>.py args``), typing ``stdin`` as a user would.

        It runs in a fresh scratch folder as a child of the current (sandboxed) process, so it
        inherits every limit of the test; its output is cut at 1 MiB.
        """
        path = self.directory / f"{name}.py"
        if not path.is_file():
            raise SubmissionError(f"{path.name} is missing from the {self.label}")
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONIOENCODING": "utf-8", "LANG": "C.UTF-8"}
        with tempfile.TemporaryDirectory(prefix="autograde-run-") as scratch:
            try:
                done = subprocess.run(
                    [sys.executable, str(path), *args], input=stdin.encode(), capture_output=True,
                    cwd=scratch, env=env, timeout=timeout,
                )
            except subprocess.TimeoutExpired as expired:
                return ProgramRun(_text(expired.stdout), _text(expired.stderr), None, True)
        return ProgramRun(_text(done.stdout), _text(done.stderr), done.returncode, False)

    def _import(self, name: str) -> ModuleType:
        path = self.directory / f"{name}.py"
        if not path.is_file():
            raise SubmissionError(f"{path.name} is missing from the {self.label}")
        if str(self.directory) not in sys.path:
            sys.path.insert(0, str(self.directory))  # lets a unit's modules import each other
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except SyntaxError as exc:
            raise SubmissionError(f"{path.name} has a syntax error on line {exc.lineno}: {exc.msg}") from None
        except NotImplementedError:
            raise
        except Exception as exc:
            raise SubmissionError(
                f"{path.name} raised {type(exc).__name__} while being imported: {_first_line(exc)}"
            ) from exc
        return module


def _text(data: bytes | None) -> str:
    return (data or b"")[:PROGRAM_OUTPUT_CAP].decode("utf-8", errors="replace")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else "(no message)"


def imported_modules(folder: Path) -> list[str]:
    """Absolute module names the .py files in ``folder`` import, except each other and __future__."""
    names: set[str] = set()
    for path in Path(folder).glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
    local = {path.stem for path in Path(folder).glob("*.py")}
    return sorted(n for n in names if n.split(".")[0] not in local and n != "__future__")
