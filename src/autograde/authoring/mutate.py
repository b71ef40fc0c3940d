"""Automatic mutation testing: ``autograde mutate UNIT…``.

The mutants are small wrong versions of a unit's reference solution, made by mutmut's
operators (a kept library: arithmetic, comparison and boolean swaps, constants ±1, strings,
arguments removed or set to None, assignments set to None, keywords swapped), plus one rule of
ours that the unit standard asks for: every parameter with a default gets a mutant that ignores
its argument (``param = <default>`` as the function's first statement), so a grader must try
each keyword argument at a non-default value.  Exception messages are not mutated: no grader
reads their text.

Each mutant is graded as the project's own code (no verifier) and only until its first lost
point (``grade_many(first_loss=...)``).  A mutant that gets full marks survives: a grader must be
sharpened to kill it, or it is declared equivalent (it cannot change any result) with a reason
in ``tests/mutants/<unit>/equivalent.toml``::

    [[equivalent]]
    id = "lu_factorization.py:3f2a9c1d0e"
    reason = "np.eye(n) and np.eye(n, n) are the same matrix"

The result is committed as ``tests/mutants/<unit>/mutation.json`` with a fingerprint of what it
was computed from; ``validate`` (and so ``make test``) fails when the report is stale or below
100 %, and re-grades a few of its mutants, drawn at random at test time, to confirm the claim.
``docs/mutation.md`` holds the per-unit table, rewritten by every run.
"""

from __future__ import annotations

import ast
import concurrent.futures
import difflib
import hashlib
import importlib.metadata
import json
import shutil
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from autograde.curriculum import Unit, load, project_root
from autograde.engine import grading
from autograde.errors import UsageError

# Bump when the rules above change: every committed report then reads as stale.
RULES = "mutmut-operators+ignored-defaults+no-raise-messages/1"
REPORT = "mutation.json"
EQUIVALENTS = "equivalent.toml"
HAND_WRITTEN = "mutants.toml"
TABLE = Path("docs") / "mutation.md"
CHUNK = 24  # mutants per grading session: sessions run side by side, one per core


@dataclass(frozen=True)
class Mutant:
    id: str  # "<file>:<10 hex digits of the change>", stable while that line stays as it is
    file: str
    line: int
    was: str  # the changed line(s) of the solution, and what the mutant has there
    now: str
    source: str  # the whole mutated file


@dataclass(frozen=True)
class HandWritten:
    """A mutant an author wrote (``tests/mutants/<unit>/mutants.toml``): in ``file`` of the
    reference solution, the snippet ``replace`` (found there exactly once) becomes ``with_``."""
    name: str
    file: str
    replace: str
    with_: str


def generator() -> str:
    return f"mutmut {importlib.metadata.version('mutmut')}; {RULES}"


# --- generating ------------------------------------------------------------------------------


def _library_mutations(filename: str, code: str, lines: set[int] | None = None) -> Iterator[str]:
    """Each of mutmut's mutations, as the whole mutated file.  Only the top-level statement that
    holds the change is rebuilt and printed again: the rest of the file is printed once.
    ``lines``: only the mutations of the top-level statements that hold one of these lines."""
    import libcst as cst
    from mutmut.mutation.file_mutation import create_mutations

    module, mutations, _, _ = create_mutations(filename, code)
    owner: dict[int, int] = {}  # id of a node -> index of the top-level statement holding it

    class Owner(cst.CSTVisitor):
        def __init__(self, index: int):
            super().__init__()
            self.index = index

        def on_visit(self, node: cst.CSTNode) -> bool:
            owner[id(node)] = self.index
            return True

    for index, statement in enumerate(module.body):
        statement.visit(Owner(index))
    parts = [module.code_for_node(statement) for statement in module.body]
    head = "".join(module.code_for_node(line) for line in module.header)
    tail = "".join(module.code_for_node(line) for line in module.footer)
    first = head.count("\n") + 1  # the first line of each statement, its leading comments included
    spans = []
    for part in parts:
        spans.append(range(first, first + part.count("\n")))
        first += part.count("\n")
    for mutation in mutations:
        index = owner.get(id(mutation.original_node))
        if lines is not None and index is not None and not lines.intersection(spans[index]):
            continue
        if index is None:
            yield module.deep_replace(mutation.original_node, mutation.mutated_node).code
            continue
        changed = module.body[index].deep_replace(mutation.original_node, mutation.mutated_node)
        yield head + "".join(parts[:index]) + module.code_for_node(changed) + "".join(parts[index + 1:]) + tail


