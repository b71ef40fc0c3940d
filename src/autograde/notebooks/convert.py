"""Notebooks: a unit as cells, and a learner's notebook as a submission the graders can import.

Two directions:

- **unit → cells** (``unit_modules``): for each module of a unit, a *setup* text (the stub module
  without its exercises: docstring, imports, constants, given functions) and one *exercise* per
  function or class the learner writes (the stub's signature and docstring, and the reference
  body between nbgrader's ``### BEGIN SOLUTION`` / ``### END SOLUTION``).
  ``learner_notebook`` turns it into a self-study notebook; ``autograde.classroom`` into an
  nbgrader source notebook.
- **notebook → module** (``module_source``, ``extract``): the learner's code cells, in order,
  become one module's source, written under every module name of the unit so that
  ``submission.get(name)`` finds each function.  IPython magics and shell lines are dropped, a
  cell with a syntax error is reported and skipped, and every statement that could raise runs
  inside a ``try`` block, so a cell that raises is reported but never stops the cells after it.
  Plain ``def`` and ``class`` statements stay at module level, unindented: graders that read a
  function's source (``inspect.getsource``) see the learner's own text.

Learner code is never executed in this process: ``probe`` runs the extracted module once in a
forked, jailed child (``autograde.engine.sandbox``) only to name the cells that raise.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass, field
from pathlib import Path

from autograde.curriculum import project_root
from autograde.errors import AlreadyExists, NotFound, UsageError

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
ERRORS = "__autograde_cell_errors__"  # module-level list of (cell number, exception) for cells that raised
# IPython cell magics whose body is Python that runs as usual (the magic only times or captures it).
_PYTHON_CELL_MAGICS = {"time", "timeit", "capture", "prun"}
TEST_CALL = re.compile(r"\bautograde\.classroom\.run_test\s*\(")


class NotebookError(UsageError, ValueError):
    """The file is not a notebook autograde can read, or a unit cannot be turned into one."""


# --- unit → cells -------------------------------------------------------------------------


@dataclass
class Exercise:
    name: str
    stub: str       # the stub's def/class: signature, docstring, `raise NotImplementedError`
    solution: str   # the same, its body replaced by the reference body between the solution delimiters


@dataclass
class Module:
    name: str
    setup: str                    # what the learner is given: the stub without its exercises
    exercises: list[Exercise]
    main: str | None = None       # an `if __name__ == "__main__":` block, inert inside a kernel


def module_names(unit_id: str, root: Path | None = None) -> list[str]:
    """The unit's modules: the files of its reference solution (as the graders' fixtures use them)."""
    root = root or project_root()
    return sorted(p.stem for p in (root / "solutions" / unit_id).glob("*.py"))


def unit_modules(unit_id: str, root: Path | None = None) -> list[Module]:
    root = root or project_root()
    names = module_names(unit_id, root)
    modules = []
    for name in names:
        stub_path = root / "exercises" / unit_id / f"{name}.py"
        solution_path = root / "solutions" / unit_id / f"{name}.py"
        if not stub_path.is_file():
            raise NotebookError(f"{stub_path} is missing: the exercise has no stub for solutions/{unit_id}/{name}.py")
        modules.append(_split_module(name, stub_path.read_text(encoding="utf-8"),
                                     solution_path.read_text(encoding="utf-8"), siblings=set(names) - {name}))
    return modules


def _is_stub_body(body: list[ast.stmt]) -> bool:
    """The body of an exercise: (a docstring and) `raise NotImplementedError` only."""
    body = body[1:] if body and _is_docstring(body[0]) else body
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _is_exercise(node: ast.stmt) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return _is_stub_body(node.body)
    if isinstance(node, ast.ClassDef):
        return any(isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_stub_body(m.body) for m in node.body)
    return False


def _start(node: ast.stmt) -> int:
    """First line (1-based) of a statement, decorators included."""
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def _segment(lines: list[str], node: ast.stmt) -> str:
    return "".join(lines[_start(node) - 1: node.end_lineno])


def _is_main_guard(node: ast.stmt) -> bool:
    test = getattr(node, "test", None)
    return (isinstance(node, ast.If) and isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "__name__" and len(test.comparators) == 1
            and isinstance(test.comparators[0], ast.Constant) and test.comparators[0].value == "__main__")


def _is_sibling_import(node: ast.stmt, siblings: set[str]) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and node.module in siblings
    if isinstance(node, ast.Import):
        return all(alias.name in siblings for alias in node.names)
    return False


def _split_module(name: str, stub: str, solution: str, *, siblings: set[str]) -> Module:
    stub_tree, solution_tree = ast.parse(stub), ast.parse(solution)
    stub_lines, solution_lines = stub.splitlines(keepends=True), solution.splitlines(keepends=True)
    solution_defs = {n.name: n for n in solution_tree.body
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    stub_names = {n.name for n in stub_tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    # Helpers only the solution has (e.g. `_same`): nested into each exercise body that needs them.
    helpers = {n: node for n, node in solution_defs.items() if n not in stub_names}

    keep = [True] * len(stub_lines)
    exercises, main = [], None
    for node in stub_tree.body:
        drop = None
        if _is_exercise(node):
            reference = solution_defs.get(node.name)
            if reference is None:
                raise NotebookError(f"the solution of {name}.py does not define `{node.name}`")
            exercises.append(Exercise(node.name, _segment(stub_lines, node),
                                      _solution_text(node, stub_lines, reference, solution_lines, helpers)))
            drop = node
        elif _is_main_guard(node):
            body = "".join(stub_lines[node.body[0].lineno - 1: node.end_lineno])
            main = ("# Runs when the module is run as a program (python " + f"{name}.py), not in the notebook's kernel.\n"
                    'if __name__ == "__main__" and "get_ipython" not in globals():\n' + body)
            drop = node
        elif _is_sibling_import(node, siblings):
            drop = node
        if drop is not None:
            for i in range(_start(drop) - 1, drop.end_lineno):
                keep[i] = False
    setup = "".join(line for line, kept in zip(stub_lines, keep) if kept)
    # Module-level statements of the solution the stub lacks (an extra import, a constant).
    given = {ast.unparse(n) for n in stub_tree.body}
    extra = [_segment(solution_lines, n) for n in solution_tree.body
             if not isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not _is_docstring(n)
             and not _is_main_guard(n) and not _is_sibling_import(n, siblings) and ast.unparse(n) not in given]
    if extra:
        setup = setup.rstrip() + "\n\n" + "".join(extra)
    return Module(name, _tidy(setup), exercises, main)


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n\n", text).strip() + "\n"


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _reindent(text: str, old: str, new: str) -> str:
    if old == new:
        return text
    out = []
    for line in text.splitlines(keepends=True):
        if not line.strip():
            out.append("\n")
        elif line.startswith(old):
            out.append(new + line[len(old):])
        else:
            out.append(line)  # less indented: a line inside a multi-line string, kept as it is
    return "".join(out)


def _names_used(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def _helpers_for(node: ast.AST, helpers: dict[str, ast.stmt]) -> list[ast.stmt]:
    """The solution-only helpers ``node`` uses, transitively, in the solution's order."""
    needed: set[str] = set()
    todo = [node]
    while todo:
        for name in _names_used(todo.pop()) & set(helpers) - needed:
            needed.add(name)
            todo.append(helpers[name])
    return [h for h in helpers.values() if h.name in needed]


