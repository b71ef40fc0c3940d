"""Hostile and broken submissions of the fixture unit demo-1, one per threat of the README's
"How grading stays fair", each with the exact outcome it must get.

demo-1 has three tests: test_map (2 points), test_shock_index (1 point, 3 s limit) and
test_tachycardia (1 point).  Most cases replace only ``shock_index`` so the two other tests
show that the rest of the submission is still scored.
"""

from __future__ import annotations

import os
import socket
import time

import pytest

from autograde.engine import grading
from conftest import run_cli, tree_digest
from test_grading import CORRECT, statuses, with_shock_index

RIGHT = "return heart_rate / systolic"  # the correct body of shock_index
KILL_EVERYONE = "import os, signal\ntry:\n    os.kill(-1, signal.SIGKILL)\nexcept ProcessLookupError:\n    pass\n"
WRONG = "return 0.0"

# Tampering needs somewhere to reach: these snippets patch the grading machinery inside the
# worker so that the worker believes a wrong answer passed.  The verifier must not.
PATCH_GRADER_GLOBALS = """import sys
for module in list(sys.modules.values()):
    if getattr(module, "fail", None) is not None:
        try:
            module.fail = lambda *args, **kwargs: None
        except Exception:
            pass
"""
PATCH_CODE_OBJECT = "import autograde.checks as c\nc.assert_close.__code__ = (lambda *a, **k: None).__code__\n"
PATCH_MATH = "import math, builtins\nbuiltins.abs = lambda x: 0.0\nmath.isinf = lambda x: False\n"
PATCH_PYTEST = """import _pytest.reports as reports
_init = reports.TestReport.__init__
def _always_passed(self, nodeid, location, keywords, outcome, longrepr, when, *args, **kwargs):
    _init(self, nodeid, location, keywords, "passed", None, when, *args, **kwargs)
reports.TestReport.__init__ = _always_passed
"""
def forge_result(log: str = "[]") -> str:
    """Learner code that writes a well-formed "passed" frame whose record is ``log`` (a Python
    expression) into every pipe it holds, then dies."""
    return f"""import os, json, struct
forged = json.dumps({{"status": "passed", "message": "", "log": {log}}}).encode()
for fd in range(3, 64):
    try:
        if os.readlink(f"/proc/self/fd/{{fd}}").startswith("pipe:"):
            os.write(fd, struct.pack(">Q", len(forged)) + forged)
    except OSError:
        pass
os._exit(0)
"""


FORGE_RESULT = forge_result()


SPIN = "import threading\ndef spin():\n    while True:\n        pass\n"


def shock(body: str, prelude: str = ""):
    return with_shock_index(body, prelude)


OTHERS_PASS = {"test_map": "passed", "test_tachycardia": "passed"}