def _only_the_message(was: str, now: str) -> bool:
    """A change inside ``raise SomeError(...)`` that keeps the exception's type: its message."""
    return was.startswith("raise ") and now.startswith("raise ") and was.split("(")[0] == now.split("(")[0]


def _ignored_defaults(code: str) -> Iterator[str]:
    """For each parameter with a default: the function with ``param = <default>`` as its first
    statement (after the docstring), i.e. a function that ignores that argument."""
    import libcst as cst

    module = cst.parse_module(code)
    functions: list[cst.FunctionDef] = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            functions.append(node)

    module.visit(Finder())
    for function in functions:
        if not isinstance(function.body, cst.IndentedBlock):
            continue
        body = list(function.body.body)
        start = 1 if body and _is_docstring(body[0]) else 0
        for param in [*function.params.params, *function.params.kwonly_params]:
            if param.default is None:
                continue
            statement = cst.parse_statement(f"{param.name.value} = {module.code_for_node(param.default)}\n")
            changed = function.with_changes(body=function.body.with_changes(body=[*body[:start], statement, *body[start:]]))
            yield module.deep_replace(function, changed).code


def _is_docstring(statement) -> bool:
    import libcst as cst

    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], cst.Expr) and isinstance(statement.body[0].value, cst.BaseString))


def _describe(file: str, original: str, mutated: str) -> tuple[int, str, str]:
    before, after = original.splitlines(), mutated.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag != "equal":
            was = " / ".join(s.strip() for s in before[i1:i2]) or f"(a new line after line {i1})"
            now = " / ".join(s.strip() for s in after[j1:j2])
            return i1 + 1, was, now
    raise ValueError(f"a mutant of {file} is identical to it")


def generate(unit: Unit, root: Path, near: dict[str, set[int]] | None = None) -> list[Mutant]:
    """Every mutant of the unit's solution, in a fixed order, with stable ids.  ``near``: only
    those of mutmut's mutants made in the top-level statements that hold these lines of these
    files (much faster; but a change repeated elsewhere in its file may get another id suffix)."""
    mutants: list[Mutant] = []
    seen: dict[str, int] = {}
    for path in sorted(unit.folder("solutions", root).glob("*.py")):
        if near is not None and path.name not in near:
            continue
        original = path.read_text(encoding="utf-8")
        library = _library_mutations(path.name, original, None if near is None else near[path.name])
        sources = list(dict.fromkeys([*library, *_ignored_defaults(original)]))
        for source in sources:
            if source == original:
                continue
            line, was, now = _describe(path.name, original, source)
            if _only_the_message(was, now):
                continue
            digest = hashlib.sha256(f"{path.name}\n{was}\n{now}".encode()).hexdigest()[:10]
            seen[digest] = seen.get(digest, 0) + 1
            suffix = "" if seen[digest] == 1 else f"-{seen[digest]}"
            mutants.append(Mutant(f"{path.name}:{digest}{suffix}", path.name, line, was, now, source))
    return mutants