def _body_text(function: ast.stmt, lines: list[str], helpers: dict[str, ast.stmt], indent: str) -> str:
    """The reference body (without its docstring), preceded by the helpers it needs, at ``indent``."""
    body = function.body[1:] if len(function.body) > 1 and _is_docstring(function.body[0]) else function.body
    own = "".join(lines[_start(body[0]) - 1: function.end_lineno])
    parts = [_reindent("".join(lines[_start(h) - 1: h.end_lineno]), "", indent) for h in _helpers_for(function, helpers)]
    parts.append(_reindent(own, _indent_of(lines[_start(body[0]) - 1]), indent))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def _replace_raise(stub_node: ast.stmt, stub_lines: list[str], reference: ast.stmt, solution_lines: list[str],
                   helpers: dict[str, ast.stmt], offset: int) -> tuple[int, int, str]:
    """(first line, last line, new text) that replace the stub's `raise NotImplementedError`."""
    raise_node = stub_node.body[-1]
    indent = _indent_of(stub_lines[raise_node.lineno - 1])
    text = (f"{indent}{BEGIN_SOLUTION}\n" + _body_text(reference, solution_lines, helpers, indent)
            + f"{indent}{END_SOLUTION}\n")
    return raise_node.lineno - offset, raise_node.end_lineno - offset, text