# (id, module source, status of test_shock_index, words in its message)
FUNCTION_CASES = [
    # resources
    ("infinite-loop", shock("while True:\n    pass"), "timeout", ""),  # CPU or wall limit: which comes first depends on the load
    ("sleep", shock("import time\ntime.sleep(60)"), "timeout", "still running"),
    ("busy-threads-joined", shock(SPIN + "ts = [threading.Thread(target=spin) for _ in range(4)]\n"
                                   "[t.start() for t in ts]\n[t.join() for t in ts]"), "timeout", ""),
    ("busy-thread-left-running", shock(SPIN + "threading.Thread(target=spin, daemon=True).start()\n" + RIGHT), "passed", ""),
    ("bytearray-2GiB", shock("x = bytearray(2 * 1024**3)\n" + RIGHT), "memory", "memory"),
    ("list-growth", shock("x = []\nwhile True:\n    x.append(' ' * 10**6)"), "memory", "memory"),
    ("numpy-huge", shock("import numpy\nx = numpy.ones(10**10)\n" + RIGHT), "memory", "memory"),
    ("fork-bomb", shock("import os\nwhile True:\n    os.fork()"), "timeout", "still running"),
    ("fill-scratch-disk", shock("with open('/tmp/big', 'wb') as f:\n    while True:\n        f.write(b'x' * 2**20)"), "error", ""),
    ("too-many-files", shock("files = [open('/dev/null') for _ in range(100000)]\n" + RIGHT), "error", "Too many open files"),
    ("print-a-gigabyte", shock("import sys\nline = 'x' * 10**6 + '\\n'\nfor _ in range(1000):\n    sys.stdout.write(line)\n" + RIGHT), "passed", ""),
    # process control
    ("sys-exit", shock("import sys\nsys.exit(0)"), "error", "sys.exit"),
    ("raise-systemexit", shock("raise SystemExit(0)"), "error", "sys.exit"),
    ("os-exit", shock("import os\nos._exit(0)"), "crashed", "exited"),
    ("keyboard-interrupt", shock("raise KeyboardInterrupt"), "error", "KeyboardInterrupt"),
    ("segfault", shock("import ctypes\nctypes.string_at(0)"), "crashed", "SIGSEGV"),
    ("abort", shock("import os\nos.abort()"), "crashed", "SIGABRT"),
    ("sigkill-self", shock("import os, signal\nos.kill(os.getpid(), signal.SIGKILL)"), "crashed", "SIGKILL"),
    # The worker is the jail's init: no signal from inside can kill it, so these two are scored
    # on their answers (whatever else they kill is replaced or reported in its own test).
    ("sigkill-parent", shock("import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n" + RIGHT), "passed", ""),
    ("sigstop-parent", shock("import os, signal\nos.kill(os.getppid(), signal.SIGSTOP)\n" + RIGHT), "passed", ""),
    ("sigkill-process-group", shock("import os, signal\nos.killpg(0, signal.SIGKILL)"), "crashed", "SIGKILL"),
    # (ESRCH where nothing else runs in the jail at that moment: a race with the spare's fork, not a verdict)
    ("sigkill-everyone", shock(KILL_EVERYONE + RIGHT), "passed", ""),
    ("sigkill-everyone-then-wrong", shock(KILL_EVERYONE + WRONG), "failed", ""),
    ("sigint-parent", shock("import os, signal\nos.kill(os.getppid(), signal.SIGINT)\n" + RIGHT), "passed", ""),
    ("atexit-fake-report", shock(WRONG, "import atexit\natexit.register(lambda: print('Total: 4 / 4'))\n"), "failed", ""),
    # tampering with grading: a wrong answer the worker is made to believe
    ("patch-grader-globals", shock(PATCH_GRADER_GLOBALS + WRONG), "tampered", "re-checked"),
    ("patch-code-object", shock(PATCH_CODE_OBJECT + WRONG), "tampered", "re-checked"),
    ("patch-builtins-and-math", shock(PATCH_MATH + "return 9.0"), "tampered", "re-checked"),
    ("patch-pytest-runtest", shock(WRONG, PATCH_PYTEST), "tampered", ""),
    ("forge-result-pipe", shock(FORGE_RESULT), "tampered", ""),
    ("patch-rng-seed", shock(WRONG, "import numpy\n_real = numpy.random.default_rng\nnumpy.random.default_rng = lambda *a, **k: _real(0)\n"), "failed", ""),
    ("pytest-skip", shock("import pytest\npytest.skip('no')"), "error", "skipped"),
    ("pytest-xfail", shock("import pytest\npytest.xfail('no')"), "error", "skipped"),
    ("pytest-exit", shock("import pytest\npytest.exit('bye')"), "error", "Exit"),
    # returned objects that lie
    ("float-subclass-always-equal", shock("class Liar(float):\n    def __eq__(self, other):\n        return True\n    def __sub__(self, other):\n        return 0.0\nreturn Liar(0.0)"), "failed", "Liar"),
    ("object-with-float", shock("class Fake:\n    def __float__(self):\n        return heart_rate / systolic\nreturn Fake()"), "failed", "Fake"),
    ("object-with-array", shock("import numpy\nclass Fake:\n    def __array__(self, *a, **k):\n        return numpy.array(heart_rate / systolic)\nreturn Fake()"), "failed", "Fake"),
    ("numpy-float-subclass", shock("import numpy\nclass F(numpy.float64):\n    def __eq__(self, other):\n        return True\nreturn F(0.0)"), "failed", ""),
    ("lazy-proxy", shock("class Proxy:\n    def __getattr__(self, name):\n        return getattr(heart_rate / systolic, name)\nreturn Proxy()"), "failed", "Proxy"),
    ("import-hook", shock(WRONG, "import sys\nclass Hook:\n    def find_spec(self, *a, **k):\n        return None\nsys.meta_path.insert(0, Hook())\nsys.modules['autograde.checks'] = None\n"), "failed", ""),
    # broken input confined to one function
    ("wrong-signature", "def mean_arterial_pressure(systolic, diastolic):\n    return (systolic + 2 * diastolic) / 3\n\n\ndef shock_index(heart_rate):\n    return heart_rate\n\n\ndef is_tachycardic(heart_rate):\n    return heart_rate > 100\n", "error", "TypeError"),
    ("missing-optional-import", shock("import not_installed_anywhere\n" + RIGHT), "error", "ModuleNotFoundError"),
    ("undefined-name", shock("return undefined_name"), "error", "NameError"),
]


