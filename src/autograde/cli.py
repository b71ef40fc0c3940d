"""The `autograde` command: a thin layer over the keyword-only functions of the package.

Exit status: 0 success / full marks, 1 less than full marks (or a validation problem),
2 usage error (unknown unit, planned unit without content, bad arguments).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import sys
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from autograde import curriculum, report, workspace
from autograde.notebooks import convert
from autograde.engine import grading, intake
from autograde.errors import UsageError

EPILOG = """\
examples:
  autograde list --phase 1 --status content
  autograde check 18.06-lec5                 grade your work in work/18.06-lec5/ (made from the stub)
  autograde check 18.06-lec5 --json          one JSON object, for tools
  autograde watch 18.06-lec5                 grade your work again on every save (q quits)
  autograde hint 18.06-lec5                  hints for the tests you do not pass yet
  autograde solution 18.06-lec5              the reference solution, once you have full marks
  autograde reset 18.06-lec5 plu             put plu's stub back in your work (a backup is kept)
  autograde diff 18.06-lec5                  how the unit's stub changed since you started
  autograde new 18.06-lec6                   scaffold a unit (authors)
  autograde validate                         prove every unit's graders (authors)
  autograde mutate 18.06-lec5                grade every automatic mutant of its solution (authors)
  autograde progress                         your roadmap and the next unit to study
  autograde leaderboard --since 2026-11-01   the study group's standings
  autograde regrade                          re-grade stored attempts; flag any that do not reproduce
  autograde notebook 18.06-lec4              write work/18.06-lec4/18.06-lec4.ipynb for Jupyter
  autograde check 18.06-lec4 --submission work/18.06-lec4/18.06-lec4.ipynb     grade a notebook
  autograde nbgrader export 18.06-lec4 18.01-lec2 --course course   units as nbgrader assignments

your work lives in work/UNIT/ ($AUTOGRADE_WORKSPACE moves it); exercises/ is the curriculum
attempts are stored in $AUTOGRADE_DB (an SQLAlchemy URL), by default
sqlite:///~/.local/share/autograde/attempts.sqlite

