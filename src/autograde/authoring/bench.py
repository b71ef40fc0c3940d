"""`make bench`: the wall time of `autograde check` beside its floor, measured side by side.

For each unit (default: every unit with content) the floor is a bare interpreter importing
the libraries that unit's graders and solution import (``python -c "import numpy, scipy"``):
no grader can be faster than loading what it uses. The two commands alternate, several
rounds, and the medians are compared, so machine noise hits both alike.

One more row compares classroom mode with self-study on the same code: ``nbgrader autograde``
of one student's notebook (the unit exported with ``autograde nbgrader export``, the student's
notebook holding the reference solution) against ``autograde check UNIT --submission`` that
same notebook, alternating in the same way.

The watch row (``WATCH_UNIT``): from a save of the learner's file to its report on screen, as
``autograde watch`` does it (``watchfiles``, the unit's warm session, the report rendered), beside
the same tests run in-process in a warm session of their own; the difference is what watching and
isolation add to the tests' own time, against ``WATCH_BUDGET_MS``.

Rows for code that never ends (``LOOP_UNITS``): ``autograde check`` of the stub with every
function a ``while True: pass``, against the target of ``LOOP_BUDGET_S``; ``--loops`` measures
only these, for any units.

``--validation`` measures instead what ``make test`` spends per unit: ``validate`` of each unit as
``make test`` runs it (one grading session: solution, course-style reference, stub, do-nothing
code, sampled mutants), two units side by side as on ``make test``'s two workers, and projects the
suite's validation part to the curriculum's full size: each unit without content yet is counted
at the mean of its course's units with content (the id before its first "-"), or of all of them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from autograde.curriculum import load, project_root
from autograde.engine.submission import imported_modules

_NOT_COUNTED = set(sys.stdlib_module_names) | {"pytest", "autograde", "_pytest"}


def unit_libraries(unit_id: str, root: Path) -> list[str]:
    """Third-party modules (dotted, e.g. scipy.linalg) the unit's graders and reference solution import."""
    found = set(imported_modules(root / "graders" / unit_id)) | set(imported_modules(root / "solutions" / unit_id))
    return sorted(name for name in found if name.split(".")[0] not in _NOT_COUNTED)