@pytest.mark.parametrize(("source", "status", "words"), [c[1:] for c in FUNCTION_CASES], ids=[c[0] for c in FUNCTION_CASES])
def test_hostile_function(demo_root, write_submission, source, status, words):
    started = time.monotonic()
    report = grading.grade("demo-1", submission=write_submission(source))
    assert time.monotonic() - started < 60
    assert statuses(report) == {**OTHERS_PASS, "test_shock_index": status}
    broken = next(t for t in report.tests if t.name == "test_shock_index")
    assert words in broken.message
    assert report.score == (4.0 if status == "passed" else 3.0)


# Whole-module breakage: every test gets the same status.
MODULE_CASES = [
    ("syntax-error", "def mean_arterial_pressure(:\n    pass\n", "error", "syntax error on line 1"),
    ("import-error", "import not_a_real_module_xyz\n", "error", "ModuleNotFoundError"),
    ("raises-at-import", "raise RuntimeError('boom at import')\n", "error", "boom at import"),
    ("empty-file", "", "error", "`mean_arterial_pressure` is not defined"),
    ("not-utf8", b"\xff\xfe garbage = 1\n".decode("latin-1"), "error", "syntax error"),
    ("null-bytes", "x = 1\x00\n", "error", ""),
    ("sys-exit-at-import", "import sys\nsys.exit(3)\n", "error", "sys.exit"),
    ("os-exit-at-import", "import os\nos._exit(0)\n", "crashed", "exited"),
    ("loops-at-import", "while True:\n    pass\n", "timeout", ""),
]


@pytest.mark.parametrize(("source", "status", "words"), [c[1:] for c in MODULE_CASES], ids=[c[0] for c in MODULE_CASES])
def test_broken_module(demo_root, write_submission, source, status, words):
    started = time.monotonic()
    report = grading.grade("demo-1", submission=write_submission(source))
    # it ends: each test stops at its wall limit (twice its CPU limit) at worst, plus a generous start-up
    assert time.monotonic() - started < 2 * (10 + 3 + 10) + 60
    assert {t.status for t in report.tests} == {status}
    assert words in report.tests[0].message
    assert report.score == 0


@pytest.mark.parametrize("loop", ["while True:\n    pass", "import time\ntime.sleep(60)"], ids=["computes", "waits"])
def test_a_timeout_names_the_learners_function_and_line(demo_root, write_submission, loop):
    report = grading.grade("demo-1", submission=write_submission(with_shock_index(loop)))
    stopped = next(t for t in report.tests if t.name == "test_shock_index")
    assert stopped.status == "timeout" and "(at vitals.py line" in stopped.message
    assert ", in shock_index: " in stopped.message
    assert statuses(report) == {**OTHERS_PASS, "test_shock_index": "timeout"}


