"""Checks from inside a notebook, as Kaggle learntools' ``q1.check()`` or Otter's ``grader.check``::

    from autograde.jupyter import grader
    grader.use("18.06-lec4")        # the notebook `autograde notebook` writes starts so
    grader.check("lu")              # the tests of lu, on what this kernel has run
    grader.hint("lu")

``check`` takes the code cells this kernel has run, in order (IPython's ``In``; the check cells
left out), builds them into the unit's modules as ``autograde check --submission NOTEBOOK`` does,
and grades them through the one entry point: jailed and verified like any check.  Only the tests
of the named function run.  The result shows as a table in Jupyter and as the terminal report
elsewhere.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path

from autograde import report as reports
from autograde.curriculum import load, project_root
from autograde.engine import grading
from autograde.errors import UsageError
from autograde.notebooks import convert


class Result:
    """One check's report, shown as HTML in Jupyter and as text elsewhere."""

    def __init__(self, graded: reports.Report, function: str):
        self.report, self.function = graded, function

    @property
    def passed(self) -> bool:
        return self.report.full_marks

    def __repr__(self) -> str:
        lines = reports.render(self.report, width=100).splitlines()
        return "\n".join(line for line in lines if not line.startswith("Full marks."))  # one function, not the unit

    def _repr_html_(self) -> str:
        rows = []
        for t in self.report.tests:
            detail = "" if t.passed else " ".join(filter(None, [t.message, f"hint: {t.hint}" if t.hint else ""]))
            rows.append(f"<tr><td>{html.escape(reports.mark(t.status))}</td><td><code>{html.escape(t.name)}</code></td>"
                        f"<td>{t.points:g} / {t.max_points:g}</td><td>{html.escape(t.status.replace('_', ' '))}</td>"
                        f"<td>{html.escape(detail)}</td></tr>")
        verdict = "all its tests pass" if self.passed else f"{self.report.score:g} / {self.report.max_score:g}"
        return (f"<div><b>{html.escape(self.function)}</b> ({html.escape(self.report.unit)}): {verdict}"
                f"<table>{''.join(rows)}</table></div>")


class Grader:
    def __init__(self) -> None:
        self.unit: str | None = None

    def use(self, unit_id: str) -> None:
        """Grade against this unit from now on."""
        self.unit = grading.resolve_unit(unit_id).id

    def check(self, function: str, *, cells: list[str] | None = None) -> Result:
        """Grade ``function`` as this kernel has defined it (``cells``: the code run so far, in order;
        default: IPython's history)."""
        unit = self._unit_of(function)
        sources = [c for c in (cells if cells is not None else _history()) if c.strip() and not convert.is_check_cell(c)]
        built = convert.build(sources, siblings=set(convert.module_names(unit)))
        with tempfile.TemporaryDirectory(prefix="autograde-jupyter-") as scratch:
            folder = convert.write_submission(built, unit, Path(scratch) / "submission")
            try:
                [graded] = grading.grade_many(unit, submissions=[folder], only_function=function,
                                              workdirs=[Path.cwd()])  # the notebook's folder, as in the kernel
            except grading.GraderError:
                raise UsageError(f"{unit} has no test of its own for {function}: check the whole notebook with "
                                 f"`autograde check {unit} --submission NOTEBOOK.ipynb`") from None
        graded.submission = f"this notebook's {function}"
        return Result(graded, function)

    def hint(self, function: str, *, cells: list[str] | None = None) -> str:
        """The hints of ``function``'s tests that do not pass yet."""
        result = self.check(function, cells=cells)
        open_tests = [t for t in result.report.tests if not t.passed]
        text = "\n".join(f"- {t.name}: {t.hint}" for t in open_tests) or f"every test of {function} passes"
        print(text)
        return text

    def _unit_of(self, function: str) -> str:
        if self.unit:
            return self.unit
        root = project_root()
        owners = [u.id for u in load().units if u.has_content(root)
                  and any(e.name == function for m in convert.unit_modules(u.id, root) for e in m.exercises)]
        if len(owners) != 1:
            raise UsageError(f"{function} is an exercise of {len(owners)} units ({', '.join(owners) or 'none'}): "
                             'say which with grader.use("UNIT")')
        return owners[0]


def _history() -> list[str]:
    """The cells this IPython kernel has run, in order."""
    try:
        shell = get_ipython()  # type: ignore[name-defined]  # noqa: F821  (IPython's builtin)
    except NameError:
        raise UsageError("outside IPython, give the code to check: grader.check(name, cells=[...])") from None
    return list(shell.user_ns.get("In", []))


grader = Grader()