def _seconds(command: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return elapsed


def measure(unit_id: str, *, rounds: int, root: Path) -> dict:
    libraries = unit_libraries(unit_id, root)
    floor = [sys.executable, "-c", "import " + ", ".join(libraries or ["sys"])]
    check = [sys.executable, "-m", "autograde", "check", unit_id, "--json",
             "--submission", str(root / "solutions" / unit_id)]
    with tempfile.TemporaryDirectory(prefix="autograde-bench-") as scratch:
        # The check records its attempts as usual, but into a scratch store, not the learner's.
        env = {**os.environ, "AUTOGRADE_DB": f"sqlite:///{scratch}/attempts.sqlite"}
        _seconds(floor), _seconds(check, env)  # warm the file cache for both
        floors, checks = [], []
        for _ in range(rounds):
            floors.append(_seconds(floor))
            checks.append(_seconds(check, env))
    floor_s, check_s = statistics.median(floors), statistics.median(checks)
    return {"unit": unit_id, "libraries": libraries, "check_s": check_s, "floor_s": floor_s, "ratio": check_s / floor_s}


ISOLATION_UNIT = "18.06-lec4"  # a numpy unit: the isolation budget is stated for one
ISOLATION_BUDGET_MS = 50
ISOLATION_PAIRS = 21  # the difference is small beside machine noise: it needs more runs than the rest


def measure_isolation(unit_id: str, *, rounds: int, root: Path) -> dict:
    """What the jail, the worker's test processes and the verifier add to grading one submission:
    the same grading (a whole session, as ``check`` runs it) with full isolation and with none
    (learner code run inside the session, which exists only for this measurement), in pairs
    whose order alternates; the overhead is the median of the pairs' differences."""
    from autograde.engine import grading

    solution = root / "solutions" / unit_id

    def seconds(mode: str) -> float:
        started = time.perf_counter()
        report = grading.grade_many(unit_id, submissions=[solution], root=root, isolation=mode)[0]
        if not report.full_marks:
            raise RuntimeError(f"the solution of {unit_id} lost points with isolation={mode}")
        return time.perf_counter() - started

    pairs = _alternating(lambda: seconds("full"), lambda: seconds("none"), max(rounds, ISOLATION_PAIRS))
    tests = len(grading.grade_many(unit_id, submissions=[solution], root=root, isolation="none")[0].tests)
    return {"unit": unit_id, "tests": tests, "pairs": len(pairs),
            "full_s": statistics.median(p[0] for p in pairs), "none_s": statistics.median(p[1] for p in pairs),
            "overhead_ms": 1000 * statistics.median(full - none for full, none in pairs)}


WATCH_UNIT = "18.06-lec4"
WATCH_BUDGET_MS = 50


def measure_watch(unit_id: str, *, rounds: int, root: Path) -> dict:
    """Save → report through watch's own pieces, against in-process grading, in alternating pairs."""
    import queue
    import shutil
    import threading

    from autograde import report as reports
    from autograde import watch
    from autograde.engine import grading

    with tempfile.TemporaryDirectory(prefix="autograde-bench-watch-") as scratch, \
            grading.warm(unit_id, root=root) as grade, grading.warm(unit_id, root=root, isolation="none") as in_process:
        folder = Path(scratch) / unit_id
        shutil.copytree(root / "solutions" / unit_id, folder)
        module = sorted(folder.glob("*.py"))[0]
        events: queue.Queue = queue.Queue()
        stop = threading.Event()
        threading.Thread(target=watch._changes, args=(folder, stop, events), daemon=True).start()
        time.sleep(0.5)  # the watcher is up

        def saved() -> float:
            started = time.perf_counter()
            module.write_text(module.read_text() + "\n# saved\n")
            events.get(timeout=30)
            graded = grade(folder)
            reports.render(graded)
            if not graded.full_marks:
                raise RuntimeError(f"the solution of {unit_id} lost points in watch mode")
            return time.perf_counter() - started

        def tests_alone() -> float:
            started = time.perf_counter()
            reports.render(in_process(folder))
            return time.perf_counter() - started

        try:
            pairs = _alternating(saved, tests_alone, max(rounds, ISOLATION_PAIRS))
        finally:
            stop.set()
    return {"unit": unit_id, "pairs": len(pairs), "save_to_report_s": statistics.median(p[0] for p in pairs),
            "tests_s": statistics.median(p[1] for p in pairs),
            "overhead_ms": 1000 * statistics.median(watched - alone for watched, alone in pairs)}


LOOP_UNITS = ("18.06-lec5", "kaggle-python-3")
LOOP_BUDGET_S = 30.0


def measure_loops(unit_id: str, *, root: Path) -> dict:
    """One ``autograde check`` of the stub with every function looping forever (once: it takes seconds)."""
    from autograde.authoring import validate
    from autograde.curriculum import load as load_course

    unit = load_course(root / "curriculum.toml").unit(unit_id)
    with tempfile.TemporaryDirectory(prefix="autograde-bench-loops-") as scratch:
        looping = validate.build_looping(unit.folder("exercises", root), Path(scratch))
        env = {**os.environ, "AUTOGRADE_DB": f"sqlite:///{scratch}/attempts.sqlite"}
        check = [sys.executable, "-m", "autograde", "check", unit_id, "--json", "--submission", str(looping)]
        started = time.perf_counter()
        done = subprocess.run(check, capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - started
    tests = json.loads(done.stdout)["tests"]
    return {"unit": unit_id, "check_s": seconds, "tests": len(tests),
            "timeouts": sum(t["status"] == "timeout" for t in tests)}


def print_loops(units: list[str], root: Path) -> None:
    print(f"\nevery function `while True: pass`: autograde check, target {LOOP_BUDGET_S:g} s")
    print(f"{'unit':<16} {'check s':>8} {'timeouts':>9}")
    for unit_id in units:
        row = measure_loops(unit_id, root=root)
        print(f"{row['unit']:<16} {row['check_s']:>8.2f} {row['timeouts']:>4} / {row['tests']:<3}"
              f"{'' if row['check_s'] <= LOOP_BUDGET_S else '  over the target'}", flush=True)


def _alternating(first: Callable[[], float], second: Callable[[], float], count: int) -> list[tuple[float, float]]:
    """``count`` pairs of (first(), second()), run in alternating order after one warm-up pair."""
    first(), second()
    pairs = []
    for index in range(count):
        if index % 2 == 0:
            a = first()
            b = second()
        else:
            b = second()
            a = first()
        pairs.append((a, b))
    return pairs


def measure_classroom(unit_id: str, *, rounds: int, root: Path) -> dict:
    """``nbgrader autograde`` of one student against ``autograde check`` of the same notebook."""
    import shutil

    from autograde.notebooks import classroom

    with tempfile.TemporaryDirectory(prefix="autograde-bench-course-") as scratch:
        course = Path(scratch) / "course"
        classroom.export([unit_id], course=course, root=root)
        env = {**os.environ, "AUTOGRADE_DB": f"sqlite:///{scratch}/attempts.sqlite",
               "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
        _seconds([sys.executable, "-m", "nbgrader", "generate_assignment", unit_id], env, cwd=course)
        submitted = course / "submitted" / "student" / unit_id / f"{unit_id}.ipynb"
        submitted.parent.mkdir(parents=True)
        shutil.copy(course / "source" / unit_id / f"{unit_id}.ipynb", submitted)
        nbgrader = [sys.executable, "-m", "nbgrader", "autograde", unit_id, "--student", "student", "--force"]
        check = [sys.executable, "-m", "autograde", "check", unit_id, "--json", "--submission", str(submitted)]
        _seconds(nbgrader, env, cwd=course), _seconds(check, env)  # warm the file cache for both
        nbgraders, checks = [], []
        for _ in range(rounds):
            nbgraders.append(_seconds(nbgrader, env, cwd=course))
            checks.append(_seconds(check, env))
    nbgrader_s, check_s = statistics.median(nbgraders), statistics.median(checks)
    return {"unit": unit_id, "nbgrader_s": nbgrader_s, "check_s": check_s, "ratio": nbgrader_s / check_s}


def measure_validation(units: list[str], *, root: Path, workers: int = 2) -> None:
    import concurrent.futures

    from autograde.authoring import validate

    print(f"validate as make test runs it, {workers} units side by side (wall seconds each)\n")
    print(f"{'unit':<16} {'validate s':>10}  ok")

    def timed(unit_id: str) -> tuple[float, bool]:
        started = time.perf_counter()
        ok = validate.validate_unit(unit_id, root=root, sampled=True).ok
        return time.perf_counter() - started, ok

    spent: dict[str, float] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for unit_id, (seconds, ok) in zip(units, pool.map(timed, units)):
            spent[unit_id] = seconds
            print(f"{unit_id:<16} {seconds:>10.2f}  {'ok' if ok else 'FAIL'}", flush=True)
    projected = project_validation(spent, [u.id for u in load().units])
    print(f"\n{len(units)} units: {sum(spent.values()):.0f} s in all, {statistics.mean(spent.values()):.2f} s per unit "
          f"(median {statistics.median(spent.values()):.2f}, max {max(spent.values()):.2f})")
    print(f"projected validation part of make test at {len(load().units)} units over {workers} workers: "
          f"{projected / workers / 60:.1f} min")


def project_validation(spent: dict[str, float], curriculum: list[str]) -> float:
    """The seconds every unit of ``curriculum`` would take, one after another: a measured unit its
    own time, any other the mean of its course's measured units (or of all of them)."""
    by_course: dict[str, list[float]] = {}
    for unit_id, seconds in spent.items():
        by_course.setdefault(unit_id.split("-")[0], []).append(seconds)
    overall = statistics.mean(spent.values())
    return sum(spent.get(u) or statistics.mean(by_course.get(u.split("-")[0], [overall])) for u in curriculum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m autograde.authoring.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("units", nargs="*", help="unit ids (default: every unit with content)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating runs of each command (median taken)")
    parser.add_argument("--classroom", default="18.06-lec4", metavar="UNIT",
                        help="the unit of the nbgrader row, when it is among the units measured (default 18.06-lec4)")
    parser.add_argument("--validation", action="store_true",
                        help="time `validate` of each unit and project it to the whole curriculum instead")
    parser.add_argument("--loops", action="store_true",
                        help="only the rows of code that never ends, for the units given (default: "
                             + ", ".join(LOOP_UNITS) + ")")
    args = parser.parse_args(argv)
    root = project_root()
    units = args.units or [u.id for u in load().units if u.has_content(root)]
    if args.validation:
        measure_validation(units, root=root)
        return 0
    if args.loops:
        print_loops(args.units or list(LOOP_UNITS), root)
        return 0

    print(f"autograde check (solution submission) vs. import floor; median of {args.rounds} alternating runs\n")
    header = f"{'unit':<14} {'check s':>8} {'floor s':>8} {'ratio':>6}  floor imports"
    print(header)
    print("-" * len(header))
    for unit_id in units:
        row = measure(unit_id, rounds=args.rounds, root=root)
        print(f"{row['unit']:<14} {row['check_s']:>8.3f} {row['floor_s']:>8.3f} {row['ratio']:>6.2f}  "
              f"{', '.join(row['libraries']) or '(none)'}", flush=True)

    if ISOLATION_UNIT in units:
        row = measure_isolation(ISOLATION_UNIT, rounds=args.rounds, root=root)
        print(f"\nisolation (jail, test processes, verifier) on {row['unit']}, {row['tests']} tests, "
              f"{row['pairs']} alternating pairs; budget {ISOLATION_BUDGET_MS} ms")
        print(f"{'isolated s':>10} {'in-process s':>12} {'overhead ms':>11}  (median of the pairs' differences)")
        print(f"{row['full_s']:>10.3f} {row['none_s']:>12.3f} {row['overhead_ms']:>11.1f}", flush=True)

    if WATCH_UNIT in units:
        row = measure_watch(WATCH_UNIT, rounds=args.rounds, root=root)
        print(f"\nwatch on {row['unit']}: a save to its report on screen vs. the same tests in-process, "
              f"{row['pairs']} alternating pairs; budget {WATCH_BUDGET_MS} ms + the tests' own time")
        print(f"{'save→report s':>13} {'tests s':>8} {'overhead ms':>11}")
        print(f"{row['save_to_report_s']:>13.3f} {row['tests_s']:>8.3f} {row['overhead_ms']:>11.1f}", flush=True)

    if args.classroom and args.classroom in units:
        row = measure_classroom(args.classroom, rounds=args.rounds, root=root)
        print(f"\nclassroom mode on {row['unit']}: nbgrader autograde of one student's notebook vs. "
              f"autograde check of the same notebook")
        print(f"{'nbgrader s':>10} {'check s':>8} {'ratio':>6}")
        print(f"{row['nbgrader_s']:>10.3f} {row['check_s']:>8.3f} {row['ratio']:>6.2f}", flush=True)

    print_loops([u for u in LOOP_UNITS if u in units], root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
