"""Shared fixtures for the project's own tests."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_PROJECT = Path(__file__).parent / "fixtures" / "project"

# The fixture project's graders are data for these tests, not tests of their own.
collect_ignore_glob = ["fixtures/*", "mutants/*", "course_style/*"]


@pytest.fixture(autouse=True)
def private_attempts_db(tmp_path, monkeypatch) -> str:
    """Every test records attempts in its own SQLite file, never in the user's real store."""
    url = f"sqlite:///{tmp_path / 'attempts.sqlite'}"
    monkeypatch.setenv("AUTOGRADE_DB", url)
    return url


@pytest.fixture
def demo_root(tmp_path, monkeypatch) -> Path:
    """A private copy of the two-unit fixture project, selected with AUTOGRADE_ROOT."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURE_PROJECT, root)
    monkeypatch.setenv("AUTOGRADE_ROOT", str(root))
    return root


@pytest.fixture
def write_submission(tmp_path):
    """Write a one-module submission for demo-1 and return its folder."""

    def write(source: str, name: str = "vitals.py") -> Path:
        folder = tmp_path / "submission"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(source)
        return folder

    return write


def run_cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `autograde` command as a learner would."""
    return subprocess.run(
        [sys.executable, "-m", "autograde", *args],
        capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300,
    )


def run_json(*args: str) -> tuple[int, dict]:
    done = run_cli(*args, "--json")
    return done.returncode, json.loads(done.stdout)


def tree_digest(root: Path) -> str:
    """A hash of every file's path and bytes under root."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def pytest_make_parametrize_id(config, val, argname):
    """Sets get an id in sorted order: their iteration order depends on the process's hash seed,
    and pytest-xdist's workers must collect the same ids."""
    if isinstance(val, (set, frozenset)):
        return "{" + ", ".join(sorted(map(str, val))) + "}"
    return None
