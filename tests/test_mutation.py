"""Automatic mutation testing (``autograde mutate``) and the claims validation checks about it:
mutants of the fixture unit's solution, reports that go stale, survivors, declared equivalents,
re-graded samples; the do-nothing variants; grading that stops at a mutant's first lost point."""

from __future__ import annotations

import json

from autograde import grade_many
from autograde.authoring import mutate, validate
from autograde.engine import grading
from conftest import REPO, run_cli

TACHYCARDIA_BOUNDARY = ("f(100) is False", "f(99) is False")  # 100 bpm itself never tried


def _report(root) -> dict:
    return json.loads((root / "tests" / "mutants" / "demo-1" / "mutation.json").read_text())


def test_mutants_cover_mutmuts_operators_and_ignored_defaults(demo_root):
    solution = demo_root / "solutions" / "demo-1" / "vitals.py"
    solution.write_text(solution.read_text() + '\n\ndef fever(celsius, threshold=38.0):\n'
                        '    """At or above the threshold."""\n    if celsius < 0:\n'
                        '        raise ValueError("below zero")\n    return celsius >= threshold\n')
    unit = grading.resolve_unit("demo-1", demo_root)
    mutants = mutate.generate(unit, demo_root)
    changes = {(m.was, m.now) for m in mutants}
    assert ("return heart_rate > 100", "return heart_rate >= 100") in changes  # a boundary
    assert ("return heart_rate > 100", "return heart_rate > 101") in changes  # a constant + 1
    assert ("return (systolic + 2 * diastolic) / 3", "return (systolic - 2 * diastolic) / 3") in changes
    assert any(m.now == "threshold = 38.0" for m in mutants)  # the keyword argument ignored
    assert not any("below zero" in m.was for m in mutants)  # exception messages are not mutated
    assert len({m.id for m in mutants}) == len(mutants)
    assert [m.id for m in mutate.generate(unit, demo_root)] == [m.id for m in mutants]  # stable


def test_each_mutant_is_the_whole_module_printed_again(demo_root):
    """Only the changed top-level statement is printed again: the file is what mutmut's own
    whole-module replacement gives, for every mutation (a comment, a header and a footer around)."""
    from mutmut.mutation.file_mutation import create_mutations

    code = ("#!/usr/bin/env python\n# header\n\nimport math\n\n\ndef f(x, k=2):\n    # inside\n"
            "    if x > 1:\n        return math.sqrt(x) * k\n    return x - 1\n\n\nclass C:\n    def g(self):\n"
            "        return [1, 2][0] + 3\n\nLIMIT = 10  # trailing\n# footer\n")
    code += (demo_root / "solutions" / "demo-1" / "vitals.py").read_text()
    module, mutations, _, _ = create_mutations("x.py", code)
    whole = [module.deep_replace(m.original_node, m.mutated_node).code for m in mutations]
    assert len(whole) > 20 and list(mutate._library_mutations("x.py", code)) == whole
    # only the statements holding line 10 (in f) or 16 (in C.g): their mutants, the same text
    near = list(mutate._library_mutations("x.py", code, lines={10, 16}))
    assert near and set(near) < set(whole)
    assert all(m.splitlines()[17:] == code.splitlines()[17:] for m in near)  # nothing after C changed


def test_mutate_writes_a_report_and_the_table(demo_root):
    done = run_cli("mutate", "demo-1")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "demo-1: 8 killed of 8 mutants, 0 declared equivalent: 100.0 %" in done.stdout
    report = _report(demo_root)
    assert report["score"] == 100.0 and all(m["killed_by"] for m in report["mutants"])
    assert "| demo-1 | 8 | 0 | 8 | 100.0 % | 3 / 3 |" in (demo_root / "docs" / "mutation.md").read_text()
    # the hand-written mutants too: where each lost its point, tried first in the function it changes
    assert report["hand_written"]["mutants"] == [
        {"name": "plain_average", "killed_by": "test_map (failed)"},
        {"name": "inverted_shock_index", "killed_by": "test_shock_index (failed)"},
        {"name": "inclusive_boundary", "killed_by": "test_tachycardia (failed)"}]


