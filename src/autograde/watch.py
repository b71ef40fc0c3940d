"""`autograde watch [UNIT]`: grade the learner's workspace again on every save, like rustlings.

Each save of a ``.py`` file in ``work/<unit>/`` (found by ``watchfiles``) re-grades it through the
one entry point and redraws the report in place, with the attempt recorded as ``check`` does.
Keys, on a terminal: ``h`` the hints of the tests not passed yet, ``n`` the next unit once this one
has full marks, ``r`` grade again now, ``q`` (or Ctrl-C) quit.  Without a terminal it just
prints each report, until its input ends or it is interrupted.

Every check starts a grading session of its own (graders and libraries are imported anew).
"""

from __future__ import annotations

import contextlib
import os
import queue
import sys
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

from autograde import curriculum, report, workspace
from autograde.engine import grading

KEYS = "save a file to grade it again · h hints · r re-grade · n next unit (after full marks) · q quit"


def next_unit(learner: str | None) -> str:
    """The learner's next recommended unit (the roadmap's), or the first unit with content."""
    from autograde.progress import attempts, roadmap

    course = curriculum.load()
    try:
        name = attempts.learner_name(learner)
        data = roadmap.build(course, attempts.load(attempts.open_store()), curriculum.project_root(), learner=name)
        if data.get("next"):
            return data["next"]["id"]
    except attempts.StoreError:
        pass
    return next(u.id for u in course.units if u.has_content())


@contextlib.contextmanager
def _keys() -> Iterator[queue.Queue]:
    """Single key presses, as they come (a terminal in cbreak mode, restored on exit); a line at
    a time where the input is not a terminal; "q" when the input ends."""
    pressed: queue.Queue = queue.Queue()
    interactive = sys.stdin.isatty()
    saved = None
    if interactive:
        import termios
        import tty

        saved = termios.tcgetattr(sys.stdin.fileno())
        tty.setcbreak(sys.stdin.fileno())

    def read() -> None:
        while True:
            if interactive:
                key = os.read(sys.stdin.fileno(), 1).decode(errors="replace")
                if not key:  # the terminal went away
                    key = "q"
            else:
                line = sys.stdin.readline()
                key = line.strip()[:1] if line else "q"
            pressed.put(key.lower())
            if key == "q":
                return

    threading.Thread(target=read, daemon=True).start()
    try:
        yield pressed
    finally:
        if saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)


def _changes(folder: Path, stop: threading.Event, changed: queue.Queue) -> None:
    import watchfiles

    for found in watchfiles.watch(folder, stop_event=stop, watch_filter=watchfiles.PythonFilter(), rust_timeout=200,
                                  yield_on_timeout=False):
        changed.put(sorted(Path(p).name for _, p in found))


def run(unit_id: str | None, *, learner: str | None = None, record: Callable | None = None,
        out=sys.stdout) -> int:
    """Watch ``unit_id`` (default: the learner's next unit) until the learner quits."""
    unit = grading.resolve_unit(unit_id or next_unit(learner))
    tty = out.isatty()
    with _keys() as pressed:
        while unit is not None:
            unit = _watch_unit(unit, pressed, record, out, tty, learner)
    return 0


def _watch_unit(unit, pressed: queue.Queue, record, out, tty: bool, learner: str | None):
    """Watch one unit; return the unit to watch next, or None to stop."""
    folder, notes = workspace.ensure(unit)
    stop, events = threading.Event(), queue.Queue()
    threading.Thread(target=_changes, args=(folder, stop, events), daemon=True).start()
    try:
        graded = _grade(unit, folder, notes, out, tty, record, why="started")
        while True:
            while not events.empty():  # several saves while grading: one re-grade for all of them
                changed = events.get()
                graded = _grade(unit, folder, [], out, tty, record, why=f"saved {', '.join(changed)}")
            try:
                key = pressed.get(timeout=0.1)
            except queue.Empty:
                continue
            if key == "q":
                print("bye", file=out, flush=True)
                return None
            if key == "h":
                open_tests = [t for t in graded.tests if not t.passed]
                print("\n".join([f"- {t.name}: {t.hint}" for t in open_tests] or ["every test passes"]), file=out, flush=True)
            elif key == "r":
                graded = _grade(unit, folder, [], out, tty, record, why="re-grade")
            elif key == "n" and graded.full_marks:
                following = next_unit(learner)
                if following != unit.id:
                    return grading.resolve_unit(following)
                print("no other unit is open to you yet", file=out, flush=True)
    finally:
        stop.set()


def _grade(unit, folder: Path, notes: list[str], out, tty: bool, record, why: str):
    started = datetime.now(timezone.utc)
    if tty:
        print("\033[2J\033[H", end="", file=out)
    print(f"grading {unit.id} ({why}) ...", file=out, flush=True)
    graded = grading.grade(unit.id, submission=folder)
    graded.submission = grading.display(folder)
    if tty:
        print("\033[2J\033[H", end="", file=out)
    for note in notes:
        print(f"note: {note}", file=out)
    report.show(report.render(graded), file=out)
    if graded.full_marks:
        print("Full marks! Press n for your next unit.", file=out)
    print(f"\n[{datetime.now():%H:%M:%S}] watching {grading.display(folder)}: {KEYS}", file=out, flush=True)
    if record is not None:
        record(graded, started, folder)
    return graded
