"""The one grading entry point: ``grade`` and ``grade_many`` (exported as ``autograde.grade``),
which the CLI, classroom mode, ``regrade``, ``validate`` and ``bench`` all call.

``warm`` keeps one session up for checks one after another (watch mode, a notebook's checks).

An ordered pipeline of small steps: resolve the unit; take each submission in (``intake``: a
folder, a ``.py`` file or a notebook); run one pytest session with the plugin on the unit's
graders for all of them (``session``, under ``policy``: what is hidden, what the environment
holds); build a ``Report`` per submission from the session's records.  The processes involved
are drawn once, in ``autograde.engine``.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Callable, Iterator

from autograde.curriculum import Unit, load, project_root
from autograde.engine import intake, policy, session
from autograde.engine.session import GraderError  # noqa: F401  (part of this module's API)
from autograde.errors import UsageError
from autograde.report import JAILED, Report, TestResult

STOPPED = "the grader stopped before this test"


class NoContent(UsageError, LookupError):
    """The unit is in the manifest but has no exercises yet."""


def resolve_unit(unit_id: str, root: Path | None = None) -> Unit:
    root = root or project_root()
    unit = load(root / "curriculum.toml").unit(unit_id)
    if not unit.has_content(root):
        raise NoContent(f"unit '{unit.id}' ({unit.title}) is planned but has no exercises yet")
    return unit


def grade(unit_id: str, *, submission: Path | None = None, root: Path | None = None,
          hide: list[Path] = (), patient: bool = False, workdir: Path | None = None,
          progress: Callable[[int, int], None] | None = None) -> Report:
    """Grade ``submission`` (a folder, a .py file or an .ipynb; default: the learner's workspace,
    ``work/<unit>``, made from the stub on first use) against the unit's graders (``workdir``: see
    ``grade_many``'s ``workdirs``)."""
    from autograde import workspace

    root = root or project_root()
    unit = resolve_unit(unit_id, root)
    return grade_many(unit.id, submissions=[submission or workspace.ensure(unit, root)[0]], root=root, hide=hide,
                      patient=patient, workdirs=[workdir] if workdir else None, progress=progress)[0]


def grade_many(unit_id: str, *, submissions: list[Path], root: Path | None = None, isolation: str = "full",
               unverified: list[int] = (), first_loss: list[int] = (), try_first: dict[int, list[str]] | None = None,
               hide: list[Path] = (), only_function: str | None = None, patient: bool = False,
               workdirs: list[Path] | None = None, progress: Callable[[int, int], None] | None = None) -> list[Report]:
    """Grade several submissions of one unit in one session: the graders and the unit's libraries
    are imported once, and every test runs once per submission, each run in its own child.

    ``hide``: more paths learner code must not see (a course folder), besides ``policy``'s.
    ``isolation="none"`` runs the learner's code inside the grading session, with no jail and no
    verifier: it exists only so ``make bench`` can measure what isolation costs.
    ``unverified``: indexes of submissions that are the project's own code (validation's
    mutants), whose passes the verifier need not re-check.  ``first_loss``: indexes of automatic
    mutants (the project's code too), each graded only until its first lost point; ``try_first``:
    for such a mutant, the tests (or learner functions whose tests) to run first.
    ``only_function``: grade only the tests of that learner function (a check from Jupyter).
    ``workdirs``: for each submission, the folder its code's relative paths start from (default:
    the folder submitted, or the one a .py file or notebook lies in: the data files beside it).
    ``patient``: every test that ran past its quick limit gets its own limit, however many do
    (classroom grading); by default what runs out of time shares one allowance (``loop.Waits``).
    ``progress(done, total)``: called as test cases end, for a progress line.
    """
    root = root or project_root()
    unit = resolve_unit(unit_id, root)
    with contextlib.ExitStack() as stack:
        taken = [stack.enter_context(intake.opened(unit.id, Path(s), root)) for s in submissions]
        options = [f"--submission={t.folder}" for t in taken]
        options += [f"--workdir={w}" for w in (workdirs or [t.workdir for t in taken])]
        options += [f"--hide={p}" for p in policy.hidden_paths(root, extra=list(hide))]
        options += [f"--isolation={isolation}", *(f"--unverified={i}" for i in unverified)]
        options += [f"--first-loss={i}" for i in first_loss]
        options += [f"--try-first={i}:{name}" for i, names in (try_first or {}).items() for name in names]
        options += [f"--only-function={only_function}"] if only_function else []
        options += ["--patient"] if patient else []
        finished = session.run(unit.folder("graders", root), root, options, what=unit.id, progress=progress)
    tests = [r for r in finished.records if r["event"] == "test"]
    return [_report(unit.id, t.path, finished, [r for r in tests if r["submission"] == index])
            for index, t in enumerate(taken)]


@contextlib.contextmanager
def warm(unit_id: str, *, root: Path | None = None, hide: list[Path] = (),
         isolation: str = "full") -> Iterator[Callable[..., Report]]:
    """A grading session of ``unit_id`` kept up while the block runs, for checks one after
    another (``autograde watch``, a notebook's checks): its graders, reference and libraries are
    imported once.  Yields ``grade(submission, *, only_function=None, workdir=None, progress=None) -> Report``,
    which grades as ``grade_many`` does: each submission's code in a fresh jail, each pass
    re-checked by a fresh verifier (``isolation="none"``: as ``grade_many``'s, for make bench)."""
    root = root or project_root()
    unit = resolve_unit(unit_id, root)
    kept = session.Warm(unit.folder("graders", root), root,
                        [*(f"--hide={p}" for p in policy.hidden_paths(root, extra=list(hide))),
                         f"--isolation={isolation}"], what=unit.id)

    def grade_one(submission: Path, *, only_function: str | None = None, workdir: Path | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Report:
        with intake.opened(unit.id, Path(submission), root) as taken:
            request = {"submissions": [str(taken.folder)], "workdirs": [str(workdir or taken.workdir)],
                       "only_function": only_function}
            finished = kept.run(request, progress=progress)
        return _report(unit.id, taken.path, finished, [r for r in finished.records if r["event"] == "test"])

    try:
        yield grade_one
    finally:
        kept.close()


def _report(unit_id: str, submission: Path, finished: session.Finished, records: list[dict]) -> Report:
    outcomes = {r["name"]: r for r in records}
    isolations = [r["isolation"] for r in records if r.get("isolation")]
    report = Report(unit=unit_id, submission=display(submission),
                    isolation=next((i for i in isolations if i != JAILED), JAILED))
    if len(outcomes) < len(finished.collected):  # the trusted session itself ended early
        report.stopped = f"the grading session ended (status {finished.returncode}) before every test had a result"
    for test in finished.collected:
        outcome = outcomes.get(test["name"], {"status": "crashed", "message": STOPPED})
        passed = outcome["status"] == "passed"
        report.tests.append(
            TestResult(
                name=test["name"],
                points=test["max_points"] if passed else 0.0,
                max_points=test["max_points"],
                status=outcome["status"],
                hint=None if passed else test["hint"],
                message=outcome.get("message", ""),
            )
        )
    return report


def display(path: Path) -> str:
    """A path as a learner reads it: relative to the current folder where it lies under it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
