"""The learner's own copy of each unit: ``work/<unit>/`` under the project (git-ignored), or under
``$AUTOGRADE_WORKSPACE``.  ``exercises/`` is the curriculum, pulled with git and never edited:
``check``, ``hint`` and ``solution`` grade the workspace, which ``ensure`` makes from the unit's
pristine stub on first use.

Inside ``work/<unit>/``, besides the learner's files: ``.autograde/stub/`` keeps the stub as it was
when the workspace was made, so a stub changed upstream since then is told (``changed_upstream``)
and shown (``diff``); ``.autograde/backup/<time>/`` keeps what ``reset`` replaced.

A learner who edited ``exercises/<unit>/`` under the old layout keeps every line: the first use
takes their edited files into the workspace and gives ``exercises/`` back its committed version.
"""

from __future__ import annotations

import ast
import difflib
import os
import shutil
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from autograde.curriculum import Unit, project_root
from autograde.errors import UsageError

VARIABLE = "AUTOGRADE_WORKSPACE"
KEPT = ".autograde"  # the workspace's own records, beside the learner's files


def base(root: Path | None = None) -> Path:
    chosen = os.environ.get(VARIABLE)
    return Path(chosen).expanduser().resolve() if chosen else (root or project_root()) / "work"


def folder(unit: Unit, root: Path | None = None) -> Path:
    return base(root) / unit.id


def _stub_files(unit: Unit, root: Path) -> list[Path]:
    stub = unit.folder("exercises", root)
    return sorted(p for p in stub.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _committed(root: Path, path: Path) -> bytes | None:
    """``path``'s content in the project's last commit (None without git, or where it is not tracked)."""
    try:
        done = subprocess.run(["git", "-C", str(root), "show", f"HEAD:{path.relative_to(root).as_posix()}"],
                              capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 else None


def ensure(unit: Unit, root: Path | None = None) -> tuple[Path, list[str]]:
    """The unit's workspace, made now if missing; and what making it did that the learner should
    know (files of ``exercises/`` they had edited, taken in and restored there)."""
    root = root or project_root()
    target = folder(unit, root)
    if target.is_dir():
        return target, []
    stub, notes = unit.folder("exercises", root), []
    made = target.with_name(f".{unit.id}.making")
    shutil.rmtree(made, ignore_errors=True)
    for path in _stub_files(unit, root):
        relative = path.relative_to(stub)
        pristine = _committed(root, path)
        mine = path.read_bytes()
        (made / relative).parent.mkdir(parents=True, exist_ok=True)
        (made / KEPT / "stub" / relative).parent.mkdir(parents=True, exist_ok=True)
        (made / relative).write_bytes(mine)
        (made / KEPT / "stub" / relative).write_bytes(pristine if pristine is not None else mine)
        if pristine is not None and pristine != mine:  # edited in place under the old layout
            path.write_bytes(pristine)
            notes.append(f"your edits of {path.relative_to(root)} are now in {target / relative}; "
                         f"exercises/ is back to the curriculum's version")
    made.rename(target)
    return target, notes


def changed_upstream(unit: Unit, root: Path | None = None) -> list[str]:
    """The stub's files that changed (or appeared) since the workspace was made."""
    root = root or project_root()
    kept, stub = folder(unit, root) / KEPT / "stub", unit.folder("exercises", root)
    if not kept.is_dir():
        return []
    return [str(p.relative_to(stub)) for p in _stub_files(unit, root)
            if not (kept / p.relative_to(stub)).is_file() or (kept / p.relative_to(stub)).read_bytes() != p.read_bytes()]


def diff(unit: Unit, root: Path | None = None) -> str:
    """How the stub changed since the workspace was made, as a unified diff ("" where it did not)."""
    root = root or project_root()
    kept, stub = folder(unit, root) / KEPT / "stub", unit.folder("exercises", root)
    parts = []
    for name in changed_upstream(unit, root):
        before = (kept / name).read_text(encoding="utf-8").splitlines(keepends=True) if (kept / name).is_file() else []
        after = (stub / name).read_text(encoding="utf-8").splitlines(keepends=True)
        parts.append("".join(difflib.unified_diff(before, after, f"when you started: {name}", f"now: {name}")))
    return "".join(parts)


def reset(unit: Unit, root: Path | None = None, function: str | None = None) -> Path:
    """Put the stub back: the whole unit, or only the top-level ``function`` in the file that has
    it.  What is replaced is kept first; returns the backup's folder.  The kept stub is brought
    up to date too, as the learner now starts from the current one."""
    root = root or project_root()
    target, _ = ensure(unit, root)
    stub = unit.folder("exercises", root)
    backup = target / KEPT / "backup" / datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    if function is None:
        for path in _stub_files(unit, root):
            relative = path.relative_to(stub)
            _keep(target / relative, backup / relative)
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / relative)
            (target / KEPT / "stub" / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / KEPT / "stub" / relative)
        return backup
    for path in _stub_files(unit, root):
        if path.suffix != ".py" or _span(path.read_text(encoding="utf-8"), function) is None:
            continue
        relative = path.relative_to(stub)
        mine = target / relative
        _keep(mine, backup / relative)
        fresh = path.read_text(encoding="utf-8")
        start, end = _span(fresh, function)
        definition = "".join(fresh.splitlines(keepends=True)[start:end])
        text = mine.read_text(encoding="utf-8") if mine.is_file() else ""
        try:
            found = _span(text, function)
        except SyntaxError:
            raise UsageError(f"{mine} does not parse, so {function} cannot be found in it: "
                             f"fix it, or reset the whole unit with `autograde reset {unit.id}`") from None
        lines = text.splitlines(keepends=True)
        if found is None:
            lines += ["\n", "\n", definition]
        else:
            lines[found[0]:found[1]] = [definition]
        mine.write_text("".join(lines), encoding="utf-8")
        return backup
    raise UsageError(f"{unit.id} has no exercise function named {function}")


def _span(source: str, name: str) -> tuple[int, int] | None:
    """The lines (start, end: 0-based, end excluded) of the top-level function ``name``, decorators included."""
    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return first - 1, node.end_lineno
    return None


def _keep(path: Path, into: Path) -> None:
    if path.is_file():
        into.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, into)
