"""Attempts are recorded, on SQLite and on a real PostgreSQL server, and survive trouble."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

import autograde

from autograde.progress import attempts
from autograde.engine import grading
from conftest import run_cli
import postgres
from postgres import PostgresServer


@pytest.fixture(scope="session")
def postgres_server():
    if not postgres.installed() and os.geteuid() != 0:  # as root (CI) make test installs it: a must there
        pytest.skip("PostgreSQL's server programs are not installed, and only root installs them (make postgres)")
    server = PostgresServer()
    url = server.start()
    yield url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path, monkeypatch) -> str:
    """An empty attempts database of each kind, selected with AUTOGRADE_DB."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite'}"
    else:
        server = request.getfixturevalue("postgres_server")
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as db:
            db.execute(sa.text(f"CREATE DATABASE {name}"))
        admin.dispose()
        url = server.replace("/postgres?", f"/{name}?")
    monkeypatch.setenv("AUTOGRADE_DB", url)
    return url


def count_attempts(url: str) -> int:
    engine = attempts.open_store(url)
    with engine.connect() as db:
        return db.execute(sa.select(sa.func.count()).select_from(attempts.attempts)).scalar_one()


def test_an_attempt_is_recorded_with_everything_it_needs(store_url, demo_root, write_submission):
    folder = write_submission("def mean_arterial_pressure(s, d):\n    return (s + 2 * d) / 3\n")
    done = run_cli("check", "demo-1", "--submission", str(folder), "--learner", "alice")
    assert done.returncode == 1 and "not recorded" not in done.stderr
    [attempt] = attempts.load(attempts.open_store(store_url), with_tests=True)
    assert (attempt.learner, attempt.unit, attempt.score, attempt.max_score) == ("alice", "demo-1", 2.0, 4.0)
    assert {t["name"]: t["status"] for t in attempt.tests} == {
        "test_map": "passed", "test_shock_index": "error", "test_tachycardia": "error"}
    assert attempt.grader_version.startswith(f"{autograde.__version__}+") and attempt.duration_s > 0
    assert (datetime.now(timezone.utc) - attempt.started_at).total_seconds() < 120
    restored = attempts.restore(attempts.snapshot_files(attempts.open_store(store_url), attempt.content_hash),
                                demo_root / "restored")
    assert (restored / "vitals.py").read_text() == (folder / "vitals.py").read_text()


def test_the_grader_version_covers_everything_that_decides_a_grade(demo_root, tmp_path, monkeypatch):
    grader = demo_root / "graders" / "demo-1" / "test_vitals.py"
    # The demo grader uses a dataset generator that uses another one; a deciding module of autograde
    # is stood in for by a file of this test's own, so it can be edited.
    package = tmp_path / "standin"
    (package / "autograde_standin").mkdir(parents=True)
    engine = package / "autograde_standin" / "checks_standin.py"
    engine.write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(package))
    monkeypatch.setattr(attempts, "DECIDING_MODULES", (*attempts.DECIDING_MODULES, "autograde_standin.checks_standin"))
    grader.write_text("from autograde.datasets.interpretation import mortality_cohort\n" + grader.read_text())

    def version():
        return attempts.grader_version("demo-1", demo_root)

    edits = [
        grader,
        demo_root / "solutions" / "demo-1" / "vitals.py",
        engine,
    ]
    seen = {version()}
    for path in edits:
        path.write_text(path.read_text() + "\n# edited\n")
        seen.add(version())
    assert len(seen) == len(edits) + 1
    datasets = attempts._datasets_used([grader])
    assert datasets == {"autograde.datasets.interpretation", "autograde.datasets.imaging"}  # and what it imports
    # Files that decide nothing leave it alone: the unit's README, another unit.
    before = version()
    (demo_root / "exercises" / "demo-1" / "README.md").write_text("changed")
    (demo_root / "graders" / "demo-2").mkdir(exist_ok=True)
    (demo_root / "graders" / "demo-2" / "test_other.py").write_text("# another unit\n")
    assert version() == before


def test_learner_defaults_to_environment_then_git_then_os_user(monkeypatch):
    monkeypatch.setenv("AUTOGRADE_LEARNER", "dr-who")
    assert attempts.learner_name() == "dr-who" and attempts.learner_name("given") == "given"
    monkeypatch.delenv("AUTOGRADE_LEARNER")
    assert attempts.learner_name()  # git user.name or the OS user, never empty