def enclosing_function(source: str, line: int) -> str | None:
    """The top-level function of ``source`` that holds ``line`` (None outside every function):
    the tests using it are the likeliest to tell a change there apart."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return None
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno <= line <= node.end_lineno:
            return node.name
    return None


def build(mutant: Mutant, solution: Path, into: Path) -> Path:
    target = into / mutant.id.replace(":", "-")
    shutil.copytree(solution, target, ignore=shutil.ignore_patterns("__pycache__"))
    (target / mutant.file).write_text(mutant.source, encoding="utf-8")
    return target


def load_hand_written(unit: Unit, root: Path) -> list[HandWritten]:
    path = unit.folder("mutants", root) / HAND_WRITTEN
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [HandWritten(m["name"], m["file"], m["replace"], m["with"]) for m in data.get("mutant", [])]


def build_hand_written(mutant: HandWritten, solution: Path, into: Path) -> tuple[Path, str | None]:
    """Copy ``solution`` into ``into/<mutant name>`` with the mutant's one substitution applied;
    also the name of the function it changes (None outside every function)."""
    target = into / mutant.name
    shutil.copytree(solution, target, ignore=shutil.ignore_patterns("__pycache__"))
    source = target / mutant.file
    text = source.read_text(encoding="utf-8")
    count = text.count(mutant.replace)
    if count != 1:
        raise ValueError(f"mutant {mutant.name}: the snippet to replace occurs {count} times in {mutant.file}, not once")
    mutated = text.replace(mutant.replace, mutant.with_)
    source.write_text(mutated, encoding="utf-8")
    line = text[: text.index(mutant.replace)].count("\n") + 1
    return target, enclosing_function(mutated, line)


# --- what a report was computed from ------------------------------------------------------------


def equivalents(unit: Unit, root: Path) -> dict[str, str]:
    path = unit.folder("mutants", root) / EQUIVALENTS
    if not path.is_file():
        return {}
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
    declared = {}
    for entry in entries:
        if not str(entry.get("reason", "")).strip():
            raise UsageError(f"{path}: equivalent mutant {entry.get('id')} needs a one-line reason")
        declared[str(entry["id"])] = str(entry["reason"]).strip()
    return declared


def fingerprint(unit: Unit, root: Path) -> str:
    """A hash of what the report depends on: the rules, the solution, the graders, the equivalents."""
    return _digest(unit, root, generator().encode(), EQUIVALENTS)


def hand_written_fingerprint(unit: Unit, root: Path) -> str:
    """A hash of what the hand-written mutants' results depend on: the solution, the graders, the mutants."""
    return _digest(unit, root, b"", HAND_WRITTEN)


def _digest(unit: Unit, root: Path, start: bytes, listing: str) -> str:
    """sha256 of ``start``, then each solution and grader file and the unit's ``listing`` in
    tests/mutants/ (where it exists), each after its path."""
    digest = hashlib.sha256(start)
    files = [*sorted(unit.folder("solutions", root).glob("*.py")), *sorted(unit.folder("graders", root).rglob("*.py"))]
    listed = unit.folder("mutants", root) / listing
    for path in [*files, *([listed] if listed.is_file() else [])]:
        digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    return digest.hexdigest()


# --- grading ---------------------------------------------------------------------------------------


def first_loss(report) -> str | None:
    """Where a mutant graded until its first lost point lost it (``"test_x (failed)"``); None: full marks."""
    return next((f"{t.name} ({t.status})" for t in report.tests if t.status not in ("passed", "not_run")), None)


def killers(unit: Unit, root: Path, mutants: list[Mutant]) -> list[str | None]:
    """For each mutant, the test where it first lost a point (``"test_x (failed)"``), or None if it
    got full marks; in one grading session."""
    if not mutants:
        return []
    with tempfile.TemporaryDirectory(prefix="autograde-mutate-") as scratch:
        folders = [build(m, unit.folder("solutions", root), Path(scratch)) for m in mutants]
        first = {i: [name] for i, m in enumerate(mutants) if (name := enclosing_function(m.source, m.line))}
        reports = grading.grade_many(unit.id, submissions=folders, root=root, first_loss=list(range(len(folders))),
                                     try_first=first)
    return [first_loss(r) for r in reports]