exit status: 0 full marks / success, 1 less than full marks, 2 usage error
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="autograde",
        description="Graded exercises for the medical data science curriculum.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    listing = commands.add_parser("list", help="the units of the curriculum and whether they have content")
    listing.add_argument("--phase", help="1, 2, 3 or ai4med")
    listing.add_argument("--row", help="only rows whose label contains this text (case-insensitive)")
    listing.add_argument("--status", choices=("planned", "content"), help="planned units or units with content")
    listing.add_argument("--json", action="store_true", help="print a JSON list")

    def with_submission(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("unit", help="unit id, e.g. 18.06-lec5")
        sub.add_argument("--submission", type=Path,
                         help="folder to grade, a .py file (a unit with one module), or a notebook "
                              "(.ipynb): its code cells, in order (default: your work, work/UNIT/)")
        return sub

    check = with_submission("check", "grade a submission, print the report and record the attempt")
    check.add_argument("--json", action="store_true", help="print exactly one JSON object")
    check.add_argument("--learner", help="who is graded (default: $AUTOGRADE_LEARNER, git user.name, OS user)")
    check.add_argument("--no-record", action="store_true", help="do not store this attempt")

    progress = commands.add_parser("progress", help="your roadmap: rows done, Pulse balance, next unit")
    progress.add_argument("--learner", help="whose roadmap (default: as for check)")
    progress.add_argument("--phase", help="only this phase: 1, 2, 3 or ai4med")
    progress.add_argument("--unit", help="only the row of this unit")
    progress.add_argument("--json", action="store_true", help="print the roadmap as JSON")

    board = commands.add_parser("leaderboard", help="learners ranked by points (best attempt per unit)")
    board.add_argument("--phase", help="count only units of this phase")
    board.add_argument("--unit", help="count only this unit")
    board.add_argument("--since", type=_date, help="count only attempts on or after DATE (YYYY-MM-DD)")
    board.add_argument("--watch", nargs="?", const=5.0, type=float, metavar="SECONDS",
                       help="redraw every SECONDS (default 5) until Ctrl-C")
    board.add_argument("--json", action="store_true", help="print the standings as JSON")

    regrade = commands.add_parser("regrade", aliases=["verify"],
                                  help="re-grade stored snapshots; flag scores that do not reproduce")
    regrade.add_argument("--learner", help="only this learner's attempts")
    with_submission("hint", "show the hints of the tests that do not pass yet")
    solution = with_submission("solution", "show the reference solution (after full marks)")
    solution.add_argument("--force", action="store_true", help="show it anyway (a warning is printed)")

    watching = commands.add_parser(
        "watch", help="grade your work again on every save (h hints, n next unit, q quit)",
        description="Watch work/UNIT/ (default: your next unit on the roadmap): every save of a .py file grades it "
                    "again and redraws the report; each attempt is recorded as `check` records it. Keys: h the hints "
                    "of the tests not passed yet, r grade again, n the next unit after full marks, q quit.")
    watching.add_argument("unit", nargs="?", help="unit id (default: your next unit)")
    watching.add_argument("--learner", help="who is graded (default: as for check)")
    watching.add_argument("--no-record", action="store_true", help="do not store the attempts")
    reset = commands.add_parser("reset", help="put the stub back in your work: one function or the whole unit",
                                description="Put the unit's stub back in work/UNIT/: FUNCTION only, or every file. "
                                            "What it replaces is kept in work/UNIT/.autograde/backup/.")
    reset.add_argument("unit", help="unit id, e.g. 18.06-lec5")
    reset.add_argument("function", nargs="?", help="only this exercise function (default: the whole unit)")
    changes = commands.add_parser("diff", help="how the unit's stub (its contract) changed since you started it")
    changes.add_argument("unit", help="unit id, e.g. 18.06-lec5")

    new = commands.add_parser("new", help="scaffold exercise, solution, grader and mutants for a unit id")
    new.add_argument("unit")
    new.add_argument("--module", help="module name of the exercise file (default: derived from the title)")

    nb = commands.add_parser(
        "notebook", help="write a notebook to work a unit in Jupyter (grade it with check --submission)",
        description="Write a notebook for UNIT: its README, the given code, and one cell per exercise with the "
                    "signature, the docstring and `raise NotImplementedError`. Grade it, saved, with "
                    "`autograde check UNIT --submission NOTEBOOK.ipynb`: every code cell counts, in order; "
                    "a cell that raises is reported and the cells after it still count.")
    nb.add_argument("unit", help="unit id, e.g. 18.06-lec4")
    nb.add_argument("-o", "--output", type=Path, help="where to write it (default: work/UNIT/UNIT.ipynb)")
    nb.add_argument("--force", action="store_true", help="replace the file if it exists (your work in it is lost)")

    nbgrader = commands.add_parser(
        "nbgrader", help="classroom mode: units as nbgrader assignments",
        description="Classroom mode with nbgrader 0.9 (see the README section \"Classroom mode\").",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="then, in the course folder (with .venv/bin on PATH: nbgrader runs its helpers from there):\n"
               "  nbgrader generate_assignment UNIT       the release: no solution, no hidden test\n"
               "  nbgrader autograde UNIT                 grades submitted/<student>/UNIT/UNIT.ipynb with autograde\n"
               "  nbgrader generate_feedback UNIT         HTML feedback: results and hints, never a hidden test")
    steps = nbgrader.add_subparsers(dest="step", required=True, metavar="STEP")
    export = steps.add_parser(
        "export", help="create or update an nbgrader course directory with one assignment per unit",
        description="Create (or update) an nbgrader course directory: nbgrader_config.py and "
                    "source/UNIT/UNIT.ipynb for each unit (its README, locked setup cells, one solution cell per "
                    "exercise, one autograded test cell per grader test with that test's points). The assignment "
                    "and the notebook are named after the unit id.")
    export.add_argument("units", nargs="+", metavar="UNIT", help="unit ids with content")
    export.add_argument("--course", type=Path, required=True, help="the course directory (created if missing)")
    export.add_argument("--course-id", help="nbgrader's course_id (default: the course directory's name)")
    export.add_argument("--allow-degraded", action="store_true",
                        help="let `nbgrader autograde` grade where the kernel refuses part of the jail "
                             "(students' code could then read the course's folders); default: it refuses")

    validate = commands.add_parser("validate", help="prove graders: solution full, stub 0, every mutant < full")
    validate.add_argument("units", nargs="*", help="unit ids (default: every unit with content)")
    validate.add_argument("--json", action="store_true", help="print a JSON list of results")

    mutate = commands.add_parser(
        "mutate", help="automatic mutation testing of graders (authors)",
        description="Generate every mutant of each unit's reference solution (mutmut's operators, plus "
                    "one that ignores each keyword argument), grade each until its first lost point, "
                    "write tests/mutants/UNIT/mutation.json and the table docs/mutation.md. A surviving "
                    "mutant needs a sharper grader, or a line in tests/mutants/UNIT/equivalent.toml "
                    "with a reason. Exit status 1 while any unit is below 100 %.")
    mutate.add_argument("units", nargs="*", help="unit ids (default: every unit with content)")
    mutate.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="grading sessions side by side "
                        "(default: one per core)")
    mutate.add_argument("--json", action="store_true", help="print a JSON list of the reports")
    return parser


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-11-22") from None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        print(f"autograde: {exc}", file=sys.stderr)
        return 2
    except grading.GraderError as exc:
        print(f"autograde: grader error (not your code's fault): {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader stopped early (`| head`): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
        return 0


def cmd_list(args) -> int:
    course = curriculum.load()
    sections = [course.section(args.phase)] if args.phase else course.sections
    rows = []
    for section in sections:
        for row in section.rows:
            if args.row and args.row.lower() not in row.label.lower():
                continue
            for unit in row.units:
                status = unit.status()
                if args.status and status != args.status:
                    continue
                rows.append({"id": unit.id, "phase": section.key, "row": row.label, "kind": unit.kind,
                             "title": unit.title, "status": status, "follows": unit.follows,
                             "requires": list(unit.requires)})
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    for item in rows:
        mark = "●" if item["status"] == "content" else "○"
        print(f"{mark} {item['id']:<20} {item['phase']:<7} {item['kind']:<8} {item['title']}")
    with_content = sum(r["status"] == "content" for r in rows)
    print(f"\n{len(rows)} units, {with_content} with content (●), {len(rows) - with_content} planned (○)")
    return 0


def _submission(args, unit: curriculum.Unit) -> Path:
    """What to grade: ``--submission``, or the learner's workspace (made from the stub on first use;
    what that did, and a stub changed upstream since, is told on stderr)."""
    if args.submission:
        return args.submission
    folder, notes = workspace.ensure(unit)
    for note in notes:
        print(f"autograde: {note}", file=sys.stderr)
    changed = workspace.changed_upstream(unit)
    if changed:
        print(f"autograde: note: the stub of {unit.id} changed since you started ({', '.join(changed)}): "
              f"`autograde diff {unit.id}` shows how", file=sys.stderr)
    return folder


def cmd_check(args) -> int:
    started, clock = datetime.now(timezone.utc), time.monotonic()
    unit = grading.resolve_unit(args.unit)
    with intake.opened(unit.id, _submission(args, unit), curriculum.project_root()) as taken:
        if taken.written_for and taken.written_for != unit.id:
            print(f"autograde: warning: {taken.path} was written for unit {taken.written_for}, graded here as {unit.id}",
                  file=sys.stderr)
        # Opening the attempts store (importing SQLAlchemy, asking git for the learner's name) runs
        # in a thread while the grading session works, so recording adds almost nothing to a check;
        # so does, for a notebook, running its cells once (jailed) to name those that raise.
        store = None if args.no_record else _Background(lambda: _open_store(args.learner))
        probe = _Background(lambda: _probe(unit.id, taken)) if taken.built is not None else None
        with _progress_line(f"grading {unit.id}") as progress:
            graded = grading.grade(unit.id, submission=taken.folder, workdir=taken.workdir, progress=progress)
        graded.submission = grading.display(taken.path)
        notes = sorted(taken.built.notes + _notes(probe.result()), key=lambda n: n.cell) if probe else None
        if args.json:
            print(json.dumps({**graded.to_dict(), **({"cells": [n.to_dict() for n in notes]} if probe else {})}),
                  flush=True)
        else:
            report.show(report.render(graded) + (_render_notes(notes) if probe else ""))
        if store is not None:
            _store_attempt(graded, store.result(), started, time.monotonic() - clock, submission=taken.folder)
    return 0 if graded.full_marks else 1


@contextlib.contextmanager
def _progress_line(what: str):
    """A live line on stderr while grading, where stderr is a terminal (rich's status): how many
    test cases have ended, and the time so far; it is gone when grading ends.  Elsewhere: nothing."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    clock = time.monotonic()
    with Console(stderr=True).status(f"{what} ...") as status:
        def progress(done: int, total: int) -> None:
            status.update(f"{what}: {done} / {total} test cases ended ({time.monotonic() - clock:.0f} s)")

        yield progress


def _probe(unit_id: str, taken: intake.Intake) -> list[convert.CellNote]:
    """The notebook's cells that raise, found by running its module once in a jailed child."""
    module = convert.module_names(unit_id)[0]
    return convert.probe(taken.built, module=module, filename=str(taken.folder / f"{module}.py"), workdir=taken.workdir)


def _notes(found) -> list[convert.CellNote]:
    if isinstance(found, Exception):
        return [convert.CellNote(0, "raised", f"could not run the cells to find the ones that raise: {found}")]
    return found


def _render_notes(notes: list[convert.CellNote]) -> str:
    if not notes:
        return ""
    lines = ["", f"Notebook: {len(notes)} code cell(s) did not run as written (the other cells were still graded):"]
    lines += [f"  {note.describe()}" for note in notes]
    return "\n".join(lines)


class _Background(threading.Thread):
    """Run ``work`` in a daemon thread; ``result()`` waits for it (exceptions are returned, not raised)."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self._work, self._result = work, None
        self.start()

    def run(self) -> None:
        try:
            self._result = self._work()
        except Exception as exc:  # handed to the caller, which reports it
            self._result = exc

    def result(self):
        self.join()
        return self._result


def _open_store(learner: str | None):
    from autograde.progress import attempts

    return attempts.open_store(), attempts.learner_name(learner)


def _store_attempt(graded, opened, started: datetime, seconds: float, submission: Path) -> None:
    """Store the attempt of ``graded`` (its unit's grader version with it); a database problem is
    reported but never hides the grade."""
    from autograde.progress import attempts

    try:
        if isinstance(opened, Exception):
            raise opened
        store, learner = opened
        attempts.record(
            store, graded, learner=learner, submission=submission,
            started_at=started, duration_s=seconds,
            grader=attempts.grader_version(graded.unit, curriculum.project_root()),
        )
    except attempts.StoreError as exc:
        print(f"autograde: the grade above was not recorded: {exc}", file=sys.stderr)


def cmd_progress(args) -> int:
    from autograde.progress import attempts, roadmap

    course = curriculum.load()
    if args.phase:
        course.section(args.phase)
    if args.unit:
        course.unit(args.unit)
    learner = attempts.learner_name(args.learner)
    history = _load(attempts, learner=learner)
    if history is None:
        return 2
    data = roadmap.build(course, history, curriculum.project_root(), learner=learner, phase=args.phase, unit=args.unit)
    if args.json:
        print(json.dumps(data, indent=1))
    else:
        print(roadmap.render(data, width=_width(), plain=not sys.stdout.isatty(), brief=not (args.phase or args.unit)))
    return 0


def cmd_leaderboard(args) -> int:
    from autograde.progress import attempts, leaderboard

    course = curriculum.load()
    units = [course.unit(args.unit).id] if args.unit else (
        [u.id for u in course.section(args.phase).units] if args.phase else None)
    if args.watch:  # Ctrl-C ends the watch even when a parent process started us with SIGINT ignored
        signal.signal(signal.SIGINT, signal.default_int_handler)
    title = "Leaderboard" + (f", phase {args.phase}" if args.phase else "") + (f", unit {args.unit}" if args.unit else "") + (
        f", since {args.since:%Y-%m-%d}" if args.since else "")
    while True:
        history = _load(attempts, units=units, since=args.since)
        if history is None:
            return 2
        table = leaderboard.standings(history)
        if args.json:
            print(json.dumps([{**vars(s), "last_activity": s.last_activity.isoformat()} for s in table], indent=1))
        else:
            if args.watch and sys.stdout.isatty():
                print("\033[2J\033[H", end="")
            print(leaderboard.render(table, width=_width(), title=title), flush=True)
        if not args.watch:
            return 0
        time.sleep(args.watch)


def cmd_regrade(args) -> int:
    from autograde.progress import attempts, regrade

    try:
        store = attempts.open_store()
        results = regrade.regrade_attempts(store, learner=args.learner)
    except attempts.StoreError as exc:
        print(f"autograde: {exc}", file=sys.stderr)
        return 2
    for line in regrade.describe(results):
        print(line)
    return 1 if any(r.flagged for r in results) else 0


def _load(attempts_module, **filters):
    try:
        return attempts_module.load(attempts_module.open_store(), **filters)
    except attempts_module.StoreError as exc:
        print(f"autograde: {exc}", file=sys.stderr)
        return None


def _width() -> int:
    return min(shutil.get_terminal_size((80, 24)).columns, 100)


def cmd_hint(args) -> int:
    graded = grading.grade(args.unit, submission=_submission(args, grading.resolve_unit(args.unit)))
    open_tests = [t for t in graded.tests if not t.passed]
    if not open_tests:
        print(f"Every test of {args.unit} passes: no hints needed.")
        return 0
    for t in open_tests:
        print(f"- {t.name} ({t.status.replace('_', ' ')}): {t.hint}")
    return 1


def cmd_solution(args) -> int:
    unit = grading.resolve_unit(args.unit)
    if args.force:
        print("warning: showing the solution before your submission has full marks (--force)", file=sys.stderr)
    else:
        graded = grading.grade(args.unit, submission=_submission(args, unit))
        if not graded.full_marks:
            print(
                f"The solution of {args.unit} opens after full marks (now {graded.score:g} / {graded.max_score:g}).\n"
                f"Try `autograde hint {args.unit}`, or use --force to look anyway.",
                file=sys.stderr,
            )
            return 1
    for path in sorted(unit.folder("solutions").glob("*.py")):
        print(f"# ===== {path.name} =====\n{path.read_text(encoding='utf-8')}")
    return 0


def cmd_notebook(args) -> int:
    unit = grading.resolve_unit(args.unit)
    default = workspace.ensure(unit)[0] / f"{unit.id}.ipynb"
    path = convert.write_learner_notebook(unit.id, args.output or default, force=args.force)
    print(f"wrote {grading.display(path)}")
    print(f"grade it (saved) with: autograde check {unit.id} --submission {grading.display(path)}")
    return 0


def cmd_watch(args) -> int:
    from autograde import watch

    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C quits, even when started with SIGINT ignored
    store = None if args.no_record else _Background(lambda: _open_store(args.learner))

    def record(graded, started, folder) -> None:
        if store is not None:
            seconds = (datetime.now(timezone.utc) - started).total_seconds()
            _store_attempt(graded, store.result(), started, seconds, submission=folder)

    try:
        return watch.run(args.unit, learner=args.learner, record=record)
    except KeyboardInterrupt:
        print("bye")
        return 0


def cmd_reset(args) -> int:
    unit = grading.resolve_unit(args.unit)
    backup = workspace.reset(unit, function=args.function)
    what = f"{args.function} is" if args.function else "every file is"
    print(f"{what} back to the stub in {grading.display(workspace.folder(unit))}; what it replaced: "
          f"{grading.display(backup)}")
    return 0


def cmd_diff(args) -> int:
    unit = grading.resolve_unit(args.unit)
    if not workspace.folder(unit).is_dir():
        print(f"you have not started {unit.id} yet: there is nothing to compare")
        return 0
    print(workspace.diff(unit) or f"the stub of {unit.id} has not changed since you started")
    return 0


def cmd_nbgrader(args) -> int:
    from autograde.notebooks import classroom

    exported = classroom.export(args.units, course=args.course, course_id=args.course_id,
                                allow_degraded=args.allow_degraded)
    course = args.course.resolve()
    print(f"course {course}: nbgrader_config.py")
    for item in exported:
        print(f"  {item.path.relative_to(course)}  {len(item.tests)} autograded tests, {item.points:g} points")
    first = exported[0].unit
    print(f"next, in {course}:\n"
          f"  nbgrader generate_assignment {first}    (release/{first}/: no solution, no hidden test)\n"
          f"  ... release and collect as usual, then:\n"
          f"  nbgrader autograde {first}\n"
          f"  nbgrader generate_feedback {first}")
    return 0


def cmd_new(args) -> int:
    from autograde.authoring import scaffold

    try:
        created = scaffold.new_unit(args.unit, module=args.module)
    except ValueError as exc:
        print(f"autograde: {exc}", file=sys.stderr)
        return 2
    for path in created:
        print(f"created {path}")
    print(f"next: write the exercises, then `autograde validate {args.unit}` until it says ok")
    return 0


def cmd_validate(args) -> int:
    from autograde.authoring import validate

    ids = args.units or [u.id for u in curriculum.load().units if u.has_content()]
    results = []
    for number, unit_id in enumerate(ids, start=1):
        print(f"[{number}/{len(ids)}] validating {unit_id} ...", file=sys.stderr, flush=True)
        result = validate.validate_unit(unit_id)
        results.append(result)
        if not args.json:
            print(f"{'ok  ' if result.ok else 'FAIL'} {unit_id}  ({'; '.join(result.lines)})", flush=True)
            for problem in result.problems:
                print(f"     - {problem}")
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=1))
    return 0 if all(r.ok for r in results) else 1


def cmd_mutate(args) -> int:
    from autograde.authoring import mutate

    ids = args.units or [u.id for u in curriculum.load().units if u.has_content()]
    results = []
    for number, unit_id in enumerate(ids, start=1):
        unit = grading.resolve_unit(unit_id)
        total = len(mutate.generate(unit, curriculum.project_root()))
        done = [0]

        def progress(n: int) -> None:  # one line on stderr, redrawn: long units take minutes
            done[0] += n
            print(f"\r[{number}/{len(ids)}] {unit_id}: {done[0]}/{total} mutants graded", end="",
                  file=sys.stderr, flush=True)

        result = mutate.mutate_unit(unit_id, jobs=args.jobs, progress=progress)
        print(file=sys.stderr)
        results.append(result)
        if not args.json:
            print(f"{unit_id}: {result.killed} killed of {result.generated} mutants, {result.equivalent} "
                  f"declared equivalent: {result.score:.1f} %", flush=True)
            for m in result.survivors:
                print(f"  survives {m['id']} line {m['line']}:\n    - {m['was'][:72]}\n    + {m['now'][:72]}")
            for m in result.mutants:
                if m["equivalent"] is not None and m["killed_by"] is not None:
                    print(f"  {m['id']} is declared equivalent but {m['killed_by']} kills it: remove the declaration")
            for name in result.hand_written_survivors:
                print(f"  hand-written mutant {name} gets full marks: the graders miss this mistake")
    table = mutate.write_table()
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=1))
    else:
        print(f"table: {table}")
    wrongly_equivalent = any(m["equivalent"] is not None and m["killed_by"] is not None
                             for r in results for m in r.mutants)
    survived = any(r.survivors or r.hand_written_survivors for r in results)
    return 0 if not survived and not wrongly_equivalent else 1


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "progress": cmd_progress,
    "leaderboard": cmd_leaderboard,
    "regrade": cmd_regrade,
    "verify": cmd_regrade,  # its name before 0.2
    "hint": cmd_hint,
    "solution": cmd_solution,
    "new": cmd_new,
    "notebook": cmd_notebook,
    "reset": cmd_reset,
    "watch": cmd_watch,
    "diff": cmd_diff,
    "nbgrader": cmd_nbgrader,
    "validate": cmd_validate,
    "mutate": cmd_mutate,
}
