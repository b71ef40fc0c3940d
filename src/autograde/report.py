"""A graded attempt: the per-test results, the score, and how they are shown."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import textwrap
from dataclasses import asdict, dataclass, field

_SYMBOL = {"passed": "✔", "failed": "✘", "not_attempted": "·", "error": "!", "timeout": "⏱", "memory": "M", "crashed": "☠",
           "tampered": "⚠", "not_run": "-"}
_MEANING = {"passed": "passed", "failed": "wrong answer", "not_attempted": "not attempted (still raises NotImplementedError)",
            "error": "your code raised or does not import", "timeout": "ran out of time", "memory": "ran out of memory",
            "crashed": "the interpreter died", "tampered": "passed only in your code's own process",
            "not_run": "not run"}
JAILED = "jail"  # the learner's code ran in the full jail (see sandbox and jail)


@dataclass
class TestResult:
    name: str
    points: float
    max_points: float
    status: str
    hint: str | None
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "passed"


@dataclass
class Report:
    unit: str
    submission: str
    tests: list[TestResult] = field(default_factory=list)
    # How the learner's code was walled off: "jail", "degraded: <why>" (the kernel refused part
    # of the jail: not fit for classroom grading) or "none" (in-process, only for make bench).
    isolation: str = JAILED
    # Set when the trusted grading session itself ended before every test had a result (never
    # the learner's doing: their code runs in its children); those tests read "crashed".
    stopped: str = ""

    @property
    def score(self) -> float:
        return sum(t.points for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_points for t in self.tests)

    @property
    def full_marks(self) -> bool:
        return bool(self.tests) and all(t.passed for t in self.tests)

    def to_dict(self) -> dict:
        return {
            "unit": self.unit,
            "score": self.score,
            "max_score": self.max_score,
            "isolation": self.isolation,
            "tests": [asdict(t) for t in self.tests],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict())


def mark(status: str) -> str:
    """The symbol a status is shown with."""
    return _SYMBOL.get(status, "?")


_COLOUR = {"passed": "green", "failed": "red", "not_attempted": "dim", "error": "magenta", "timeout": "yellow",
           "memory": "yellow", "crashed": "red", "tampered": "bold red", "not_run": "dim"}


def styled(text: str):
    """The rendered report as a ``rich`` Text: each test line's mark and status in its colour, hints
    dimmed, the total in bold.  Nothing in the text is read as markup (it holds learner messages)."""
    from rich.text import Text

    colour_of = {_SYMBOL[status]: colour for status, colour in _COLOUR.items()}
    out = Text()
    for line in text.splitlines(keepends=True):
        piece = Text(line)
        colour = colour_of.get(line[2:3]) if line.startswith("  ") and not line.startswith("   ") else None
        if colour:
            piece.stylize(colour, 2, 3)
            status = line.rstrip().rsplit("  ", 1)[-1]
            piece.stylize(colour, len(line.rstrip()) - len(status), len(line.rstrip()))
        elif line.lstrip().startswith("hint:"):
            piece.stylize("cyan")
        elif line.startswith("Total:"):
            piece.stylize("bold")
        out.append_text(piece)
    return out


def show(text: str, file=None) -> None:
    """Print a rendered report: in colour on a terminal (rich; ``NO_COLOR`` honoured), plain elsewhere."""
    file = file or sys.stdout
    if not file.isatty() or os.environ.get("NO_COLOR"):
        print(text, file=file, flush=True)
        return
    from rich.console import Console

    Console(file=file, highlight=False, soft_wrap=True).print(styled(text))


def render(report: Report, *, width: int | None = None) -> str:
    """The terminal report: one line per test, the hint under each one that did not pass."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 120)
    name_width = max([len(t.name) for t in report.tests] + [10])
    lines = [f"autograde check {report.unit}  ({report.submission})", ""]
    if report.isolation != JAILED:
        lines[1:1] = [_wrap(f"isolation: {report.isolation} (your code was not fully jailed)", width).strip()]
    blocker = _blocker(report)
    if blocker:
        blocked = [t for t in report.tests if t.message == blocker]
        lines += _blocker_lines(blocker, len(blocked), width) + [""]
    for t in report.tests:
        status = t.status.replace("_", " ")
        lines.append(f"  {_SYMBOL.get(t.status, '?')} {t.name:<{name_width}}  {t.points:g} / {t.max_points:g}  {status}")
        if blocker and t.message == blocker:
            lines.append("      blocked: your code does not import (see above)")
            continue
        if not t.passed and t.status != "not_attempted":
            if t.message:
                lines.append(_wrap(t.message, width))
            if t.hint:
                lines.append(_wrap(f"hint: {t.hint}", width))
    attempted = sum(t.status != "not_attempted" for t in report.tests)
    lines.append("")
    seen = list(dict.fromkeys(t.status for t in report.tests))
    lines.append(_wrap("   ".join(f"{_SYMBOL.get(status, '?')} {_MEANING.get(status, status)}" for status in seen),
                       width).strip())
    lines.append(f"Total: {report.score:g} / {report.max_score:g}")
    if report.full_marks:
        lines.append(f"Full marks. `autograde solution {report.unit}` shows the reference solution.")
    elif attempted == 0:
        lines.append("Not attempted yet: every function still raises NotImplementedError.")
    elif attempted < len(report.tests):
        lines.append(f"{len(report.tests) - attempted} test(s) not attempted yet (their functions still raise NotImplementedError).")
    return "\n".join(lines)


_SYNTAX = re.compile(r"^(?P<file>\S+\.py) has a syntax error on line (?P<line>\d+), column (?P<column>\d+): "
                     r"(?P<why>.*?) \| (?P<code>.*)$")
_DOES_NOT_IMPORT = re.compile(r"^\S+\.py (has a syntax error on line|cannot be compiled|raised \w+ while being imported)")


def _blocker(report: Report) -> str:
    """The message of a module that does not import, shared by the tests it blocks ("" if none)."""
    found = [t.message for t in report.tests if t.status == "error" and _DOES_NOT_IMPORT.match(t.message)]
    return max(set(found), key=found.count) if found else ""


def _blocker_lines(message: str, count: int, width: int) -> list[str]:
    """The error once, at the top: for a syntax error, its line with a caret under the column."""
    syntax = _SYNTAX.match(message)
    if not syntax:
        return [f"Your code does not import, which blocks {count} test(s):", _wrap(message, width)]
    column = int(syntax["column"])
    return [f"Your code does not import, which blocks {count} test(s):",
            f"  {syntax['file']}, line {syntax['line']}: syntax error: {syntax['why']}",
            f"    {syntax['code']}",
            "    " + " " * max(column - 1, 0) + "^"]


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, initial_indent="      ", subsequent_indent="        ")
