"""`autograde regrade`: re-grade the stored snapshots and flag scores that do not reproduce.

Each unit's snapshots are graded together in one batch session. An attempt is flagged when
the re-graded score differs from the stored one although the grader is the same version; a
difference under a changed grader is reported but not flagged (the grader, not the learner,
moved). The result is stored, and the leaderboard marks learners with flagged attempts.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from autograde.progress import attempts
from autograde.engine import grading
from autograde.curriculum import project_root


@dataclass
class Regraded:
    attempt: attempts.Attempt
    regraded: float | None  # None: the unit can no longer be graded
    same_grader: bool
    note: str = ""

    @property
    def flagged(self) -> bool:
        return self.regraded is not None and self.same_grader and abs(self.regraded - self.attempt.score) > 1e-9


def regrade_attempts(store: sa.Engine, *, learner: str | None = None, root: Path | None = None) -> list[Regraded]:
    root = root or project_root()
    history = attempts.load(store, learner=learner)
    results: list[Regraded] = []
    for unit_id in sorted({a.unit for a in history}):
        mine = [a for a in history if a.unit == unit_id]
        try:
            grading.resolve_unit(unit_id, root)
        except LookupError as exc:
            results += [Regraded(a, None, False, f"not re-graded: {exc}") for a in mine]
            continue
        current = attempts.grader_version(unit_id, root)
        with tempfile.TemporaryDirectory(prefix="autograde-regrade-") as scratch:
            hashes = sorted({a.content_hash for a in mine})
            folders = [attempts.restore(attempts.snapshot_files(store, h), Path(scratch) / h) for h in hashes]
            regraded = dict(zip(hashes, grading.grade_many(unit_id, submissions=folders, root=root)))
        for attempt in mine:
            score = regraded[attempt.content_hash].score
            same = attempt.grader_version == current
            attempts.save_verification(store, attempt, regraded_score=score, same_grader=same)
            results.append(Regraded(attempt, score, same, "" if same else "the grader changed since"))
    return results


def describe(results: list[Regraded]) -> list[str]:
    lines = []
    for r in results:
        a = r.attempt
        head = f"#{a.id} {a.learner} {a.unit} {a.started_at:%Y-%m-%d %H:%M}: stored {a.score:g} / {a.max_score:g}"
        if r.regraded is None:
            lines.append(f"  ?  {head}; {r.note}")
        elif r.flagged:
            lines.append(f"FLAG {head}, re-graded {r.regraded:g}: does not reproduce")
        else:
            same = abs(r.regraded - a.score) <= 1e-9
            lines.append(f"  ok {head}" + ("" if same else f", re-graded {r.regraded:g} ({r.note})"))
    flagged = sum(r.flagged for r in results)
    lines.append(f"{len(results)} attempt(s) re-graded, {flagged} flagged")
    return lines