def test_code_that_runs_past_the_quick_limit_but_finishes_is_graded_on_its_own_limit(demo_root, write_submission):
    """A first run stops at the quick limit (1 s of CPU time here); the test runs again under its
    own limit (3 s) and passes: slow but correct code is not cut."""
    slow = "import time\nstart = time.process_time()\nwhile time.process_time() - start < 1.5:\n    pass\n" + RIGHT
    report = grading.grade("demo-1", submission=write_submission(with_shock_index(slow)))
    assert statuses(report) == {**OTHERS_PASS, "test_shock_index": "passed"}


def test_when_every_function_loops_the_check_stops_waiting_and_says_where(demo_root, write_submission):
    """Every function loops: each test's first run stops at its quick limit; in the second pass the
    first (test_map, 10 s) runs out of its own limit, the next gets only what is left of the
    check's allowance, and the last is not run; each message names the learner's loop."""
    from autograde.engine import loop

    looping = "\n".join(f"def {name}(*args):\n    while True:\n        pass\n\n"
                         for name in ("mean_arterial_pressure", "shock_index", "is_tachycardic"))
    report = grading.grade("demo-1", submission=write_submission(looping))
    assert {t.status for t in report.tests} == {"timeout"}
    by_name = {t.name: t.message for t in report.tests}
    assert "still running after 10 s of CPU time" in by_name["test_map"]
    assert "in mean_arterial_pressure: while True:" in by_name["test_map"]
    left = loop.ALLOWANCE_S - 10
    assert f"given the {left:g} s left of the check's {loop.ALLOWANCE_S:g} s" in by_name["test_shock_index"]
    assert "in shock_index" in by_name["test_shock_index"]
    assert by_name["test_tachycardia"].startswith("still running after 1 s of CPU time")  # its quick run
    assert "in is_tachycardic" in by_name["test_tachycardia"] and "not graded" in by_name["test_tachycardia"]

    # Classroom grading is patient: each gets its own limit, however much ran out of time before.
    two_loop = looping.replace("def is_tachycardic(*args):\n    while True:\n        pass", "def is_tachycardic(hr):\n    return hr > 100")
    patient = grading.grade("demo-1", submission=write_submission(two_loop), patient=True)
    assert statuses(patient) == {"test_map": "timeout", "test_shock_index": "timeout", "test_tachycardia": "passed"}
    assert "still running after 3 s of CPU time" in {t.name: t.message for t in patient.tests}["test_shock_index"]


def test_missing_file_is_reported(demo_root, tmp_path):
    (tmp_path / "empty").mkdir()
    report = grading.grade("demo-1", submission=tmp_path / "empty")
    assert {t.status for t in report.tests} == {"error"}
    assert "vitals.py is missing" in report.tests[0].message


# --- the project and hidden material ------------------------------------------------------

TOUCH_PROJECT = """import os, shutil
root = os.environ["AUTOGRADE_ROOT"]
attempts = [
    lambda: open(os.path.join(root, "graders", "demo-1", "test_vitals.py"), "w").write("def test_x(): pass"),
    lambda: open(os.path.join(root, "solutions", "demo-1", "vitals.py"), "a").write("x = 1"),
    lambda: os.remove(os.path.join(root, "exercises", "demo-1", "vitals.py")),
    lambda: open(os.path.join(root, "new_file.py"), "w").write("x = 1"),
    lambda: shutil.rmtree(os.path.join(root, "exercises")),
    lambda: open(os.path.join(root, "curriculum.toml"), "a").write("junk"),
]
for attempt in attempts:
    try:
        attempt()
    except OSError:
        pass
"""


def test_submission_cannot_change_the_project(demo_root, write_submission):
    before = tree_digest(demo_root)
    report = grading.grade("demo-1", submission=write_submission(shock(TOUCH_PROJECT + RIGHT)))
    assert report.score == 4.0
    assert tree_digest(demo_root) == before