def _solution_text(stub_node: ast.stmt, stub_lines: list[str], reference: ast.stmt, solution_lines: list[str],
                   helpers: dict[str, ast.stmt]) -> str:
    first = _start(stub_node)
    own = stub_lines[first - 1: stub_node.end_lineno]
    if not own[-1].endswith("\n"):
        own[-1] += "\n"
    offset = first - 1
    replacements = []
    if isinstance(stub_node, ast.ClassDef):
        reference_members = {m.name: m for m in reference.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
        stub_members = {m.name for m in stub_node.body if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))}
        stub_statements = {ast.unparse(m) for m in stub_node.body}
        extra = [m for m in reference.body if not _is_docstring(m) and (
            m.name not in stub_members if isinstance(m, (ast.FunctionDef, ast.AsyncFunctionDef))
            else ast.unparse(m) not in stub_statements)]
        if extra:
            # Members only the solution has: the whole class body is the solution (after the docstring).
            body = reference.body[1:] if _is_docstring(reference.body[0]) else reference.body
            indent = _indent_of(solution_lines[_start(body[0]) - 1])
            head = stub_node.body[0] if _is_docstring(stub_node.body[0]) else None
            start = (head.end_lineno if head else stub_node.body[0].lineno - 1) - offset
            text = "".join(solution_lines[_start(body[0]) - 1: reference.end_lineno])
            return "".join(own[:start]) + f"{indent}{BEGIN_SOLUTION}\n{text.rstrip()}\n{indent}{END_SOLUTION}\n"
        for member in stub_node.body:
            if isinstance(member, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_stub_body(member.body):
                replacements.append(_replace_raise(member, stub_lines, reference_members[member.name],
                                                   solution_lines, helpers, offset))
    else:
        replacements.append(_replace_raise(stub_node, stub_lines, reference, solution_lines, helpers, offset))
    for start, end, text in sorted(replacements, reverse=True):
        own[start - 1: end] = [text]
    return "".join(own)


# --- the self-study notebook --------------------------------------------------------------

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def cell_id(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "-", text)[:64]


def readme(unit_id: str, root: Path | None = None) -> str:
    path = (root or project_root()) / "exercises" / unit_id / "README.md"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else f"# {unit_id}"


def learner_notebook(unit_id: str, root: Path | None = None):
    """A notebook to work the unit in: its README, the given code, one cell per exercise."""
    import nbformat.v4 as v4

    root = root or project_root()
    cells = [v4.new_markdown_cell(readme(unit_id, root), id="readme"),
             v4.new_markdown_cell(
                 "Replace each `raise NotImplementedError` with your code, keeping the names and signatures, "
                 "and run the check cell under it: it grades what this kernel has run, on that function's tests. "
                 f"Grade the whole notebook (saved) from a terminal with\n\n"
                 f"    autograde check {unit_id} --submission <this notebook>.ipynb\n\n"
                 "Every code cell counts, in order (the check cells do not); a cell that raises is reported and "
                 "the cells after it still count.",
                 id="how-to-grade"),
             v4.new_code_cell(f'from autograde.jupyter import grader\ngrader.use("{unit_id}")', id="grader")]
    for module in unit_modules(unit_id, root):
        cells.append(v4.new_code_cell(module.setup.rstrip("\n"), id=cell_id(f"setup-{module.name}")))
        for exercise in module.exercises:
            cells.append(v4.new_code_cell(exercise.stub.rstrip("\n"), id=cell_id(f"{module.name}-{exercise.name}")))
            cells.append(v4.new_code_cell(f'grader.check("{exercise.name}")',
                                          id=cell_id(f"check-{module.name}-{exercise.name}")))
        if module.main:
            cells.append(v4.new_code_cell(module.main.rstrip("\n"), id=cell_id(f"main-{module.name}")))
    nb = v4.new_notebook(cells=cells)
    nb.metadata.update(kernelspec=KERNELSPEC, language_info={"name": "python"},
                       autograde={"unit": unit_id, "modules": module_names(unit_id, root)})
    return nb


def write_learner_notebook(unit_id: str, path: Path, *, force: bool = False, root: Path | None = None) -> Path:
    import nbformat

    path = Path(path)
    if path.exists() and not force:
        raise AlreadyExists(f"{path} already exists; use --force to replace it (your work in it would be lost)")
    nb = learner_notebook(unit_id, root)
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


# --- notebook → module --------------------------------------------------------------------


@dataclass
class CellNote:
    """A code cell that did not run as written: skipped (syntax error, foreign magic) or raised."""

    cell: int       # the cell's number in the notebook (1 = first cell, markdown included)
    status: str     # "syntax_error", "skipped" or "raised"
    message: str

    def to_dict(self) -> dict:
        return {"cell": self.cell, "status": self.status, "message": self.message}

    def describe(self) -> str:
        where = f"cell {self.cell}" if self.cell else "the notebook's code"
        if self.status == "syntax_error":
            return f"{where}: syntax error on its {self.message}; skipped"
        if self.status == "skipped":
            return f"{where}: skipped ({self.message})"
        return f"{where} raised {self.message}"


@dataclass
class Built:
    source: str
    notes: list[CellNote] = field(default_factory=list)
    # (first module line, last module line, cell number, first line of the cell): where each cell's text went
    lines: list[tuple[int, int, int, int]] = field(default_factory=list)

    def cell_line(self, module_line: int) -> tuple[int, int] | None:
        """(cell number, line in that cell) of a line of the module source."""
        for first, last, cell, cell_first in self.lines:
            if first <= module_line <= last:
                return cell, cell_first + module_line - first
        return None


PRELUDE = f'''\
# This module was generated by autograde from a notebook's code cells, in order. Statements that
# could raise run inside try blocks, so a cell that raises does not stop the cells after it.
from __future__ import annotations

{ERRORS} = []


def display(*objects, **options):  # IPython's display(): nothing to show while grading
    pass
'''


def _strip_magics(code: str) -> tuple[str | None, str | None]:
    """(code without IPython magics and shell lines, or None to skip the cell; why it was skipped)."""
    first = code.lstrip().split("\n", 1)[0].strip()
    if first.startswith("%%"):
        magic = first[2:].split()[0] if first[2:].split() else ""
        if magic not in _PYTHON_CELL_MAGICS:
            return None, f"cell magic %%{magic} is not Python"
        code = code.lstrip().split("\n", 1)[1] if "\n" in code.lstrip() else ""
    try:
        ast.parse(code)
        return code, None  # valid Python as it is: a line such as `% b` is a continuation, not a magic
    except SyntaxError:
        pass
    lines = []
    for line in code.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("%", "!")) or (stripped.endswith("?") and not stripped.startswith("#")
                                              and re.fullmatch(r"[\w.]+\?\??", stripped)):
            lines.append(_indent_of(line) + "pass  # IPython: " + stripped[:60] if _indent_of(line) else "")
        else:
            lines.append(line)
    return "\n".join(lines), None


