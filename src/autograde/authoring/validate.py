"""Prove a unit's graders, in one grading session: the solution gets full marks; the stub scores 0
with every test "not attempted"; code that does nothing scores 0; a course-style reference, where
the unit has one, gets full marks; every hand-written mutant loses a point; and the committed
mutation report (``mutate``) is current and at 100 %, which a few of its automatic mutants, drawn
at random now, confirm.  ``make test`` re-grades a random few of the hand-written mutants too and
trusts the report for the rest (it records where each lost its point); ``autograde validate``
grades every one of them.

Do-nothing code is the stub with every ``raise NotImplementedError`` turned into ``return None``,
``return <its first argument>`` or ``return 0``: a test of a side property ("leaves its input
unchanged") or of a None answer must also require a real answer, or it gives points for nothing.

Hand-written mutants live in ``tests/mutants/<unit>/mutants.toml`` (``mutate.HandWritten``): each
names a file of the reference solution, a snippet that occurs in it exactly once, and what to put
there instead.  A course-style reference (AI for Medicine units) lives in
``tests/course_style/<unit>/``: the same modules written as the course's own code would be, which
must keep full marks.
"""

from __future__ import annotations

import ast
import os
import random
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograde.authoring import mutate
from autograde.curriculum import project_root
from autograde.engine import grading

SAMPLED_MUTANTS = 3  # mutants of each kind that make test re-grades per unit and run
SEED_VARIABLE = "AUTOGRADE_MUTANT_SEED"  # set it to draw the same sample again


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


DO_NOTHING = {"None": lambda first: "None", "the first argument": lambda first: first or "None", "0": lambda first: "0"}


def _do_nothing_source(source: str, answer) -> str:
    """``source`` with each ``raise NotImplementedError...`` statement replaced by ``return <answer>``,
    where ``answer(first)`` is given the enclosing function's first argument (after self/cls)."""
    return _stubs_replaced(source, lambda first: f"return {answer(first)}")


def _stubs_replaced(source: str, statement) -> str:
    """``source`` with each ``raise NotImplementedError...`` statement replaced by ``statement(first)``
    (one line), given the enclosing function's first argument (after self/cls)."""
    lines = source.splitlines(keepends=True)
    edits = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        names = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
        first = next((n for n in names if n not in ("self", "cls")), None)
        for node in ast.walk(function):
            if isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc):
                edits.append((node, statement(first)))
    for node, text in sorted(edits, key=lambda e: (e[0].lineno, e[0].col_offset), reverse=True):
        start, end = node.lineno - 1, node.end_lineno - 1
        head, tail = lines[start][: node.col_offset], lines[end][node.end_col_offset:]
        lines[start: end + 1] = [head + text + tail]
    return "".join(lines)


def build_do_nothing(stub: Path, into: Path, answer: str = "None") -> Path:
    """Copy the stub into ``into`` with every ``raise NotImplementedError`` a ``return`` of ``answer``
    (a key of ``DO_NOTHING``)."""
    return _stub_variant(stub, into / f"do-nothing-{answer.replace(' ', '-')}",
                         lambda first: f"return {DO_NOTHING[answer](first)}")


def build_looping(stub: Path, into: Path) -> Path:
    """Copy the stub into ``into`` with every ``raise NotImplementedError`` a loop that never ends
    (``make bench``'s worst case for how long a check takes)."""
    return _stub_variant(stub, into / "loops", lambda first: "while True: pass")


def _stub_variant(stub: Path, target: Path, statement) -> Path:
    shutil.copytree(stub, target, ignore=shutil.ignore_patterns("__pycache__", "*.md"))
    for path in target.glob("*.py"):
        path.write_text(_stubs_replaced(path.read_text(encoding="utf-8"), statement), encoding="utf-8")
    return target


def _quick_kill(row: dict) -> bool:
    """Killed, and not by running out of time: re-grading a mutant that loops costs its test's
    whole limit, and what makes it loop does not depend on how the graders judge its answers."""
    return row["killed_by"] is not None and not row["killed_by"].endswith("(timeout)")


def _sample(mutants: list[mutate.Mutant], report: dict | None, seed: int) -> list[mutate.Mutant]:
    """A few automatic mutants the committed report says are killed (not by a timeout), drawn with ``seed``."""
    killed = {m["id"] for m in (report or {}).get("mutants", []) if _quick_kill(m)}
    candidates = [m for m in mutants if m.id in killed]
    return random.Random(seed).sample(candidates, min(SAMPLED_MUTANTS, len(candidates)))


def _sampled_automatic(unit, root: Path, report: dict, seed: int) -> list[mutate.Mutant] | None:
    """The automatic mutants ``_sample`` would draw, made from the report's ids and lines alone;
    None where that cannot be trusted (a stale report, a repeated change, an id not made again)."""
    if not report or report.get("fingerprint") != mutate.fingerprint(unit, root):
        return None
    killed = [m for m in report["mutants"] if _quick_kill(m)]
    chosen = random.Random(seed).sample(killed, min(SAMPLED_MUTANTS, len(killed)))
    near: dict[str, set[int]] = {}
    for row in chosen:
        near.setdefault(row["id"].split(":")[0], set()).add(row["line"])
    made = {m.id: m for m in mutate.generate(unit, root, near=near)}
    found = [made.get(row["id"]) for row in chosen]
    if any(m is None or m.line != row["line"] or "-" in m.id.split(":")[1] for m, row in zip(found, chosen)):
        return None
    return found


