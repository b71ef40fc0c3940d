"""`autograde leaderboard`: learners ranked by what their attempts earned.

Per learner, over the attempts that pass the filters: total points (the best attempt of each
unit counts), units completed (full marks), the current daily streak (consecutive days with at
least one attempt, ending today or yesterday), and the last activity. Ties are broken by units
completed, then by who got there first (earlier last activity), then by name, so the order is
the same on every run. A learner whose counted best attempt failed `autograde regrade` is
marked with "!" (unverifiable).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from autograde.progress.attempts import Attempt
from autograde.progress.roadmap import columns


@dataclass
class Standing:
    learner: str
    points: float
    completed: int
    streak: int
    last_activity: datetime
    unverified: bool


def standings(attempts: list[Attempt], *, today: date | None = None) -> list[Standing]:
    today = today or datetime.now(timezone.utc).date()
    by_learner: dict[str, list[Attempt]] = {}
    for attempt in attempts:
        by_learner.setdefault(attempt.learner, []).append(attempt)
    table = []
    for learner, mine in by_learner.items():
        best: dict[str, Attempt] = {}
        for attempt in mine:
            if attempt.unit not in best or attempt.score > best[attempt.unit].score:
                best[attempt.unit] = attempt
        table.append(Standing(
            learner=learner,
            points=sum(a.score for a in best.values()),
            completed=sum(a.full_marks for a in best.values()),
            streak=streak({a.started_at.date() for a in mine}, today),
            last_activity=max(a.started_at for a in mine),
            unverified=any(a.reproduced is False for a in best.values()),
        ))
    return sorted(table, key=lambda s: (-s.points, -s.completed, s.last_activity, s.learner))


def streak(days: set[date], today: date) -> int:
    """Consecutive days with activity, ending today (or yesterday: today may not have started yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def render(table: list[Standing], *, width: int = 80, title: str = "Leaderboard") -> str:
    """A fixed-width table that fits ``width`` columns (80 by default); plain text, no colour."""
    header = f"{'#':>3}  {'learner':<22} {'points':>8} {'units':>6} {'streak':>7}  last activity"
    lines = [title, header, "-" * min(width, columns(header) + 3)]
    for rank, s in enumerate(table, start=1):
        name = s.learner if len(s.learner) <= 21 else s.learner[:20] + "…"
        flag = "!" if s.unverified else " "
        lines.append(
            f"{rank:>3}  {name + flag:<22} {s.points:>8g} {s.completed:>6} {s.streak:>6}d  "
            f"{s.last_activity.strftime('%Y-%m-%d %H:%M')}"
        )
    if not table:
        lines.append("  no attempts yet: `autograde check UNIT` records one")
    if any(s.unverified for s in table):
        lines.append("! a counted attempt did not reproduce under `autograde regrade`")
    return "\n".join(line[:width] for line in lines)
