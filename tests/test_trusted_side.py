"""The trusted side never runs what a learner wrote (README: "How grading stays fair").

A learner controls everything the jailed worker sends: its verdicts and every recorded value.
These tests forge both, as a hostile learner would, and check that the verifier (which decodes
the values and re-runs the test) awards nothing, runs nothing and writes nothing; that the
codec's decoders make no code out of any data; that the audit hook (``guard``) refuses code and
side effects while armed; that the attempts store is hidden whatever URL names it; and that a
jail the kernel would not fully build is reported, and refused by classroom mode.
"""

from __future__ import annotations

import ast
import json
import os
import socket
import sys
import textwrap
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograde.notebooks import classroom
from autograde.engine import codec, grading, guard, jail, policy
from autograde.curriculum import project_root
from conftest import run_cli, run_json
from test_adversarial import PATCH_PYTEST, forge_result  # PATCH_PYTEST: the worker's pytest reports passes
from test_grading import statuses, with_shock_index

# --- forged records: the verifier must decode data, never run it ---------------------------------

# Each route makes a sympy object that carries Python source where sympy expects a name or an
# expression: decoded carelessly, ``Tuple(str)`` calls sympify (eval), and a Function or Symbol
# name is printed into the code that lambdify runs.
ROUTES = {
    "tuple-with-source": "sympy.Basic.__new__(sympy.Tuple, PAYLOAD)",
    "function-named-source": "sympy.Function(PAYLOAD)(sympy.Symbol('t'))",
    "symbol-named-source": "sympy.Symbol(PAYLOAD)",
}

# Every function of the unit, replaced by one that records the hostile value as its return
# value, forges a "passed" verdict with that log into every pipe it holds, and dies.
def forging_module(payload: str, route: str, names: list[str]) -> str:
    forge = textwrap.indent(forge_result("log"), "    ")
    return (f"import sympy\nfrom autograde.engine import codec\n\nPAYLOAD = {payload!r}\n\n\n"
            f"def _forge(name):\n    value = codec.encode({route})\n"
            '    log = [{"op": "get", "name": name, "kind": "function"}, {"op": "call", "name": name, "value": value}]\n'
            f"{forge}\n\n"
            "def _make(name):\n    def function(*args, **kwargs):\n        _forge(name)\n    return function\n\n\n"
            f"for _name in {names!r}:\n    globals()[_name] = _make(_name)\n")


def _stub_functions(unit: str) -> dict[str, list[str]]:
    """module name -> the names of the functions the unit's stub defines."""
    modules = {}
    for path in sorted((project_root() / "exercises" / unit).glob("*.py")):
        tree = ast.parse(path.read_text())
        modules[path.stem] = [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]
    return modules


@pytest.mark.slow
@pytest.mark.parametrize("route", sorted(ROUTES))
@pytest.mark.parametrize("unit", ["18.01-lec2", "18.06-lec5"])  # sympy graders; numpy graders that never import sympy
def test_forged_passes_with_source_in_sympy_values_score_nothing_and_run_nothing(tmp_path, unit, route):
    canary = tmp_path / "canary"
    payload = f"__import__('pathlib').Path({str(canary)!r}).write_text('x')"
    submission = tmp_path / "submission"
    submission.mkdir()
    for module, names in _stub_functions(unit).items():
        given = (project_root() / "exercises" / unit / f"{module}.py").read_text()  # its constants stay
        (submission / f"{module}.py").write_text(given + "\n\n" + forging_module(payload, ROUTES[route], names))

    report = grading.grade(unit, submission=submission)

    assert report.score == 0
    assert set(statuses(report).values()) == {"tampered"}, statuses(report)
    assert not canary.exists()


@pytest.mark.slow
def test_a_returned_sympy_tuple_of_source_is_not_evaluated_by_the_verifier(tmp_path):
    """The natural route: the learner's own function returns the object (the recorder encodes
    it) and the worker's pytest is patched to report a pass."""
    canary = tmp_path / "canary"
    payload = f"__import__('pathlib').Path({str(canary)!r}).write_text('x')"
    submission = tmp_path / "submission"
    submission.mkdir()
    source = (project_root() / "exercises" / "18.01-lec2" / "limits_continuity.py").read_text()
    hostile = ("\n\ndef infusion_concentration(*args, **kwargs):\n"
               f"    import sympy\n    return sympy.Basic.__new__(sympy.Tuple, {payload!r})\n")
    future, _, rest = source.partition("from __future__ import annotations\n")
    (submission / "limits_continuity.py").write_text(future + _ + PATCH_PYTEST + rest + hostile)

    report = grading.grade("18.01-lec2", submission=submission)

    infusion = [t for t in report.tests if t.name.startswith("test_infusion")]
    assert infusion and {t.status for t in infusion} == {"tampered"}
    assert sum(t.points for t in infusion) == 0
    assert not canary.exists()