def validate_unit(unit_id: str, *, root: Path | None = None, min_mutants: int = 3,
                  sampled: bool = False) -> Validation:
    """Prove the unit's graders (see the module's docstring).  ``sampled`` (``make test``, which
    must stay fast at 200 units): re-grade only a random few hand-written mutants and trust the
    committed report for the rest, and, where the report is current, make only the automatic
    mutants drawn; otherwise every hand-written mutant is graded and every automatic one made."""
    root = root or project_root()
    unit = grading.resolve_unit(unit_id, root)
    result = Validation(unit.id)
    hand_written = mutate.load_hand_written(unit, root)
    if len(hand_written) < min_mutants:
        result.problems.append(f"{len(hand_written)} mutant(s) in {unit.folder('mutants', root)}; "
                               f"at least {min_mutants} needed")
    seed = int(os.environ.get(SEED_VARIABLE) or random.SystemRandom().randrange(2**32))
    report = mutate.load_report(unit, root) or {}
    automatic = _sampled_automatic(unit, root, report, seed) if sampled else None
    if automatic is None:
        automatic = mutate.generate(unit, root)
        result.problems += mutate.report_problems(unit, root, automatic)
        drawn = _sample(automatic, report, seed)
    else:
        result.problems += mutate.report_problems(unit, root, None)
        drawn = automatic
    if sampled:
        slow = {m["name"] for m in (report.get("hand_written") or {}).get("mutants", [])
                if m["killed_by"] is not None and not _quick_kill(m)}
        quick = [m for m in hand_written if m.name not in slow]
        hand_written = random.Random(seed).sample(quick, min(SAMPLED_MUTANTS, len(quick)))
    course = unit.folder("course_style", root)
    solution = unit.folder("solutions", root)

    with tempfile.TemporaryDirectory(prefix="autograde-mutants-") as scratch:
        built: list[tuple[mutate.HandWritten, Path, str | None]] = []
        for mutant in hand_written:
            try:
                built.append((mutant, *mutate.build_hand_written(mutant, solution, Path(scratch))))
            except ValueError as exc:
                result.problems.append(str(exc))
        idle = [build_do_nothing(unit.folder("exercises", root), Path(scratch), answer) for answer in DO_NOTHING]
        references = [solution, *([course] if course.is_dir() else [])]
        wrong = [*(f for _, f, _ in built), *(mutate.build(m, solution, Path(scratch)) for m in drawn)]
        folders = [*references, unit.folder("exercises", root), *idle, *wrong]
        # A mutant stops at its first lost point: it tries first the tests of the function it
        # changes, or, for an automatic one, the test that killed it in the report.
        killer = {m["id"]: m["killed_by"].split(" (")[0] for m in report.get("mutants", []) if m["killed_by"]}
        clues = [[name] if name else [] for _, _, name in built] + [[killer[m.id]] for m in drawn]
        # The stub, the do-nothing code and the mutants are the project's own code: their passes
        # need no re-check by the verifier (the references' do, to prove the unit's tests replay).
        first_wrong = len(folders) - len(wrong)
        reports = grading.grade_many(unit.id, submissions=folders, root=root,
                                     unverified=list(range(len(references), first_wrong)),
                                     first_loss=list(range(first_wrong, len(folders))),
                                     try_first=dict(zip(range(first_wrong, len(folders)), clues)))

    labels = ["solution", *(["course-style reference"] if course.is_dir() else []), "stub",
              *(f"do-nothing ({answer})" for answer in DO_NOTHING),
              *(f"mutant {m.name}" for m, _, _ in built), *(f"automatic mutant {m.id}" for m in drawn)]
    for index, (label, graded) in enumerate(zip(labels, reports)):
        if index < first_wrong:  # graded in full: its score
            result.lines.append(f"{label}: {graded.score:g} / {graded.max_score:g}")
            continue
        lost = mutate.first_loss(graded)
        result.lines.append(f"{label}: " + (f"loses a point at {lost}" if lost else "full marks"))
    for label, graded in zip(labels[:len(references)], reports):
        if not graded.full_marks:
            missed = [f"{t.name} ({t.status}: {t.message})" for t in graded.tests if not t.passed]
            result.problems.insert(0, f"the {label} does not get full marks: {'; '.join(missed)}")
    stub = reports[len(references)]
    attempted = [f"{t.name} ({t.status})" for t in stub.tests if t.status != "not_attempted"]
    if stub.score != 0 or attempted:
        result.problems.append(f"the stub must score 0 with every test not attempted; these were not: {attempted}")
    for answer, graded in zip(DO_NOTHING, reports[len(references) + 1:]):
        if graded.score != 0:
            given = [t.name for t in graded.tests if t.passed]
            result.problems.append(f"code that does nothing (every function returns {answer}) earns points in: {given}")
    for (mutant, _, _), graded in zip(built, reports[first_wrong:]):
        if graded.full_marks:
            result.problems.append(f"mutant {mutant.name} gets full marks: the graders miss this mistake"
                                   + (f" (sample seed {seed}: {SEED_VARIABLE}={seed} draws it again)" if sampled else ""))
    for mutant, graded in zip(drawn, reports[len(folders) - len(drawn):]):
        if graded.full_marks:
            result.problems.append(f"automatic mutant {mutant.id}, killed in the committed report, now gets full "
                                   f"marks (sample seed {seed}: {SEED_VARIABLE}={seed} draws it again)")
    return result
