"""`autograde watch [UNIT]`: grade the learner's workspace again on every save, like rustlings.

Each save of a ``.py`` file in ``work/<unit>/`` (found by ``watchfiles``) re-grades it and redraws
the report in place, with the attempt recorded as ``check`` does.  Keys, on a terminal: ``h`` the
hints of the tests not passed yet, ``n`` the next unit once this one has full marks, ``r`` grade
again now, ``q`` (or Ctrl-C) quit.  Without a terminal it just prints each report, until its input
ends or it is interrupted.

The unit's grading session stays up while it is watched (``grading.warm``): a save costs the
tests' own time and a few milliseconds, while the learner's code still runs in a fresh jail and
every pass is re-checked by the verifier.  Saves and keys arrive on one queue, as they happen.
"""

from __future__ import annotations

import contextlib
import functools
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
def _keys(events: queue.Queue) -> Iterator[None]:
    """Put single key presses on ``events`` as ``("key", k)`` (a terminal in cbreak mode, restored
    on exit); a line at a time where the input is not a terminal; "q" when the input ends."""
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
            events.put(("key", key.lower()))
            if key == "q":
                return

    threading.Thread(target=read, daemon=True).start()
    try:
        yield
    finally:
        if saved is not None:
            import termios

            termios.tcsetattr(sys.stdin.fileno(), termios.TCSADRAIN, saved)


def _changes(folder: Path, stop: threading.Event, events: queue.Queue) -> None:
    """Put each batch of saved ``.py`` files in ``folder`` on ``events`` as ``("saved", folder, names)``."""
    import watchfiles

    # step: a batch ends after 2 ms without another change (an editor's write and rename are one save)
    for found in watchfiles.watch(folder, stop_event=stop, watch_filter=watchfiles.PythonFilter(), rust_timeout=200,
                                  yield_on_timeout=False, step=2):
        events.put(("saved", folder, sorted(Path(p).name for _, p in found)))


def run(unit_id: str | None, *, learner: str | None = None, record: Callable | None = None,
        out=sys.stdout) -> int:
    """Watch ``unit_id`` (default: the learner's next unit) until the learner quits."""
    unit = grading.resolve_unit(unit_id or next_unit(learner))
    tty = out.isatty()
    events: queue.Queue = queue.Queue()
    with _keys(events):
        while unit is not None:
            with grading.warm(unit.id) as grade:
                unit = _watch_unit(unit, grade, events, record, out, tty, learner)
    return 0


def _watch_unit(unit, grade: Callable, events: queue.Queue, record, out, tty: bool, learner: str | None):
    """Watch one unit, graded by ``grade`` (its warm session); return the unit to watch next, or None to stop."""
    folder, notes = workspace.ensure(unit)
    stop = threading.Event()
    threading.Thread(target=_changes, args=(folder, stop, events), daemon=True).start()
    show = functools.partial(_grade, unit, grade, folder, out=out, tty=tty, record=record)
    try:
        graded = show(notes, why="started")
        while True:
            kind, *what = events.get()
            if kind == "saved":
                if what[0] != folder:
                    continue  # an earlier unit's watcher, just stopped
                names, later = set(what[1]), []
                while not events.empty():  # saved again meanwhile: one re-grade for all; keys after it
                    event = events.get_nowait()
                    if event[0] != "saved":
                        later.append(event)
                    elif event[1] == folder:
                        names |= set(event[2])
                graded = show([], why=f"saved {', '.join(sorted(names))}")
                for event in later:
                    events.put(event)
                continue
            key = what[0]
            if key == "q":
                print("bye", file=out, flush=True)
                return None
            if key == "h":
                open_tests = [t for t in graded.tests if not t.passed]
                print("\n".join([f"- {t.name}: {t.hint}" for t in open_tests] or ["every test passes"]), file=out, flush=True)
            elif key == "r":
                graded = show([], why="re-grade")
            elif key == "n" and graded.full_marks:
                following = next_unit(learner)
                if following != unit.id:
                    return grading.resolve_unit(following)
                print("no other unit is open to you yet", file=out, flush=True)
    finally:
        stop.set()


def _grade(unit, grade: Callable, folder: Path, notes: list[str], *, out, tty: bool, record, why: str):
    started = datetime.now(timezone.utc)
    if tty:
        print("\033[2J\033[H", end="", file=out)
    print(f"grading {unit.id} ({why}) ...", file=out, flush=True)
    graded = grade(folder)
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