READ_HIDDEN = """import os
root = os.environ["AUTOGRADE_ROOT"]
for path in ("graders/demo-1/test_vitals.py", "solutions/demo-1/vitals.py", "tests"):
    try:
        found = open(os.path.join(root, path)).read() if path.endswith(".py") else os.listdir(os.path.join(root, path))
    except OSError:
        continue
    if found:
        return 0.0  # it could read hidden material: make the test fail so the suite notices
"""


def test_graders_and_solutions_cannot_be_read(demo_root, write_submission):
    (demo_root / "tests").mkdir(exist_ok=True)
    (demo_root / "tests" / "secret.txt").write_text("hidden")
    report = grading.grade("demo-1", submission=write_submission(shock(READ_HIDDEN + RIGHT)))
    assert statuses(report)["test_shock_index"] == "passed"


SNOOP_SECRETS = """import os
for pid in os.listdir("/proc"):
    if pid.isdigit():
        for name in ("environ", "cmdline"):
            try:
                if b"s3cret-token" in open(f"/proc/{pid}/{name}", "rb").read():
                    return 0.0
            except OSError:
                pass
if any("s3cret-token" in value for value in os.environ.values()):
    return 0.0
"""


def test_environment_secrets_are_not_visible(demo_root, write_submission, monkeypatch):
    monkeypatch.setenv("AUTOGRADE_TEST_SECRET", "s3cret-token")
    report = grading.grade("demo-1", submission=write_submission(shock(SNOOP_SECRETS + RIGHT)))
    assert statuses(report)["test_shock_index"] == "passed"


def test_network_is_cut(demo_root, write_submission):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.setblocking(False)
    port = server.getsockname()[1]
    connect = f"""import socket
for address in (("127.0.0.1", {port}), ("8.8.8.8", 53)):
    try:
        socket.create_connection(address, timeout=1).close()
        return 0.0
    except OSError:
        pass
try:
    socket.getaddrinfo("example.com", 80)
    return 0.0
except OSError:
    pass
"""
    try:
        report = grading.grade("demo-1", submission=write_submission(shock(connect + RIGHT)))
        with pytest.raises(BlockingIOError):
            server.accept()  # nobody ever connected
    finally:
        server.close()
    assert statuses(report)["test_shock_index"] == "passed"


