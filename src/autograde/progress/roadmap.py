"""`autograde progress`: one learner's road through the curriculum, drawn like the seed document.

Rules, in the learner's terms:
- a unit is *done* when its best attempt has full marks, *started* when it has any attempt;
- a row is ✅ when every unit of it that has exercises is done, 🟡 when any is started;
- a section (phase) is locked until every unit with exercises in the sections it requires is
  done (Phase 2 requires Phase 1);
- the next recommended unit is the first unit, in the document's order, that has exercises,
  is not done, sits in an unlocked section and whose prerequisites are done; a prerequisite
  without exercises yet counts as met (there is nothing to grade, the lecture is studied);
- the Pulse Protocol compares math units done with code units done (target 3 : 1).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from autograde.progress.attempts import Attempt
from autograde.curriculum import Curriculum, Section, Unit

PULSE_TARGET = (3, 1)


@dataclass
class UnitState:
    unit: Unit
    gradable: bool
    best: float | None  # best score, None when never attempted
    max_score: float | None

    @property
    def done(self) -> bool:
        return self.best is not None and self.max_score is not None and self.best >= self.max_score > 0

    @property
    def started(self) -> bool:
        return self.best is not None


def unit_states(course: Curriculum, attempts: list[Attempt], root: Path) -> dict[str, UnitState]:
    best: dict[str, Attempt] = {}
    for attempt in attempts:
        if attempt.unit not in best or attempt.score > best[attempt.unit].score:
            best[attempt.unit] = attempt
    return {
        u.id: UnitState(u, u.has_content(root), best[u.id].score if u.id in best else None,
                        best[u.id].max_score if u.id in best else None)
        for u in course.units
    }


def section_complete(section: Section, states: dict[str, UnitState]) -> bool:
    gradable = [states[u.id] for u in section.units if states[u.id].gradable]
    return all(s.done for s in gradable)


def locked_sections(course: Curriculum, states: dict[str, UnitState]) -> dict[str, list[str]]:
    """Section key → the keys of the required sections not complete yet (empty: unlocked)."""
    complete = {s.key: section_complete(s, states) for s in course.sections}
    return {s.key: [r for r in s.requires if not complete[r]] for s in course.sections}


def next_unit(course: Curriculum, states: dict[str, UnitState]) -> Unit | None:
    locks = locked_sections(course, states)
    for section in course.sections:
        if locks[section.key]:
            continue
        for unit in section.units:
            state = states[unit.id]
            if not state.gradable or state.done:
                continue
            if all(states[r].done or not states[r].gradable for r in unit.requires):
                return unit
    return None


def build(course: Curriculum, attempts: list[Attempt], root: Path, *, learner: str,
          phase: str | None = None, unit: str | None = None) -> dict:
    """The roadmap as plain data (what --json prints and what render() draws)."""
    states = unit_states(course, attempts, root)
    locks = locked_sections(course, states)
    upcoming = next_unit(course, states)
    sections = []
    for section in course.sections:
        if phase and section.key != phase:
            continue
        rows = []
        for row in section.rows:
            if unit and unit not in [u.id for u in row.units]:
                continue
            row_states = [states[u.id] for u in row.units]
            gradable = [s for s in row_states if s.gradable]
            mark = "done" if gradable and all(s.done for s in gradable) else (
                "started" if any(s.started for s in row_states) else "")
            rows.append({
                "label": row.label, "kind": row.kind, "mark": mark,
                "done": sum(s.done for s in row_states), "total": len(row_states), "gradable": len(gradable),
                "holds_next": upcoming is not None and upcoming.id in [u.id for u in row.units],
                "units": [{"id": s.unit.id, "title": s.unit.title, "has_content": s.gradable,
                           "best": s.best, "max_score": s.max_score, "done": s.done} for s in row_states],
            })
        if unit and not rows:
            continue
        section_states = [states[u.id] for u in section.units]
        sections.append({
            "key": section.key, "title": section.title, "locked_by": locks[section.key],
            "done": sum(s.done for s in section_states), "total": len(section_states),
            "gradable": sum(s.gradable for s in section_states), "rows": rows,
            "holds_next": upcoming is not None and upcoming.id in [u.id for u in section.units],
        })
    math = sum(s.done for s in states.values() if s.unit.kind == "math")
    code = sum(s.done for s in states.values() if s.unit.kind == "code")
    return {
        "learner": learner,
        "done": sum(s.done for s in states.values()),
        "total": len(states),  # every unit of the curriculum; "gradable": those with exercises
        "gradable": sum(s.gradable for s in states.values()),
        "pulse": {"math": math, "code": code, "target": list(PULSE_TARGET)},
        "next": {"id": upcoming.id, "title": upcoming.title} if upcoming else None,
        "sections": sections,
    }


_MARKS = {"done": "✅", "started": "🟡", "": "  "}
_PLAIN_MARKS = {"done": "[x]", "started": "[~]", "": "[ ]"}


BRIEF_ROWS = 12  # rows of the current phase that the brief roadmap lists, around the next unit's


def render(data: dict, *, width: int = 80, plain: bool = False, brief: bool = False) -> str:
    """The roadmap for a terminal of ``width`` columns; ``plain`` uses ASCII marks (no TTY).
    Counts are of units with exercises (the planned ones are counted apart).  ``brief`` (the
    whole curriculum at once) fits a 24-line screen: only the phase holding the next unit lists
    its rows, at most ``BRIEF_ROWS`` of them around the next unit's row."""
    marks = _PLAIN_MARKS if plain else _MARKS
    upcoming = data["next"]
    lines = [f"Next: {upcoming['id']} - {upcoming['title']}" if upcoming else "Next: nothing gradable is open"]
    planned = data["total"] - data["gradable"]
    lines.append(_spread(f"Roadmap of {data['learner']}", f"{data['done']} / {data['gradable']} units done"
                         + (f" ({planned} planned)" if planned else ""), width))
    pulse = data["pulse"]
    lines.append(f"Pulse Protocol: math {pulse['math']} : code {pulse['code']} "
                 f"(target {pulse['target'][0]} : {pulse['target'][1]})")
    for section in data["sections"]:
        listed = not brief or section["holds_next"]
        title = section["title"]
        if section["locked_by"]:
            title += " (locked until phase " + ", ".join(section["locked_by"]) + " is complete)"
        lines += [""] * listed + [_spread(title, f"{section['done']} / {section['gradable']}", width)]
        if not listed:
            continue
        rows = [row for row in section["rows"] if row["gradable"]]
        start = 0
        if brief and len(rows) > BRIEF_ROWS:
            here = next((i for i, row in enumerate(rows) if row["holds_next"]), 0)
            start = max(0, min(here - 2, len(rows) - BRIEF_ROWS))
            if start:
                lines.append(f"  ({start} row(s) before)")
        for row in rows[start:start + BRIEF_ROWS] if brief else rows:
            extra = row["total"] - row["gradable"]
            lines.append(_spread(f"  {marks[row['mark']]} {row['label']}",
                                 f"{row['done']} / {row['gradable']}" + (f" +{extra}" if extra else ""), width))
        after = len(rows) - start - BRIEF_ROWS if brief else 0
        waiting = sum(not row["gradable"] for row in section["rows"])
        if after > 0 or waiting:
            lines.append("  (" + ", ".join([f"{after} row(s) after"] * (after > 0)
                                           + [f"{waiting} row(s) planned, no exercises yet"] * bool(waiting)) + ")")
    if brief:
        lines += ["", "+N: units still planned in that row; --phase N lists every row of a phase"]
    return "\n".join(lines)


def columns(text: str) -> int:
    """Terminal columns of ``text``: wide characters (the emoji marks) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _spread(left: str, right: str, width: int) -> str:
    """``left`` and ``right`` on one line of ``width`` columns (``left`` cut if it must; only
    ``right`` where even a cut ``left`` would not fit)."""
    room = width - columns(right) - 1
    if room < 2:
        return right
    if columns(left) > room:
        while columns(left) > room - 1:
            left = left[:-1]
        left += "…"
    return left + " " * (width - columns(left) - columns(right)) + right