# --- the codec's decoders, fuzzed -----------------------------------------------------------------

HOSTILE_TEXT = st.sampled_from([
    "__import__('os').system('true')", "lambda: 0", "__class__", "__reduce__", "import os", "a b", "x" * 3000,
    "", "builtins:eval", "posix:system", "sympy.core.sympify:sympify", "sympy:Tuple", "sympy.Integer",
    "sklearn.base:BaseEstimator", "sklearn.linear_model:LinearRegression", "numpy:ndarray", "O", "|O", "<f8",
    "object", "V8", "datetime64[ns, dateutil//etc/passwd]", "category", "1e999", "nan", "-0", "sympy.Float",
    "sympy.Rational", "collections:namedtuple", "int", "exec", "eval", "os.system", "string[pyarrow]",
    "datetime64[ns, Europe/Paris]", "Int64", "timedelta64[ns]", "period[D]", "interval[int64]",
])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(max_size=12), HOSTILE_TEXT)
KEYS = ["v", "cls", "name", "args", "type", "dtype", "shape", "fields", "assumptions", "factory", "index",
        "columns", "dtypes", "closed", "immutable", "grad", "dummy", "re", "im", "categories", "ordered", "codes",
        "state", "names", "module", "message", "bases"]


def _tagged(children):
    return st.builds(
        lambda tag, fields: {"$": tag, **fields},
        st.sampled_from(sorted(codec._DECODERS) + ["foreign", "nope", "__class__"]),
        st.dictionaries(st.sampled_from(KEYS), st.one_of(children, st.lists(children, max_size=4),
                                                         st.dictionaries(st.text(max_size=6), children, max_size=3)),
                        max_size=5),
    )


RECORDS = st.recursive(SCALARS, lambda children: st.one_of(_tagged(children), st.lists(children, max_size=4)),
                       max_leaves=25)


class _Recorder:
    """An audit hook (added once to this process) that records, while on, any code made or run
    outside an import, and any program started, connection made or file written."""

    on = False
    seen: list[str] = []

    @classmethod
    def hook(cls, event: str, args: tuple) -> None:
        if not cls.on:
            return
        if event in ("exec", "compile"):
            frame = sys._getframe(1)
            while frame is not None and not frame.f_code.co_filename.startswith("<frozen importlib"):
                frame = frame.f_back
            if frame is None:
                cls.seen.append(event)
        elif event in ("os.system", "subprocess.Popen", "socket.connect", "pickle.find_class") \
                or event == "open" and isinstance(args[1], str) and any(c in args[1] for c in "wax+"):
            cls.seen.append(event)


_HOOKED: list[bool] = []