def grade_hand_written(unit: Unit, root: Path) -> dict:
    """The report's section on the hand-written mutants: where each first lost a point (None: it
    got full marks), with the fingerprint of what that depends on; in one grading session."""
    mutants = load_hand_written(unit, root)
    with tempfile.TemporaryDirectory(prefix="autograde-mutate-") as scratch:
        try:
            built = [build_hand_written(m, unit.folder("solutions", root), Path(scratch)) for m in mutants]
        except ValueError as exc:
            raise UsageError(f"{unit.folder('mutants', root) / HAND_WRITTEN}: {exc}") from exc
        reports = grading.grade_many(unit.id, submissions=[folder for folder, _ in built], root=root,
                                     first_loss=list(range(len(built))),
                                     try_first={i: [name] for i, (_, name) in enumerate(built) if name}) if built else []
    rows = [{"name": m.name, "killed_by": first_loss(r)} for m, r in zip(mutants, reports)]
    return {"fingerprint": hand_written_fingerprint(unit, root), "mutants": rows}


@dataclass
class Result:
    unit: str
    fingerprint: str
    mutants: list[dict]
    hand_written: dict = field(default_factory=dict)  # see grade_hand_written

    @property
    def generated(self) -> int:
        return len(self.mutants)

    @property
    def equivalent(self) -> int:
        return sum(m["equivalent"] is not None for m in self.mutants)

    @property
    def killed(self) -> int:
        return sum(m["killed_by"] is not None for m in self.mutants)

    @property
    def survivors(self) -> list[dict]:
        return [m for m in self.mutants if m["killed_by"] is None and m["equivalent"] is None]

    @property
    def hand_written_survivors(self) -> list[str]:
        return [m["name"] for m in self.hand_written.get("mutants", []) if m["killed_by"] is None]

    @property
    def score(self) -> float:
        counted = self.generated - self.equivalent
        return 100.0 * sum(m["killed_by"] is not None for m in self.mutants if m["equivalent"] is None) / counted \
            if counted else 100.0

    def to_dict(self) -> dict:
        return {"unit": self.unit, "fingerprint": self.fingerprint, "generator": generator(),
                "generated": self.generated, "equivalent": self.equivalent, "killed": self.killed,
                "score": round(self.score, 1), "mutants": self.mutants, "hand_written": self.hand_written}


def mutate_unit(unit_id: str, *, root: Path | None = None, jobs: int = 2,
                progress: Callable[[int], None] = lambda done: None) -> Result:
    """Generate and grade every automatic mutant of the unit, and grade its hand-written ones; write
    its report, and return it.  ``progress(n)`` is called as each batch of n mutants is graded."""
    root = root or project_root()
    unit = grading.resolve_unit(unit_id, root)
    mutants, declared = generate(unit, root), equivalents(unit, root)
    unknown = sorted(set(declared) - {m.id for m in mutants})
    if unknown:
        raise UsageError(f"{unit.folder('mutants', root) / EQUIVALENTS} declares mutants that are no longer "
                         f"generated: {', '.join(unknown)}")
    batches = [mutants[i:i + CHUNK] for i in range(0, len(mutants), CHUNK)]
    verdicts: dict[str, str | None] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(killers, unit, root, batch): batch for batch in batches}
        for future in concurrent.futures.as_completed(futures):
            batch = futures[future]
            verdicts.update(zip((m.id for m in batch), future.result()))
            progress(len(batch))
    rows = [{"id": m.id, "line": m.line, "was": m.was[:160], "now": m.now[:160], "killed_by": verdicts[m.id],
             "equivalent": declared.get(m.id)} for m in mutants]
    result = Result(unit.id, fingerprint(unit, root), rows, grade_hand_written(unit, root))
    write_report(unit, root, result.to_dict())
    return result


