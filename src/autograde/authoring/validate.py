"""Prove a unit's graders, in one grading session: the solution gets full marks; the stub scores 0
with every test "not attempted"; code that does nothing scores 0; a course-style reference, where
the unit has one, gets full marks; every hand-written mutant loses a point; and the committed
automatic mutation report (``mutate``) is current and at 100 %, which a few of its mutants, drawn
at random now, confirm.

Do-nothing code is the stub with every ``raise NotImplementedError`` turned into ``return None``,
``return <its first argument>`` or ``return 0``: a test of a side property ("leaves its input
unchanged") or of a None answer must also require a real answer, or it gives points for nothing.

Hand-written mutants live in ``tests/mutants/<unit>/mutants.toml``: each one names a file of the
reference solution, a snippet that occurs in it exactly once, and what to put there instead.
A course-style reference (AI for Medicine units) lives in ``tests/course_style/<unit>/``: the same
modules written as the course's own code would be, which must keep full marks.
"""

from __future__ import annotations

import ast
import os
import random
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from autograde.authoring import mutate
from autograde.curriculum import Unit, project_root
from autograde.engine import grading

SAMPLED_MUTANTS = 3  # automatic mutants re-graded per unit and run
SEED_VARIABLE = "AUTOGRADE_MUTANT_SEED"  # set it to draw the same sample again


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


DO_NOTHING = {"None": lambda first: "None", "the first argument": lambda first: first or "None", "0": lambda first: "0"}


def _do_nothing_source(source: str, answer) -> str:
    """``source`` with each ``raise NotImplementedError...`` statement replaced by ``return <answer>``,
    where ``answer(first)`` is given the enclosing function's first argument (after self/cls)."""
    lines = source.splitlines(keepends=True)
    edits = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        names = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
        first = next((n for n in names if n not in ("self", "cls")), None)
        for node in ast.walk(function):
            if isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc):
                edits.append((node, f"return {answer(first)}"))
    for node, text in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        start, end = node.lineno - 1, node.end_lineno - 1
        head, tail = lines[start][: node.col_offset], lines[end][node.end_col_offset:]
        lines[start: end + 1] = [head + text + tail]
    return "".join(lines)


def build_do_nothing(stub: Path, into: Path, answer: str = "None") -> Path:
    """Copy the stub into ``into`` with every ``raise NotImplementedError`` a ``return`` of ``answer``
    (a key of ``DO_NOTHING``)."""
    target = into / f"do-nothing-{answer.replace(' ', '-')}"
    shutil.copytree(stub, target, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    for path in target.glob("*.py"):
        path.write_text(_do_nothing_source(path.read_text(encoding="utf-8"), DO_NOTHING[answer]), encoding="utf-8")
    return target


def _sample(mutants: list[mutate.Mutant], report: dict | None, seed: int) -> list[mutate.Mutant]:
    """A few automatic mutants the committed report says are killed, drawn with ``seed``."""
    killed = {m["id"] for m in (report or {}).get("mutants", []) if m["killed_by"] is not None}
    candidates = [m for m in mutants if m.id in killed]
    return random.Random(seed).sample(candidates, min(SAMPLED_MUTANTS, len(candidates)))


def validate_unit(unit_id: str, *, root: Path | None = None, min_mutants: int = 3) -> Validation:
    root = root or project_root()
    unit = grading.resolve_unit(unit_id, root)
    result = Validation(unit.id)
    mutants = load_mutants(unit, root)
    if len(mutants) < min_mutants:
        result.problems.append(f"{len(mutants)} mutant(s) in {unit.folder('mutants', root)}; at least {min_mutants} needed")
    automatic = mutate.generate(unit, root)
    result.problems += mutate.report_problems(unit, root, automatic)
    seed = int(os.environ.get(SEED_VARIABLE) or random.SystemRandom().randrange(2**32))
    sampled = _sample(automatic, mutate.load_report(unit, root), seed)
    course = unit.folder("course_style", root)

    with tempfile.TemporaryDirectory(prefix="autograde-mutants-") as scratch:
        built: list[tuple[Mutant, Path]] = []
        for mutant in mutants:
            try:
                built.append((mutant, build_mutant(mutant, unit.folder("solutions", root), Path(scratch))))
            except ValueError as exc:
                result.problems.append(str(exc))
        idle = [build_do_nothing(unit.folder("exercises", root), Path(scratch), answer) for answer in DO_NOTHING]
        references = [unit.folder("solutions", root), *([course] if course.is_dir() else [])]
        wrong = [*(f for _, f in built), *(mutate.build(m, unit.folder("solutions", root), Path(scratch)) for m in sampled)]
        folders = [*references, unit.folder("exercises", root), *idle, *wrong]
        # The do-nothing code and the mutants are the project's own code: their passes need no
        # re-check by the verifier (the references' do, to prove the unit's tests replay).
        # A mutant only has to lose one point: its grading stops there.
        reports = grading.grade_many(unit.id, submissions=folders, root=root,
                                     unverified=list(range(len(references) + 1, len(references) + 1 + len(idle))),
                                     first_loss=list(range(len(folders) - len(wrong), len(folders))))

    labels = ["solution", *(["course-style reference"] if course.is_dir() else []), "stub",
              *(f"do-nothing ({answer})" for answer in DO_NOTHING),
              *(f"mutant {m.name}" for m, _ in built), *(f"automatic mutant {m.id}" for m in sampled)]
    for index, (label, report) in enumerate(zip(labels, reports)):
        if index < len(folders) - len(wrong):  # graded in full: its score
            result.lines.append(f"{label}: {report.score:g} / {report.max_score:g}")
            continue
        lost = next((f"{t.name} ({t.status})" for t in report.tests if not t.passed), None)
        result.lines.append(f"{label}: " + (f"loses a point at {lost}" if lost else "full marks"))
    for label, report in zip(labels[:len(references)], reports):
        if not report.full_marks:
            missed = [f"{t.name} ({t.status}: {t.message})" for t in report.tests if not t.passed]
            result.problems.insert(0, f"the {label} does not get full marks: {'; '.join(missed)}")
    stub = reports[len(references)]
    attempted = [f"{t.name} ({t.status})" for t in stub.tests if t.status != "not_attempted"]
    if stub.score != 0 or attempted:
        result.problems.append(f"the stub must score 0 with every test not attempted; these were not: {attempted}")
    for answer, report in zip(DO_NOTHING, reports[len(references) + 1:]):
        if report.score != 0:
            given = [t.name for t in report.tests if t.passed]
            result.problems.append(f"code that does nothing (every function returns {answer}) earns points in: {given}")
    for (mutant, _), report in zip(built, reports[len(folders) - len(wrong):]):
        if report.full_marks:
            result.problems.append(f"mutant {mutant.name} gets full marks: the graders miss this mistake")
    for mutant, report in zip(sampled, reports[len(folders) - len(sampled):]):
        if report.full_marks:
            result.problems.append(f"automatic mutant {mutant.id}, killed in the committed report, now gets full "
                                   f"marks (sample seed {seed}: {SEED_VARIABLE}={seed} draws it again)")
    return result
