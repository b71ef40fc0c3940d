"""The `autograde` command: a thin layer over the keyword-only functions of the package.

Exit status: 0 success / full marks, 1 less than full marks (or a validation problem),
2 usage error (unknown unit, planned unit without content, bad arguments).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from autograde import curriculum, report, runner

EPILOG = """\
examples:
  autograde list --phase 1 --status content
  autograde check 18.06-lec5                 grade exercises/18.06-lec5/
  autograde check 18.06-lec5 --json          one JSON object, for tools
  autograde hint 18.06-lec5                  hints for the tests you do not pass yet
  autograde solution 18.06-lec5              the reference solution, once you have full marks
  autograde new 18.06-lec6                   scaffold a unit (authors)
  autograde validate                         prove every unit's graders (authors)

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
        sub.add_argument("--submission", type=Path, help="folder to grade (default: exercises/UNIT)")
        return sub

    check = with_submission("check", "grade a submission and print the report")
    check.add_argument("--json", action="store_true", help="print exactly one JSON object")
    with_submission("hint", "show the hints of the tests that do not pass yet")
    solution = with_submission("solution", "show the reference solution (after full marks)")
    solution.add_argument("--force", action="store_true", help="show it anyway (a warning is printed)")

    new = commands.add_parser("new", help="scaffold exercise, solution, grader and mutants for a unit id")
    new.add_argument("unit")
    new.add_argument("--module", help="module name of the exercise file (default: derived from the title)")

    validate = commands.add_parser("validate", help="prove graders: solution full, stub 0, every mutant < full")
    validate.add_argument("units", nargs="*", help="unit ids (default: every unit with content)")
    validate.add_argument("--json", action="store_true", help="print a JSON list of results")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (curriculum.UnknownUnit, runner.NoContent, FileNotFoundError, FileExistsError, KeyError) as exc:
        print(f"autograde: {exc.args[0] if isinstance(exc, KeyError) else exc}", file=sys.stderr)
        return 2
    except runner.GraderError as exc:
        print(f"autograde: grader error (not your code's fault): {exc}", file=sys.stderr)
        return 2


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


def cmd_check(args) -> int:
    graded = runner.grade(args.unit, submission=args.submission)
    print(graded.to_json() if args.json else report.render(graded))
    return 0 if graded.full_marks else 1


def cmd_hint(args) -> int:
    graded = runner.grade(args.unit, submission=args.submission)
    open_tests = [t for t in graded.tests if not t.passed]
    if not open_tests:
        print(f"Every test of {args.unit} passes: no hints needed.")
        return 0
    for t in open_tests:
        print(f"- {t.name} ({t.status.replace('_', ' ')}): {t.hint}")
    return 1


def cmd_solution(args) -> int:
    unit = runner.resolve_unit(args.unit)
    if args.force:
        print("warning: showing the solution before your submission has full marks (--force)", file=sys.stderr)
    else:
        graded = runner.grade(args.unit, submission=args.submission)
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


def cmd_new(args) -> int:
    from autograde import scaffold

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
    from autograde import validate

    ids = args.units or [u.id for u in curriculum.load().units if u.has_content()]
    results = []
    for unit_id in ids:
        result = validate.validate_unit(unit_id)
        results.append(result)
        if not args.json:
            print(f"{'ok  ' if result.ok else 'FAIL'} {unit_id}  ({'; '.join(result.lines)})")
            for problem in result.problems:
                print(f"     - {problem}")
    if args.json:
        print(json.dumps([r.to_dict() for r in results], indent=1))
    return 0 if all(r.ok for r in results) else 1


COMMANDS = {
    "list": cmd_list,
    "check": cmd_check,
    "hint": cmd_hint,
    "solution": cmd_solution,
    "new": cmd_new,
    "validate": cmd_validate,
}