@settings(max_examples=400, deadline=None, database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(RECORDS)
def test_decoding_any_record_runs_no_code_and_raises_only_the_codecs_error(record):
    if not _HOOKED:
        sys.addaudithook(_Recorder.hook)
        _HOOKED.append(True)
    modules = set(sys.modules)
    _Recorder.seen, _Recorder.on = [], True
    try:
        codec.decode(json.loads(json.dumps(record)))
    except codec.DecodeError:
        pass
    finally:
        _Recorder.on = False
    assert _Recorder.seen == []
    assert set(sys.modules) - modules == set(), "decoding imported a module"



# --- forged facts of a checked call: hostile data too --------------------------------------------

_CLEAN = {"changed": [], "same": [], "view": []}


@pytest.mark.parametrize("facts", [
    None, [], "changed", {"changed": []}, {**_CLEAN, "extra": []}, {**_CLEAN, "changed": "0"},
    {**_CLEAN, "changed": [2]}, {**_CLEAN, "changed": [-1]}, {**_CLEAN, "changed": [True]}, {**_CLEAN, "changed": [0.0]},
    {**_CLEAN, "changed": ["values"]}, {**_CLEAN, "changed": ["__class__"]}, {**_CLEAN, "changed": [[0]]},
    {**_CLEAN, "same": [0]}, {**_CLEAN, "same": [[None]]}, {**_CLEAN, "same": [[None, 0, 0]]},
    {**_CLEAN, "same": [[0, 0]]}, {**_CLEAN, "view": [["0", 0]]}, {**_CLEAN, "view": [[None, 0]] * 1000},
], ids=lambda facts: json.dumps(facts)[:40])
def test_forged_facts_of_a_checked_call_are_refused_as_a_divergence(facts):
    """The facts a worker records for call_checked are read field by field: anything but argument
    positions, the call's keywords and items of a tuple result stops the replay (never a pass)."""
    from types import SimpleNamespace

    from autograde.checks import call_checked
    from autograde.engine.recording import Diverged, ReplaySubmission

    log = [{"op": "get", "name": "f", "kind": "function"},
           {"op": "call", "name": "f", "value": codec.encode([1, 3]), "facts": facts}]
    replayed = ReplaySubmission(SimpleNamespace(directory=None, module_names=[], label="x"), log).get("f")
    with pytest.raises(Diverged, match="no valid facts"):
        call_checked(replayed, [3, 1], name="f(values)", unchanged=True, new_object=True)


def test_well_formed_facts_are_only_a_side_property():
    """Facts name arguments by position and keyword only; they are what the verifier judges the
    side property on (a forger can fake that property, never the answer, checked on the value)."""
    from types import SimpleNamespace

    from autograde.checks import CheckFailed, call_checked
    from autograde.engine.recording import ReplaySubmission

    log = [{"op": "get", "name": "f", "kind": "function"},
           {"op": "call", "name": "f", "value": codec.encode([1, 3]),
            "facts": {"changed": ["key"], "same": [], "view": []}}]
    replayed = ReplaySubmission(SimpleNamespace(directory=None, module_names=[], label="x"), log).get("f")
    with pytest.raises(CheckFailed, match="modifies its argument key"):
        call_checked(replayed, [3, 1], key={}, name="f(values)", unchanged=True)


def test_the_recorder_sees_code_being_made():
    """The fuzz's hook can fail: sympify of a string (what the old decoder did) is caught."""
    if not _HOOKED:
        sys.addaudithook(_Recorder.hook)
        _HOOKED.append(True)
    _Recorder.seen, _Recorder.on = [], True
    try:
        sp.Tuple("1 + 2")
    finally:
        _Recorder.on = False
    assert "compile" in _Recorder.seen or "exec" in _Recorder.seen


@pytest.fixture(scope="module", autouse=True)
def _decoders_warmed_up():
    """Decoding real values first, so the fuzz sees every lazily imported part already loaded."""
    import numpy as np
    import pandas as pd

    import autograde.engine.submission  # noqa: F401  (the verifier has it loaded: ProgramRun)

    x = sp.Symbol("x", positive=True)
    for value in (np.arange(3.0), np.float32(1), pd.DataFrame({"a": [1.5], "b": ["s"]}).set_index("b"),
                  pd.Series(pd.Categorical(["a"])), sp.Matrix([[1, x]]), sp.Float(1.5) * sp.sin(x) + sp.Rational(1, 3),
                  sp.Function("f")(x), sp.Interval(0, 1), sp.FiniteSet(1), sp.Eq(x, 1)):
        codec.decode(json.loads(json.dumps(codec.encode(value))))


# --- the guard: defence in depth around the re-check ---------------------------------------------


@pytest.fixture
def guarded():
    guard.install([])
    with guard.armed() as refused:
        yield refused


def test_the_guard_refuses_sympify_of_source_and_lambdify_of_learner_names(tmp_path, guarded):
    canary = tmp_path / "canary"
    payload = f"__import__('pathlib').Path({str(canary)!r}).write_text('x')"
    with pytest.raises(guard.Refused):
        sp.Tuple(payload)  # sympify -> parse_expr -> eval
    with pytest.raises(guard.Refused):
        sp.lambdify(sp.Symbol("t"), sp.Function("f")(sp.Symbol("t")) + sp.Symbol("x_" * 3))
    assert not canary.exists()
    assert len(guarded) == 2 and all("not read from an installed file" in why for why in guarded)


def test_the_guard_refuses_side_effects_and_allows_reading(tmp_path, guarded):
    target = tmp_path / "written"
    for attempt in (lambda: open(target, "w"), lambda: os.system("true"), lambda: os.mkdir(tmp_path / "d"),
                    lambda: socket.create_connection(("127.0.0.1", 9), timeout=1), lambda: os.remove(__file__)):
        with pytest.raises(guard.Refused):
            attempt()
    assert not target.exists() and not (tmp_path / "d").exists() and Path(__file__).exists()
    assert Path(__file__).read_text().startswith('"""The trusted side')
    assert len(guarded) == 5


def test_numeric_function_lambdifies_only_sympy_trees_with_plain_names(guarded):
    from autograde.checks import numeric_function

    t = sp.Symbol("t")
    assert numeric_function(sp.exp(-t) * 3, t)(0.0) == 3.0
    for hostile in (sp.Function("f")(t), sp.Symbol("__import__('os')") * t, sp.Symbol("lambda") + t):
        with pytest.raises(TypeError, match="grader bug"):
            numeric_function(hostile, t)
    assert guarded == []


# --- the attempts store, hidden from inside the jail ----------------------------------------------

# shock_index reads the files and answers wrongly if any holds a byte: a pass proves none is readable.
READS_STORE = """for path in {paths!r}:
    try:
        with open(path, "rb") as f:
            if f.read(16):
                return 0.0
    except OSError:
        pass
return heart_rate / systolic
"""


def _store(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    database = folder / "attempts.sqlite"
    database.write_bytes(b"SQLite format 3\x00" + b"snapshots of every learner")
    (folder / "attempts.sqlite-wal").write_bytes(b"recent pages")
    return database


@pytest.mark.parametrize("form", ["relative", "absolute", "pysqlite-driver"])
def test_the_attempts_store_is_hidden_whatever_its_url(demo_root, write_submission, monkeypatch, form):
    # In the project (which stays visible to learner code, read-only), so only hiding can keep it out of reach.
    database = _store(demo_root / "shared-data")
    url = {"relative": "sqlite:///attempts.sqlite", "absolute": f"sqlite:///{database}",
           "pysqlite-driver": f"sqlite+pysqlite:///{database}"}[form]
    monkeypatch.chdir(database.parent)
    monkeypatch.setenv("AUTOGRADE_DB", url)
    assert {database, database.with_name("attempts.sqlite-wal")} <= set(policy.hidden_paths(demo_root))
    paths = [str(database), str(database) + "-wal"]

    report = grading.grade("demo-1", submission=write_submission(with_shock_index(READS_STORE.format(paths=paths))))

    assert statuses(report)["test_shock_index"] == "passed"
    # The probe can fail: a file beside the store that is not hidden is read.
    (database.parent / "notes.txt").write_text("visible")
    probe = with_shock_index(READS_STORE.format(paths=[str(database.parent / "notes.txt")]))
    assert statuses(grading.grade("demo-1", submission=write_submission(probe)))["test_shock_index"] == "failed"


def test_a_database_server_or_memory_hides_no_file(demo_root, monkeypatch, tmp_path):
    monkeypatch.delenv("AUTOGRADE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "nowhere"))
    baseline = policy.hidden_paths(demo_root)
    for url in ("postgresql+psycopg://grader@localhost/course", "sqlite://", "sqlite:///:memory:"):
        monkeypatch.setenv("AUTOGRADE_DB", url)
        assert policy.hidden_paths(demo_root) == baseline


# --- a jail the kernel would not fully build ------------------------------------------------------


def test_a_degraded_jail_is_reported(demo_root, monkeypatch):
    monkeypatch.setenv(jail.FAULT_VARIABLE, "mount")
    solution = str(demo_root / "solutions" / "demo-1")
    code, result = run_json("check", "demo-1", "--submission", solution, "--no-record")
    assert code == 0 and result["isolation"].startswith("degraded: mount refused")
    text = run_cli("check", "demo-1", "--submission", solution, "--no-record").stdout
    assert "isolation: degraded: mount refused" in text
    monkeypatch.delenv(jail.FAULT_VARIABLE)
    assert run_json("check", "demo-1", "--submission", solution, "--no-record")[1]["isolation"] == "jail"


def test_classroom_mode_refuses_a_degraded_jail_unless_allowed(demo_root, monkeypatch):
    monkeypatch.setenv(jail.FAULT_VARIABLE, "mount")
    nb = classroom.source_notebook("demo-1", classroom.collect_tests("demo-1"))
    resources = {"nbgrader": {"assignment": "demo-1", "notebook": "demo-1"}}
    with pytest.raises(classroom.DegradedJail, match="allow_degraded"):
        classroom.GradeWithAutograde().preprocess(nb, resources)
    graded, _ = classroom.GradeWithAutograde(allow_degraded=True).preprocess(nb, resources)
    outputs = [c.outputs for c in graded.cells if c.cell_type == "code" and c.get("outputs")]
    assert outputs and all(o[0]["output_type"] == "stream" for o in outputs)  # every test cell passed


def test_an_exported_course_refuses_a_degraded_jail_unless_exported_with_allow_degraded(demo_root, tmp_path):
    from traitlets.config import Config

    for flag, allowed in (([], False), (["--allow-degraded"], True)):
        course = tmp_path / f"course-{allowed}"
        assert run_cli("nbgrader", "export", "demo-1", "--course", str(course), *flag).returncode == 0
        config = Config()
        exec(compile((course / "nbgrader_config.py").read_text(), "nbgrader_config.py", "exec"),
             {"get_config": lambda: config, "c": config, "__file__": str(course / "nbgrader_config.py")})
        assert classroom.GradeWithAutograde(config=config).allow_degraded is allowed