def write_report(unit: Unit, root: Path, report: dict) -> None:
    path = unit.folder("mutants", root) / REPORT
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


def load_report(unit: Unit, root: Path) -> dict | None:
    path = unit.folder("mutants", root) / REPORT
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def report_problems(unit: Unit, root: Path, mutants: list[Mutant] | None) -> list[str]:
    """Why the committed report cannot be trusted as it is (empty when it can).  ``mutants``: every
    mutant generated now, to compare with the report's list (None: trust the fingerprint for it)."""
    report = load_report(unit, root)
    again = f"run `autograde mutate {unit.id}`"
    if report is None:
        return [f"no mutation report ({unit.folder('mutants', root) / REPORT}): {again}"]
    if report.get("fingerprint") != fingerprint(unit, root):
        return [f"the mutation report is stale (the solution, graders, equivalents or rules changed): {again}"]
    if mutants is not None and [m["id"] for m in report["mutants"]] != [m.id for m in mutants]:
        return [f"the mutation report lists other mutants than the solution gives: {again}"]
    survivors = [m for m in report["mutants"] if m["killed_by"] is None and m["equivalent"] is None]
    killed_equivalents = [f"mutant {m['id']} is declared equivalent, but {m['killed_by']} kills it: remove the "
                          f"declaration" for m in report["mutants"] if m["killed_by"] and m["equivalent"]]
    problems = killed_equivalents + [
        f"mutant {m['id']} (line {m['line']}: {m['was']} -> {m['now']}) survives: sharpen a grader or "
        f"declare it equivalent in {EQUIVALENTS} with a reason" for m in survivors]
    hand = report.get("hand_written") or {}
    if hand.get("fingerprint") != hand_written_fingerprint(unit, root) \
            or [m["name"] for m in hand.get("mutants", [])] != [m.name for m in load_hand_written(unit, root)]:
        return problems + [f"the report on the hand-written mutants is stale (the solution, graders or "
                           f"{HAND_WRITTEN} changed): {again}"]
    return problems + [f"mutant {m['name']} gets full marks: the graders miss this mistake"
                       for m in hand["mutants"] if m["killed_by"] is None]


# --- the table ---------------------------------------------------------------------------------------


def write_table(root: Path | None = None) -> Path:
    """Rewrite ``docs/mutation.md`` from every committed report."""
    root = root or project_root()
    path = root / TABLE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_table(root), encoding="utf-8")
    return path


def render_table(root: Path) -> str:
    lines = ["# Mutation scores", "",
             "Written by `autograde mutate` from the committed reports (`tests/mutants/<unit>/mutation.json`).",
             f"Automatic mutants: {generator()}. Score = killed / (generated - equivalent).",
             "Hand-written: the mutants of `tests/mutants/<unit>/mutants.toml` that lose a point, of all listed.", "",
             "| unit | generated | equivalent | killed | score | hand-written |", "|---|---:|---:|---:|---:|---:|"]
    totals = [0, 0, 0, 0, 0]
    for unit in load(root / "curriculum.toml").units:
        report = load_report(unit, root) if unit.has_content(root) else None
        if report is None:
            continue
        hand = (report.get("hand_written") or {}).get("mutants", [])
        row = [report["generated"], report["equivalent"], report["killed"], sum(m["killed_by"] is not None for m in hand),
               len(hand)]
        totals = [a + b for a, b in zip(totals, row)]
        lines.append(f"| {unit.id} | {row[0]} | {row[1]} | {row[2]} | {report['score']:.1f} % | {row[3]} / {row[4]} |")
    counted = totals[0] - totals[1]
    lines.append(f"| **all** | {totals[0]} | {totals[1]} | {totals[2]} | "
                 f"{(100.0 * totals[2] / counted if counted else 100.0):.1f} % | {totals[3]} / {totals[4]} |")
    return "\n".join(lines) + "\n"
