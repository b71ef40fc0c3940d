"""The roadmap and the leaderboard, as a learner sees them (fixed width, no colour)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from autograde import curriculum
from autograde.progress import leaderboard, roadmap
from autograde.progress.attempts import Attempt
from conftest import REPO, run_cli

NOON = datetime(2026, 11, 20, 12, 0, tzinfo=timezone.utc)


def attempt(learner, unit, score, max_score, when=NOON, reproduced=None, number=[0]):
    number[0] += 1
    return Attempt(number[0], learner, unit, score, max_score, when, 1.0, "g", "h", reproduced=reproduced)


@pytest.fixture(scope="module")
def course():
    return curriculum.load(REPO / "curriculum.toml")


def first_open_unit(course, done: set[str]):
    """The first unit in manifest order that has content and is not done (the roadmap's "next"
    while the units before it have no prerequisites of their own left open)."""
    return next(u for u in course.units if u.has_content(REPO) and u.id not in done)


def test_roadmap_marks_rows_counts_pulse_and_next_unit(course):
    history = [
        attempt("ana", "18.06-lec4", 3, 14),
        attempt("ana", "18.06-lec4", 14, 14),  # the best attempt counts
        attempt("ana", "18.06-lec5", 10, 38),
        attempt("ana", "ai4med-c2w1", 27, 27),
    ]
    data = roadmap.build(course, history, REPO, learner="ana")
    assert data["done"] == 2 and data["total"] == 200
    assert data["gradable"] == sum(u.has_content(REPO) for u in course.units)
    assert data["pulse"] == {"math": 1, "code": 0, "target": [3, 1]}
    rows = {r["label"]: r for s in data["sections"] for r in s["rows"]}
    assert rows["MIT 18.06: Lec 1-4 (Matrix Mechanics)"]["mark"] == "done"  # every unit with content is done
    assert rows["MIT 18.06: Lec 5-14 (Vector Spaces)"]["mark"] == "started"
    assert rows["KA Precalc: Unit 1 (Composite/Inverse)"]["mark"] == ""
    assert data["next"]["id"] == first_open_unit(course, {"18.06-lec4"}).id  # first unit with content not done
    assert [s["locked_by"] for s in data["sections"]] == [[], ["1"], [], []]


def test_next_unit_follows_prerequisites_and_phase_lock(course, tmp_path):
    for area in ("exercises", "solutions", "graders"):  # a tiny tree: two Phase 1 units and one in Phase 2
        for unit_id in ("18.06-lec4", "18.06-lec5", "kaggle-intro-dl-1"):
            (tmp_path / area / unit_id).mkdir(parents=True)
    data = roadmap.build(course, [], tmp_path, learner="ben")
    assert data["next"]["id"] == "18.06-lec4"
    data = roadmap.build(course, [attempt("ben", "18.06-lec4", 1, 1)], tmp_path, learner="ben")
    assert data["next"]["id"] == "18.06-lec5" and data["sections"][1]["locked_by"] == ["1"]
    done_phase_1 = [attempt("ben", "18.06-lec4", 1, 1), attempt("ben", "18.06-lec5", 2, 2)]
    data = roadmap.build(course, done_phase_1, tmp_path, learner="ben")
    assert data["sections"][1]["locked_by"] == [] and data["next"]["id"] == "kaggle-intro-dl-1"


def test_roadmap_renders_at_80_columns_without_colour(course):
    data = roadmap.build(course, [attempt("ana", "18.06-lec4", 14, 14)], REPO, learner="ana", phase="2")
    text = roadmap.render(data, width=80, plain=True)
    lines = text.splitlines()
    upcoming = first_open_unit(course, {"18.06-lec4"})
    assert lines[0] == f"Next: {upcoming.id} - {upcoming.title}"  # first: what to do now
    right = f"1 / {data['gradable']} units done ({200 - data['gradable']} planned)"  # counts of units with exercises
    assert lines[1] == "Roadmap of ana".ljust(80 - len(right)) + right
    assert lines[2] == "Pulse Protocol: math 1 : code 0 (target 3 : 1)"
    phase_2 = data["sections"][0]
    assert lines[4] == "Phase 2: The Clinical Rotations (locked until phase 1 is complete)".ljust(75) + \
        f"0 / {phase_2['gradable']}"
    shown = [r for r in phase_2["rows"] if r["gradable"]]  # rows without exercises are counted, not listed
    assert [line[6:].split("  ")[0] for line in lines[5:5 + len(shown)]] == [r["label"] for r in shown]
    assert lines[5 + len(shown)] == f"  ({sum(not r['gradable'] for r in phase_2['rows'])} row(s) planned, no exercises yet)"
    assert all(len(line) <= 80 for line in lines) and "\x1b" not in text
    emoji = roadmap.render(data, width=80, plain=False)
    assert all(roadmap.columns(line) <= 80 for line in emoji.splitlines())


@pytest.mark.parametrize("width", [1, 5, 12, 19, 24, 40])
def test_roadmap_renders_in_narrow_terminals(course, width):
    """Once a hang: a line narrower than its figures never ended."""
    data = roadmap.build(course, [attempt("ana", "18.06-lec4", 14, 14)], REPO, learner="ana", phase="2")
    lines = roadmap.render(data, width=width, plain=False).splitlines()
    figures = f"1 / {data['gradable']} units done ({200 - data['gradable']} planned)"
    spread = [line for line in lines if line.endswith(("planned)", f"0 / {data['sections'][0]['gradable']}"))]
    assert spread and all(roadmap.columns(line) <= max(width, len(figures)) for line in spread)
    assert any(line.endswith(figures) for line in lines)


def test_the_whole_roadmap_fits_a_24_line_screen_next_first(course):
    data = roadmap.build(course, [attempt("ana", "18.06-lec4", 14, 14)], REPO, learner="ana")
    lines = roadmap.render(data, width=80, plain=True, brief=True).splitlines()
    assert lines[0].startswith("Next: ") and len(lines) <= 23 and all(len(line) <= 80 for line in lines)
    assert 0 < sum(line.startswith("  [") for line in lines) <= roadmap.BRIEF_ROWS  # the next unit's phase only
    assert all(sum(line.startswith(section["title"]) for line in lines) == 1 for section in data["sections"])


def test_standings_rank_by_best_points_with_deterministic_ties():
    today = date(2026, 11, 22)
    history = [
        attempt("cara", "u1", 5, 10, NOON), attempt("cara", "u1", 10, 10, NOON + timedelta(days=1)),
        attempt("dev", "u1", 10, 10, NOON), attempt("dev", "u2", 0, 5, NOON - timedelta(days=3)),
        attempt("eli", "u2", 5, 5, NOON), attempt("eli", "u3", 5, 5, NOON + timedelta(days=2)),
        attempt("fay", "u1", 10, 10, NOON),  # ties dev on points and units, same last activity: by name
    ]
    table = leaderboard.standings(history, today=today)
    assert [s.learner for s in table] == ["eli", "dev", "fay", "cara"]
    assert [(s.points, s.completed, s.streak) for s in table] == [(10, 2, 1), (10, 1, 0), (10, 1, 0), (10, 1, 2)]


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = date(2026, 11, 22)
    days = {today - timedelta(days=n) for n in (1, 2, 3, 5)}
    assert leaderboard.streak(days, today) == 3
    assert leaderboard.streak(days | {today}, today) == 4
    assert leaderboard.streak({today - timedelta(days=2)}, today) == 0


def test_leaderboard_renders_at_80_columns():
    table = leaderboard.standings([attempt("a-very-long-learner-name-indeed", "u1", 3, 4, reproduced=False),
                                   attempt("zoe", "u1", 4, 4)], today=date(2026, 11, 20))
    lines = leaderboard.render(table, title="Leaderboard").splitlines()
    assert lines[1] == "  #  learner                  points  units  streak  last activity"
    assert lines[3] == "  1  zoe                           4      1      1d  2026-11-20 12:00"
    assert lines[4] == "  2  a-very-long-learner-…!        3      0      1d  2026-11-20 12:00"
    assert lines[-1].startswith("! a counted attempt did not reproduce")
    assert all(len(line) <= 80 for line in lines)


def test_two_learners_on_real_units_see_marks_ranks_and_next_unit(course):
    def check(learner, unit, folder, *more):
        return run_cli("check", unit, "--submission", str(REPO / folder / unit), "--learner", learner, *more)

    solved = check("alice", "18.06-lec4", "solutions", "--json")
    assert solved.returncode == 0
    full = f"{json.loads(solved.stdout)['max_score']:g}"  # the unit's points, whatever its graders give
    assert check("alice", "18.06-lec5", "exercises").returncode == 1
    assert check("bob", "18.06-lec4", "exercises").returncode == 1
    progress = json.loads(run_cli("progress", "--learner", "alice", "--json").stdout)
    rows = {r["label"]: r["mark"] for s in progress["sections"] for r in s["rows"]}
    assert rows["MIT 18.06: Lec 1-4 (Matrix Mechanics)"] == "done"
    assert rows["MIT 18.06: Lec 5-14 (Vector Spaces)"] == "started"
    assert progress["next"]["id"] == first_open_unit(course, {"18.06-lec4"}).id and progress["done"] == 1
    shown = run_cli("progress", "--learner", "bob", "--unit", "18.06-lec4").stdout
    assert "[~] MIT 18.06: Lec 1-4 (Matrix Mechanics)" in shown and "0 / 1 +3" in shown
    board = run_cli("leaderboard").stdout.splitlines()
    assert board[3].split()[:4] == ["1", "alice", full, "1"] and board[4].split()[:4] == ["2", "bob", "0", "0"]
    only_lec5 = run_cli("leaderboard", "--unit", "18.06-lec5").stdout
    assert "alice" in only_lec5 and "bob" not in only_lec5
    future = run_cli("leaderboard", "--since", "2999-01-01").stdout
    assert "no attempts yet" in future
    assert run_cli("leaderboard", "--since", "yesterday").returncode == 2


def test_leaderboard_watch_redraws_until_ctrl_c(demo_root):
    import signal
    import subprocess
    import sys
    import time

    run_cli("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"), "--learner", "gil")
    watch = subprocess.Popen([sys.executable, "-m", "autograde", "leaderboard", "--watch", "0.2"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen, deadline = [], time.monotonic() + 120  # wait for two redraws, however loaded the machine
    while sum("Leaderboard" in line for line in seen) < 2 and time.monotonic() < deadline:
        seen.append(watch.stdout.readline())
    watch.send_signal(signal.SIGINT)
    out, _ = watch.communicate(timeout=60)
    assert watch.returncode == 130
    assert sum("Leaderboard" in line for line in seen) >= 2 and "gil" in "".join(seen) + out