def test_the_report_vouches_for_the_hand_written_mutants_make_test_does_not_regrade(demo_root, monkeypatch):
    listed = demo_root / "tests" / "mutants" / "demo-1" / "mutants.toml"
    listed.write_text(listed.read_text() + '\n[[mutant]]\nname = "no_op"\nfile = "vitals.py"\n'
                      'replace = "return heart_rate / systolic"\nwith = "return (heart_rate / systolic)"\n')
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert any("the report on the hand-written mutants is stale" in p for p in problems)
    assert "mutant no_op gets full marks: the graders miss this mistake" in problems
    assert run_cli("mutate", "demo-1").returncode == 1  # the report records the survivor ...
    monkeypatch.setenv(validate.SEED_VARIABLE, "3")
    monkeypatch.setattr(validate, "SAMPLED_MUTANTS", 1)
    sampled = validate.validate_unit("demo-1", root=demo_root, sampled=True)
    assert sampled.problems == ["mutant no_op gets full marks: the graders miss this mistake"]  # ... unsampled
    assert sum(line.startswith("mutant ") for line in sampled.lines) == 1
    assert sum(line.startswith("automatic mutant ") for line in sampled.lines) == 1


def test_a_weakened_grader_makes_the_report_stale_then_a_survivor(demo_root):
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace(*TACHYCARDIA_BOUNDARY))
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert any("the mutation report is stale" in p for p in problems)
    done = run_cli("mutate", "demo-1")
    assert done.returncode == 1
    assert "survives vitals.py:" in done.stdout and "+ return heart_rate >= 100" in done.stdout
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert any("survives: sharpen a grader or declare it equivalent" in p for p in problems)


def test_declared_equivalents_need_a_reason_and_must_survive(demo_root):
    unit = grading.resolve_unit("demo-1", demo_root)
    boundary = next(m for m in mutate.generate(unit, demo_root) if m.now == "return heart_rate >= 100")
    declared = demo_root / "tests" / "mutants" / "demo-1" / "equivalent.toml"
    declared.write_text(f'[[equivalent]]\nid = "{boundary.id}"\nreason = ""\n')
    done = run_cli("mutate", "demo-1")
    assert done.returncode == 2 and "needs a one-line reason" in done.stderr
    declared.write_text(f'[[equivalent]]\nid = "{boundary.id}"\nreason = "pretend 100 bpm never occurs"\n')
    done = run_cli("mutate", "demo-1")  # the graders do kill it: the declaration is wrong
    assert done.returncode == 1 and "is declared equivalent but test_tachycardia (failed) kills it" in done.stdout
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace(*TACHYCARDIA_BOUNDARY))
    done = run_cli("mutate", "demo-1")  # 100 % of the automatic ones; the hand-written boundary mutant survives
    assert "7 killed of 8 mutants, 1 declared equivalent: 100.0 %" in done.stdout
    assert done.returncode == 1 and "hand-written mutant inclusive_boundary gets full marks" in done.stdout
    declared.write_text('[[equivalent]]\nid = "vitals.py:0000000000"\nreason = "no such mutant"\n')
    done = run_cli("mutate", "demo-1")
    assert done.returncode == 2 and "no longer generated: vitals.py:0000000000" in done.stderr


def test_validation_regrades_a_sample_and_catches_a_false_claim(demo_root, monkeypatch):
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text().replace(*TACHYCARDIA_BOUNDARY))
    assert run_cli("mutate", "demo-1").returncode == 1
    report = _report(demo_root)
    for row in report["mutants"]:  # a forged report: the survivor "killed", nothing else left to draw
        row["killed_by"], row["equivalent"] = ("test_tachycardia (failed)", None) if row["killed_by"] is None \
            else (None, "forged")
    (demo_root / "tests" / "mutants" / "demo-1" / "mutation.json").write_text(json.dumps(report))
    monkeypatch.setenv(validate.SEED_VARIABLE, "7")
    for sampled in (False, True):  # every mutant made again, or only the one drawn (make test)
        problems = validate.validate_unit("demo-1", root=demo_root, sampled=sampled).problems
        assert any("killed in the committed report, now gets full marks (sample seed 7" in p for p in problems)