def test_processes_started_by_the_submission_are_killed(demo_root, write_submission):
    marker = f"autograde-marker-{os.getpid()}-{time.monotonic_ns()}"
    sleeper = ["import sys", "import time; time.sleep(300)", marker]
    spawn = f"""import subprocess, os, sys
subprocess.Popen([sys.executable, "-c", {sleeper[1]!r}, {marker!r}], start_new_session=True)
if os.fork() == 0:  # a daemon: double fork and a new session
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", {sleeper[1]!r}, {marker!r}])
    os._exit(0)
"""
    report = grading.grade("demo-1", submission=write_submission(shock(spawn + RIGHT)))
    assert report.score == 4.0
    deadline = time.monotonic() + 5
    while _running_with(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _running_with(marker) == []


def _running_with(marker: str) -> list[int]:
    """Live processes on this machine whose command line contains ``marker`` (zombies excluded)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmdline = open(f"/proc/{pid}/cmdline", "rb").read()
            state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(pid))
    return found


def test_state_left_by_an_earlier_test_costs_no_points(demo_root, write_submission):
    """Tests that pass share a worker process; a test that fails there after another is run again
    in a fresh process, and that verdict counts.  Here shock_index (test 2) breaks math.inf, which
    is_tachycardic (test 3) relies on: in the shared process test 3 fails, alone it passes."""
    source = CORRECT.replace("    return heart_rate / systolic", "    import math\n    math.inf = 0.0\n    return heart_rate / systolic")
    source = source.replace("    return heart_rate > 100", "    import math\n    return 100 < heart_rate < math.inf")
    report = grading.grade("demo-1", submission=write_submission(source))
    assert report.score == 4.0 and {t.status for t in report.tests} == {"passed"}


def test_a_later_test_is_not_blamed_for_an_earlier_ones_leftovers(demo_root, write_submission):
    """A daemon started by shock_index keeps killing every process it can see for a while after
    the test passed: the processes waiting for later tests, the one running them.  Each later test
    still gets a process that nothing of an earlier test can reach, and its own verdict."""
    killer = """import os, signal, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        end = time.monotonic() + 2
        while time.monotonic() < end:
            os.kill(-1, signal.SIGKILL)
            time.sleep(0.001)
    os._exit(0)
"""
    report = grading.grade("demo-1", submission=write_submission(shock(killer + RIGHT)))
    assert statuses(report)["test_tachycardia"] == "passed"


@pytest.mark.parametrize(("threads", "clone_call"), [(0, True), (1, True), (0, False)],
                         ids=["one-thread", "threads-running", "no-clone-call"])
def test_jail_is_built_whatever_the_process_runs(tmp_path, monkeypatch, threads, clone_call):
    """The jail is cloned straight from a single-threaded process, through an extra fork from one
    with threads running (the notebook probe runs beside a thread), and by unshare and fork where
    the clone call's number is not known: all give the same jail."""
    import threading

    from autograde.engine import jail, sandbox

    if not clone_call:
        monkeypatch.setattr(jail, "SYS_CLONE", None)

    secret = tmp_path / "hidden"
    secret.mkdir()
    (secret / "answers.txt").write_text("42")
    stop = threading.Event()
    running = [threading.Thread(target=stop.wait) for _ in range(threads)]
    for thread in running:
        thread.start()

    def look() -> dict:
        return {"pid": os.getpid(), "hidden": os.listdir(secret), "processes": sorted(os.listdir("/proc"))}

    try:
        [end] = sandbox.run_jobs([(look, sandbox.Limits())], hidden=[secret], visible=[tmp_path])
    finally:
        stop.set()
    assert end.cause is None, end.detail
    assert end.message["hidden"] == []
    assert end.message["pid"] < 10  # inside its own PID namespace
    assert "1" in end.message["processes"] and str(os.getpid()) not in end.message["processes"]


def test_printed_fake_report_does_not_change_the_score(demo_root, write_submission):
    fake = 'print(\'{"unit": "demo-1", "score": 4.0}\')\nprint("Total: 4 / 4")\n'
    done = run_cli("check", "demo-1", "--json", "--submission", str(write_submission(fake + shock(WRONG))))
    import json

    result = json.loads(done.stdout)  # stdout is exactly one JSON object
    assert result["score"] == 3.0 and done.returncode == 1


def test_correct_submission_is_confirmed_by_the_verifier(demo_root, write_submission):
    """The other side of the tamper cases: honest code passes both the worker and the verifier."""
    report = grading.grade("demo-1", submission=write_submission(CORRECT))
    assert report.score == 4.0 and {t.status for t in report.tests} == {"passed"}


def test_a_kill_at_the_hard_cpu_limit_is_a_timeout_not_a_crash():
    """Code whose threads keep the signals from the main thread runs on to the kernel's hard CPU
    limit (SIGKILL): with the CPU time spent, that is a timeout; a SIGKILL without it a crash."""
    import signal
    from types import SimpleNamespace

    from autograde.engine import sandbox, worker

    limits = sandbox.Limits(wall_seconds=6.0, cpu_seconds=3.0)
    spent = SimpleNamespace(ru_utime=3.4, ru_stime=0.2, ru_maxrss=0)
    idle = SimpleNamespace(ru_utime=0.1, ru_stime=0.0, ru_maxrss=0)
    assert worker._death(signal.SIGKILL, spent, limits, 0, 1.0).cause == "cpu"
    assert worker._death(signal.SIGKILL, idle, limits, 0, 1.0).cause == "crashed"