def _literal(node: ast.AST | None) -> bool:
    if node is None:
        return True
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def _safe(node: ast.stmt) -> bool:
    """Statements that cannot raise when executed at module level: they stay unindented."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        args = node.args
        return not node.decorator_list and all(_literal(d) for d in args.defaults + args.kw_defaults)
    if isinstance(node, ast.ClassDef):
        return (not node.decorator_list and not node.keywords
                and all(isinstance(b, ast.Name) and b.id == "object" for b in node.bases)
                and all(_safe(m) or isinstance(m, ast.Pass) or _is_docstring(m)
                        or (isinstance(m, ast.Assign) and all(isinstance(t, ast.Name) for t in m.targets)
                            and _literal(m.value))
                        for m in node.body))
    if isinstance(node, ast.If) and _runs_as_program(node.test):
        # `if __name__ == "__main__":` runs only when the module is run as a program: there, as in
        # a script, an exception must end the program with its traceback, not be caught.
        return True
    return _is_docstring(node) or isinstance(node, ast.Pass)


def _runs_as_program(test: ast.expr) -> bool:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return any(_runs_as_program(value) for value in test.values)
    return _is_main_guard(ast.If(test=test, body=[], orelse=[]))


def _string_continuations(code: str) -> set[int]:
    """1-based lines that start inside a multi-line string: indenting them would change the string."""
    inside: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0] + 1, token.end[0] + 1))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return inside


def build(cells: list[str], *, numbers: list[int] | None = None, siblings: set[str] | frozenset = frozenset()) -> Built:
    """One module's source from code cells (see the module docstring); ``numbers`` are the cells'
    numbers in the notebook, for the notes; ``siblings`` the unit's module names (their imports are
    dropped: every module holds the whole notebook)."""
    numbers = numbers or list(range(1, len(cells) + 1))
    out = PRELUDE.split("\n")
    built = Built("")
    futures: list[str] = []
    for number, raw in zip(numbers, cells):
        code, skipped = _strip_magics(raw.replace("\r\n", "\n"))
        if code is None:
            built.notes.append(CellNote(number, "skipped", skipped))
            continue
        try:
            tree = ast.parse(code)
        except SyntaxError as exc:
            built.notes.append(CellNote(number, "syntax_error", f"line {exc.lineno}: {exc.msg}"))
            out.append(f"# cell {number}: skipped (syntax error on its line {exc.lineno})")
            continue
        lines = code.split("\n")
        strings = _string_continuations(code)
        out.append(f"# ---- cell {number} ----")
        group: list[ast.stmt] = []
        cursor = [1]  # the next line of the cell to write: comments between statements are kept

        def gap(until: int) -> None:
            out.extend(line if line.strip().startswith("#") else "" for line in lines[cursor[0] - 1: until - 1])
            cursor[0] = max(cursor[0], until)

        def flush(group=group):
            if not group:
                return
            first, last = _start(group[0]), group[-1].end_lineno
            gap(first)
            cursor[0] = last + 1
            text = lines[first - 1: last]
            prefix = "\t" if any(line.startswith("\t") for line in text) else "    "
            out.append("try:")
            start = len(out) + 1
            out.extend(line if (first + i) in strings or not line.strip() else prefix + line
                       for i, line in enumerate(text))
            built.lines.append((start, len(out), number, first))
            out.append(f"except BaseException as __autograde_error__:  # cell {number} raised; the cells after it still run")
            out.append(f"    {ERRORS}.append(({number}, __autograde_error__))")
            group.clear()

        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.module == "__future__":
                flush()
                gap(node.lineno)
                cursor[0] = node.end_lineno + 1
                futures.append(ast.get_source_segment(code, node) or "")
                continue
            if _is_sibling_import(node, set(siblings)):
                flush()
                gap(node.lineno)
                cursor[0] = node.end_lineno + 1
                if isinstance(node, ast.Import):  # `import helpers` then `helpers.f`: this module is helpers
                    out.extend(f'{a.asname or a.name} = __import__("sys").modules[__name__]' for a in node.names)
                continue
            if _safe(node):
                flush()
                first = _start(node)
                gap(first)
                cursor[0] = node.end_lineno + 1
                start = len(out) + 1
                out.extend(lines[first - 1: node.end_lineno])
                built.lines.append((start, len(out), number, first))
            else:
                group.append(node)
        flush()
    futures = [f for f in futures if f and "annotations" not in f]
    source = "\n".join(futures + out).rstrip() + "\n"
    if futures:  # shift the line map: the hoisted future imports come first
        built.lines = [(a + len(futures), b + len(futures), c, d) for a, b, c, d in built.lines]
    built.source = source
    return built


def module_source(cells: list[str]) -> str:
    """The source of one module made of ``cells`` (learner code cells, in order)."""
    return build(cells).source


def is_autograded_test(cell) -> bool:
    """An nbgrader "autograder tests" cell: graded, not a solution (its code is the instructor's)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("grade")) and not meta.get("solution")


def read(path: Path):
    import nbformat

    path = Path(path)
    if not path.is_file():
        raise NotFound(f"notebook not found: {path}")
    try:
        return nbformat.read(str(path), as_version=4)
    except Exception as exc:  # nbformat raises several kinds for a file that is not a notebook
        raise NotebookError(f"{path} is not a notebook nbformat can read: {str(exc).splitlines()[0][:200]}") from None


def is_check_cell(source: str) -> bool:
    """A cell that only talks to the in-notebook grader (``autograde.jupyter``): importing it and
    calling ``grader.use/check/hint``.  It is left out of the graded module: grading must not
    start grading again."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False

    def talks_to_grader(node: ast.stmt) -> bool:
        if isinstance(node, ast.ImportFrom):
            return node.module == "autograde.jupyter"
        return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute) and isinstance(node.value.func.value, ast.Name)
                and node.value.func.value.id == "grader")

    return bool(tree.body) and all(talks_to_grader(node) for node in tree.body)


def code_cells(nb) -> tuple[list[str], list[int]]:
    """The learner's code cells (markdown, autograded test cells and in-notebook check cells left
    out) and their numbers."""
    sources, numbers = [], []
    for number, cell in enumerate(nb.cells, start=1):
        if cell.cell_type == "code" and not is_autograded_test(cell) and not TEST_CALL.search(cell.source) \
                and not is_check_cell(cell.source):
            sources.append(cell.source)
            numbers.append(number)
    return sources, numbers


def build_notebook(nb, unit_id: str, root: Path | None = None) -> Built:
    sources, numbers = code_cells(nb)
    return build(sources, numbers=numbers, siblings=set(module_names(unit_id, root)))


def write_submission(built: Built, unit_id: str, folder: Path, root: Path | None = None) -> Path:
    """Write the module under every module name of the unit, so `submission.get(name)` finds each function."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name in module_names(unit_id, root):
        (folder / f"{name}.py").write_text(built.source, encoding="utf-8")
    return folder