def test_the_sample_leaves_out_mutants_killed_by_a_timeout(demo_root):
    unit = grading.resolve_unit("demo-1", demo_root)
    mutants = mutate.generate(unit, demo_root)
    report = {"mutants": [{"id": m.id, "killed_by": "test_map (timeout)" if i else "test_map (failed)"}
                          for i, m in enumerate(mutants)]}
    assert [m.id for m in validate._sample(mutants, report, seed=1)] == [mutants[0].id]


def test_do_nothing_variants_return_none_the_first_argument_or_zero():
    source = ('class Model:\n    def fit(self, X, y):\n        raise NotImplementedError("fit")\n\n\n'
              'def scale(values, factor=2):\n    """Doc."""\n    raise NotImplementedError\n\n\n'
              'def constant():\n    raise NotImplementedError()\n')
    first = validate._do_nothing_source(source, validate.DO_NOTHING["the first argument"])
    assert "        return X\n" in first and "    return values\n" in first and "    return None\n" in first
    assert validate._do_nothing_source(source, validate.DO_NOTHING["0"]).count("return 0") == 3


def test_the_looping_variant_of_a_stub_loops_in_every_function(demo_root, tmp_path):
    """make bench's worst case: the stub with every function a loop that never ends."""
    import ast

    looping = validate.build_looping(demo_root / "exercises" / "demo-1", tmp_path)
    tree = ast.parse((looping / "vitals.py").read_text())
    functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert len(functions) == 3 and "NotImplementedError" not in ast.unparse(tree)
    assert all(any(isinstance(n, ast.While) and getattr(n.test, "value", None) is True for n in ast.walk(f))
               for f in functions)


def test_validate_catches_points_for_returning_the_argument(demo_root):
    # "not lower than the systolic pressure" holds for the argument itself: a test of a side property alone.
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    grader.write_text(grader.read_text() + '\n\n@pytest.mark.grade(1, hint="h", memory_mb=256)\n'
                      'def test_map_bounded(submission):\n'
                      '    check(submission.get("mean_arterial_pressure")(120.0, 80.0) >= 80.0, "below DBP")\n')
    problems = validate.validate_unit("demo-1", root=demo_root).problems
    assert "code that does nothing (every function returns the first argument) earns points in: ['test_map_bounded']" \
        in problems


def _vitals(folder, pressure: str, tachycardia: str):
    """A demo-1 submission with these bodies of mean_arterial_pressure and is_tachycardic."""
    folder.mkdir()
    (folder / "vitals.py").write_text(f"def mean_arterial_pressure(s, d):\n    {pressure}\n\n"
                                      "def shock_index(h, s):\n    return h / s\n\n"
                                      f"def is_tachycardic(h):\n    {tachycardia}\n")
    return folder


def test_a_mutant_is_graded_only_until_its_first_lost_point(demo_root, tmp_path):
    wrong = _vitals(tmp_path / "wrong", "return 0.0", "return h > 100")
    as_learner, as_mutant = grade_many("demo-1", submissions=[wrong, wrong], root=demo_root, first_loss=[1])
    assert [t.status for t in as_learner.tests] == ["failed", "passed", "passed"]
    assert [t.status for t in as_mutant.tests] == ["failed", "not_run", "not_run"]


def test_a_mutant_tries_first_the_tests_likeliest_to_kill_it(demo_root, tmp_path):
    wrong = _vitals(tmp_path / "wrong", "return (s + 2 * d) / 3", "return h >= 100")
    [report] = grade_many("demo-1", submissions=[wrong], root=demo_root, first_loss=[0],
                          try_first={0: ["test_tachycardia"]})
    assert [t.status for t in report.tests] == ["not_run", "not_run", "failed"]
    source = (wrong / "vitals.py").read_text()
    assert mutate.enclosing_function(source, 8) == "is_tachycardic" and mutate.enclosing_function(source, 3) is None


def test_the_committed_table_shows_every_committed_report():
    assert (REPO / mutate.TABLE).read_text() == mutate.render_table(REPO), "run `autograde mutate` to rewrite it"