def test_schema_is_versioned_and_a_newer_one_is_refused(store_url):
    engine = attempts.open_store(store_url)
    with engine.begin() as db:
        assert db.execute(sa.select(attempts.schema_info.c.version)).scalar_one() == attempts.SCHEMA_VERSION
        db.execute(attempts.schema_info.update().values(version=attempts.SCHEMA_VERSION + 1))
    with pytest.raises(attempts.StoreError, match="upgrade"):
        attempts.open_store(store_url)


def test_ten_concurrent_checks_are_all_recorded(store_url, demo_root):
    solution = str(demo_root / "solutions" / "demo-1")
    checks = [
        subprocess.Popen([sys.executable, "-m", "autograde", "check", "demo-1", "--submission", solution,
                          "--learner", f"learner-{i}", "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(10)
    ]
    outputs = [c.communicate(timeout=300) for c in checks]
    # Ten gradings at once on two cores may push a 3-second test past its limit: that is a
    # grade, not a recording problem, so only the recording is asserted here.
    assert all(c.returncode in (0, 1) for c in checks), [err for _, err in outputs]
    assert all("not recorded" not in err for _, err in outputs), [err for _, err in outputs if err]
    recorded = attempts.load(attempts.open_store(store_url))
    assert sorted(a.learner for a in recorded) == sorted(f"learner-{i}" for i in range(10))
    printed = sorted(json.loads(out)["score"] for out, _ in outputs)
    assert sorted(a.score for a in recorded) == printed


def test_a_check_killed_mid_grade_leaves_no_attempt(store_url, demo_root, write_submission):
    attempts.open_store(store_url)  # the schema exists: only the attempt is missing afterwards
    hanging = write_submission("def mean_arterial_pressure(s, d):\n    return (s + 2 * d) / 3\n\n\ndef shock_index(h, s):\n    while True:\n        pass\n")
    check = subprocess.Popen([sys.executable, "-m", "autograde", "check", "demo-1", "--submission", str(hanging)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(2.5)  # by now inside the hanging test (its limit is 3 s, after test_map)
    check.send_signal(signal.SIGKILL)
    check.wait(timeout=30)
    assert count_attempts(store_url) == 0
    run_cli("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"))
    assert count_attempts(store_url) == 1  # and the store still works


def test_a_damaged_database_is_explained_and_the_grade_still_printed(demo_root, tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"this is not an SQLite database, it is a shopping list" * 100)
    monkeypatch.setenv("AUTOGRADE_DB", f"sqlite:///{broken}")
    done = run_cli("check", "demo-1", "--json", "--submission", str(demo_root / "solutions" / "demo-1"))
    assert done.returncode == 0 and json.loads(done.stdout)["score"] == 4.0
    assert "not recorded" in done.stderr and "damaged" in done.stderr


def test_a_locked_database_is_explained_and_the_grade_still_printed(demo_root, tmp_path, monkeypatch):
    path = tmp_path / "locked.sqlite"
    monkeypatch.setenv("AUTOGRADE_DB", f"sqlite:///{path}")
    attempts.open_store()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = run_cli("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"),
                       env={"AUTOGRADE_DB_TIMEOUT": "0.5"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 0 and "Total: 4 / 4" in done.stdout
    assert "not recorded" in done.stderr and "locked" in done.stderr


def test_no_record_leaves_the_store_alone(store_url, demo_root):
    run_cli("check", "demo-1", "--no-record")
    assert count_attempts(store_url) == 0


def test_verify_flags_a_score_that_does_not_reproduce(store_url, demo_root, write_submission):
    wrong = write_submission("def mean_arterial_pressure(s, d):\n    return (s + d) / 2\n")
    run_cli("check", "demo-1", "--submission", str(wrong), "--learner", "mallory")
    run_cli("check", "demo-1", "--submission", str(demo_root / "solutions" / "demo-1"), "--learner", "alice")
    engine = attempts.open_store(store_url)
    with engine.begin() as db:  # mallory edits her stored score
        db.execute(attempts.attempts.update().where(attempts.attempts.c.learner == "mallory").values(score=4.0))
    done = run_cli("regrade")
    assert done.returncode == 1
    flagged = [line for line in done.stdout.splitlines() if line.startswith("FLAG")]
    assert len(flagged) == 1 and "mallory demo-1" in flagged[0] and "stored 4 / 4, re-graded 0" in flagged[0]
    assert "2 attempt(s) re-graded, 1 flagged" in done.stdout
    board = run_cli("leaderboard").stdout
    assert "mallory!" in board and "alice " in board and "did not reproduce" in board
    assert run_cli("verify", "--learner", "alice").returncode == 0


def test_grading_uses_the_store_only_through_the_cli(demo_root, store_url):
    grading.grade("demo-1")  # the API grades without recording: the CLI's check records
    assert count_attempts(store_url) == 0
