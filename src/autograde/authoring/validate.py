"""Prove a unit's graders: solution = full marks, stub = 0 and all "not attempted", do-nothing
code = 0, every mutant < full.

The do-nothing submission is the stub with every ``raise NotImplementedError`` turned into
``return None``: a test of a side property ("leaves its input unchanged") or of a None answer
must also require a real answer, or it gives points for nothing.

Mutants live in ``tests/mutants/<unit>/mutants.toml``: each one names a file of the reference
solution, a snippet that occurs in it exactly once, and what to put there instead.  A mutant
is built by copying the solution to a temporary folder and making that one substitution.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from autograde.engine import grading
from autograde.curriculum import Unit, project_root


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    replace: str
    with_: str


@dataclass
class Validation:
    unit: str
    problems: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # what was graded and how it scored

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict:
        return {"unit": self.unit, "ok": self.ok, "problems": self.problems, "checked": self.lines}


def load_mutants(unit: Unit, root: Path) -> list[Mutant]:
    path = unit.folder("mutants", root) / "mutants.toml"
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Mutant(m["name"], m["file"], m["replace"], m["with"]) for m in data.get("mutant", [])]


def build_mutant(mutant: Mutant, solution: Path, into: Path) -> Path:
    """Copy ``solution`` into ``into/<mutant name>`` with the mutant's one substitution applied."""
    target = into / mutant.name
    shutil.copytree(solution, target, ignore=shutil.ignore_patterns("__pycache__"))
    source = target / mutant.file
    text = source.read_text(encoding="utf-8")
    count = text.count(mutant.replace)
    if count != 1:
        raise ValueError(f"mutant {mutant.name}: the snippet to replace occurs {count} times in {mutant.file}, not once")
    source.write_text(text.replace(mutant.replace, mutant.with_), encoding="utf-8")
    return target


_NOT_IMPLEMENTED = re.compile(r"raise NotImplementedError\b(\([^)]*\))?")


def build_do_nothing(stub: Path, into: Path) -> Path:
    """Copy the stub into ``into/do-nothing`` with every ``raise NotImplementedError`` a ``return None``."""
    target = into / "do-nothing"
    shutil.copytree(stub, target, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    for path in target.glob("*.py"):
        path.write_text(_NOT_IMPLEMENTED.sub("return None", path.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def validate_unit(unit_id: str, *, root: Path | None = None, min_mutants: int = 3) -> Validation:
    root = root or project_root()
    unit = grading.resolve_unit(unit_id, root)
    result = Validation(unit.id)
    mutants = load_mutants(unit, root)
    if len(mutants) < min_mutants:
        result.problems.append(f"{len(mutants)} mutant(s) in {unit.folder('mutants', root)}; at least {min_mutants} needed")

    with tempfile.TemporaryDirectory(prefix="autograde-mutants-") as scratch:
        built: list[tuple[Mutant, Path]] = []
        for mutant in mutants:
            try:
                built.append((mutant, build_mutant(mutant, unit.folder("solutions", root), Path(scratch))))
            except ValueError as exc:
                result.problems.append(str(exc))
        do_nothing = build_do_nothing(unit.folder("exercises", root), Path(scratch))
        folders = [unit.folder("solutions", root), unit.folder("exercises", root), do_nothing] + [f for _, f in built]
        # The do-nothing code and the mutants are the project's own code: their passes need no
        # re-check by the verifier (the solution's do, to prove the unit's tests replay).
        solution, stub, idle, *mutant_reports = grading.grade_many(unit.id, submissions=folders, root=root,
                                                                  unverified=list(range(2, len(folders))))

    labels = ["solution", "stub", "do-nothing"] + [f"mutant {m.name}" for m, _ in built]
    for label, report in zip(labels, [solution, stub, idle, *mutant_reports]):
        result.lines.append(f"{label}: {report.score:g} / {report.max_score:g}")
    if not solution.full_marks:
        wrong = [f"{t.name} ({t.status}: {t.message})" for t in solution.tests if not t.passed]
        result.problems.insert(0, f"the solution does not get full marks: {'; '.join(wrong)}")
    attempted = [f"{t.name} ({t.status})" for t in stub.tests if t.status != "not_attempted"]
    if stub.score != 0 or attempted:
        result.problems.append(f"the stub must score 0 with every test not attempted; these were not: {attempted}")
    if idle.score != 0:
        given = [t.name for t in idle.tests if t.passed]
        result.problems.append(f"code that does nothing (every function returns None) earns points in: {given}")
    for (mutant, _), report in zip(built, mutant_reports):
        if report.full_marks:
            result.problems.append(f"mutant {mutant.name} gets full marks: the graders miss this mistake")
    return result