def notebook_unit(nb) -> str | None:
    meta = nb.metadata.get("autograde", {})
    return meta.get("unit") if isinstance(meta, dict) else None


# --- which cells raise: the module run once, jailed -----------------------------------------


PROBE_SECONDS = 30.0


def probe(built: Built, *, module: str, filename: str, root: Path | None = None,
          workdir: Path | None = None) -> list[CellNote]:
    """Run the module once in a forked, jailed, limited child and name the cells that raised
    (``workdir``: the notebook's folder, whose files its code may read by relative paths)."""
    from autograde.engine import jail, policy, sandbox

    source = built.source

    def work() -> dict:
        import linecache
        import sys
        import types

        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True), filename)
        namespace = types.ModuleType(module)
        namespace.__file__ = filename
        sys.modules[module] = namespace
        jail.link_files_beside(workdir)
        try:
            exec(compile(source, filename, "exec", dont_inherit=True), namespace.__dict__)
        except BaseException as exc:  # outside every try block: the prelude itself
            return {"fatal": f"{type(exc).__name__}: {_first_line(exc)}"}
        found = []
        for cell, exc in getattr(namespace, ERRORS, []):
            line, tb = None, exc.__traceback__
            while tb is not None:
                if tb.tb_frame.f_code.co_filename == filename:
                    line = tb.tb_lineno
                    break
                tb = tb.tb_next
            found.append([cell, type(exc).__name__, _first_line(exc), line])
        return {"raised": found}

    # CPU time is the budget, which a busy machine does not stretch; the wall clock, four times
    # as long, only stops code that waits.
    limits = sandbox.Limits(wall_seconds=4 * PROBE_SECONDS, cpu_seconds=int(PROBE_SECONDS) + 1,
                            memory_bytes=1024 * sandbox.MiB)
    [end] = sandbox.run_jobs([(work, limits)], hidden=policy.hidden_paths(root or project_root()),
                             visible=[root or project_root(), *([workdir] if workdir else [])])
    if end.cause is not None or not isinstance(end.message, dict):
        return [CellNote(0, "raised", f"running the notebook's code stopped: {end.cause or 'no result'} {end.detail}".strip())]
    if "fatal" in end.message:
        return [CellNote(0, "raised", str(end.message["fatal"]))]
    notes = []
    for cell, name, message, line in end.message.get("raised", []):
        where = built.cell_line(line) if line else None
        at = f" (its line {where[1]})" if where and where[0] == cell else ""
        notes.append(CellNote(int(cell), "raised", f"{name}: {message}{at}" if message else f"{name}{at}"))
    return notes


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else ""


def notes_json(notes: list[CellNote]) -> str:
    return json.dumps([n.to_dict() for n in notes])
