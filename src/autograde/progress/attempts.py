"""Every graded attempt, stored: SQLite by default, any SQLAlchemy URL through ``AUTOGRADE_DB``.

Default location: ``$XDG_DATA_HOME/autograde/attempts.sqlite`` (``~/.local/share/...``),
outside the project tree, which grading must leave unchanged. A study group shares one
PostgreSQL database with ``AUTOGRADE_DB=postgresql+psycopg://user@host/dbname``.

An attempt is written in one transaction after grading has finished, so a check killed
mid-grade leaves nothing half-written. The schema carries a version number; ``open_store``
creates or migrates it.
"""

from __future__ import annotations

import getpass
import hashlib
import importlib
import importlib.util
import io
import os
import subprocess
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa

from autograde import __version__
from autograde.report import Report
from autograde.engine.submission import imported_modules_of

SCHEMA_VERSION = 1
SNAPSHOT_SUFFIXES = (".py", ".ipynb")

metadata = sa.MetaData()
schema_info = sa.Table("schema_info", metadata, sa.Column("version", sa.Integer, nullable=False))
snapshots = sa.Table(
    "snapshots", metadata,
    sa.Column("content_hash", sa.String(64), primary_key=True),
    sa.Column("files", sa.LargeBinary, nullable=False),  # a zip of the submitted files
)
attempts = sa.Table(
    "attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("learner", sa.String(200), nullable=False, index=True),
    sa.Column("unit", sa.String(100), nullable=False, index=True),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("max_score", sa.Float, nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("duration_s", sa.Float, nullable=False),
    sa.Column("grader_version", sa.String(64), nullable=False),
    sa.Column("content_hash", sa.String(64), sa.ForeignKey("snapshots.content_hash"), nullable=False),
)
test_outcomes = sa.Table(
    "test_outcomes", metadata,
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), primary_key=True),
    sa.Column("name", sa.String(300), primary_key=True),
    sa.Column("points", sa.Float, nullable=False),
    sa.Column("max_points", sa.Float, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
)
verifications = sa.Table(
    "verifications", metadata,
    sa.Column("attempt_id", sa.Integer, sa.ForeignKey("attempts.id"), primary_key=True),
    sa.Column("verified_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("regraded_score", sa.Float, nullable=False),
    sa.Column("reproduced", sa.Boolean, nullable=False),
    sa.Column("same_grader", sa.Boolean, nullable=False),
)

# Each entry upgrades a database from version N to N + 1 (none yet: version 1 is the first).
MIGRATIONS: dict[int, list[str]] = {}


class StoreError(RuntimeError):
    """The attempts database cannot be used (locked, corrupt, unreachable, too new)."""


@dataclass
class Attempt:
    id: int
    learner: str
    unit: str
    score: float
    max_score: float
    started_at: datetime
    duration_s: float
    grader_version: str
    content_hash: str
    tests: list[dict] = field(default_factory=list)
    reproduced: bool | None = None  # None: never verified

    @property
    def full_marks(self) -> bool:
        return self.max_score > 0 and self.score >= self.max_score


def database_url() -> str:
    if os.environ.get("AUTOGRADE_DB"):
        return os.environ["AUTOGRADE_DB"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return f"sqlite:///{data_home / 'autograde' / 'attempts.sqlite'}"


def store_file(url: str | None = None) -> Path | None:
    """The SQLite file a store URL names, whatever its driver (``sqlite://``, ``sqlite+pysqlite://``),
    made absolute from the current folder as SQLite opens it; None for a database server or an
    in-memory database.  The one place a URL becomes a path (opening the store, and hiding it
    from learner code: ``engine.policy.hidden_paths``)."""
    parsed = sa.engine.make_url(url or database_url())
    name = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or name in ("", ":memory:"):
        return None
    if name.startswith("file:"):  # an SQLite URI (?uri=true)
        name, _, options = name[len("file:"):].partition("?")
        if not name or name == ":memory:" or "mode=memory" in options:
            return None
    return Path(os.path.abspath(name))


def _describe(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def open_store(url: str | None = None) -> sa.Engine:
    """Connect, create the schema if the database is new, migrate it if it is older."""
    url = url or database_url()
    parsed = sa.engine.make_url(url)
    connect_args = {}
    if parsed.get_backend_name() == "sqlite":
        if store_file(url) is not None:
            store_file(url).parent.mkdir(parents=True, exist_ok=True)
        connect_args["timeout"] = float(os.environ.get("AUTOGRADE_DB_TIMEOUT", "30"))
    engine = sa.create_engine(url, connect_args=connect_args)
    if parsed.get_backend_name() == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
    try:
        _retrying(engine, _migrate)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(_explain(exc, url)) from None
    return engine


def _retrying(engine: sa.Engine, work, tries: int = 6):
    """Run ``work(db)`` in one transaction, again if SQLite reports a momentary lock.

    SQLite's busy timeout covers ordinary waits, but some moments (another process opening
    the WAL, a checkpoint) answer "locked" at once; a short pause and a new try get through.
    """
    for attempt in range(tries):
        try:
            with engine.begin() as db:
                return work(db)
        except sa.exc.OperationalError as exc:
            transient = "locked" in str(exc.orig) or "busy" in str(exc.orig)
            if not transient or engine.dialect.name != "sqlite" or attempt == tries - 1:
                raise
            time.sleep(0.05 * 2**attempt)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    dbapi_connection.isolation_level = None  # transactions are begun explicitly, below
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(connection: sa.Connection) -> None:
    # Take the write lock at BEGIN: a transaction that reads, then writes (creating the schema,
    # recording an attempt) never finds the ground moved by a concurrent check.
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _migrate(db: sa.Connection) -> None:
    if db.dialect.name == "postgresql":  # one check at a time creates or migrates the schema
        db.execute(sa.text("SELECT pg_advisory_xact_lock(20261122)"))
    if not sa.inspect(db).has_table("schema_info"):
        metadata.create_all(db)
        db.execute(schema_info.insert().values(version=SCHEMA_VERSION))
        return
    version = db.execute(sa.select(schema_info.c.version)).scalar_one()
    if version > SCHEMA_VERSION:
        raise StoreError(f"the attempts database has schema {version}; this autograde knows {SCHEMA_VERSION}: upgrade it")
    while version < SCHEMA_VERSION:
        for statement in MIGRATIONS[version]:
            db.execute(sa.text(statement))
        version += 1
        db.execute(schema_info.update().values(version=version))


def _explain(exc: Exception, url: str) -> str:
    text = str(getattr(exc, "orig", exc)) or type(exc).__name__
    where = _describe(url)
    if "locked" in text:
        return f"the attempts database {where} is locked by another process (try again in a moment)"
    if "not a database" in text or "malformed" in text:
        return f"the attempts database {where} is damaged ({text}); move it away to start a new one"
    return f"the attempts database {where} cannot be used: {text.splitlines()[0]}"


# --- what an attempt records ---------------------------------------------------------------


def learner_name(explicit: str | None = None) -> str:
    """--learner, else AUTOGRADE_LEARNER, else git's user.name, else the OS user."""
    if explicit:
        return explicit
    if os.environ.get("AUTOGRADE_LEARNER"):
        return os.environ["AUTOGRADE_LEARNER"]
    try:
        name = subprocess.run(
            ["git", "config", "user.name"], capture_output=True, text=True, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        name = ""
    return name or getpass.getuser()


def snapshot(folder: Path) -> tuple[str, bytes]:
    """(content hash, zip) of the submission's source files; the same files give the same bytes."""
    files = sorted(p for p in Path(folder).iterdir() if p.is_file() and p.suffix in SNAPSHOT_SUFFIXES)
    digest = hashlib.sha256()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            data = path.read_bytes()
            digest.update(path.name.encode() + b"\0" + hashlib.sha256(data).digest())
            info = zipfile.ZipInfo(path.name, date_time=(1980, 1, 1, 0, 0, 0))
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return digest.hexdigest(), buffer.getvalue()


def restore(files: bytes, into: Path) -> Path:
    """Unpack a snapshot into ``into`` (names are plain file names: nothing can escape the folder)."""
    into.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(files)) as archive:
        for name in archive.namelist():
            if "/" in name or "\\" in name or name.startswith("."):
                raise StoreError(f"snapshot holds an unexpected file name: {name!r}")
            (into / name).write_bytes(archive.read(name))
    return into


# The modules of autograde that decide a score besides the unit's own files.
DECIDING_MODULES = ("autograde.checks", "autograde.engine.codec", "autograde.engine.recording",
                    "autograde.engine.outcomes", "autograde.engine.plugin", "autograde.engine.submission")


def grader_version(unit_id: str, root: Path) -> str:
    """autograde's version and a hash of everything that decides the unit's grades: its graders,
    its reference solution, the dataset generators its graders use, and the deciding modules
    of autograde (checks, codec, recording, outcomes, the plugin, submission).  Changing any of
    them changes it; a unit's README or another unit's files do not."""
    graders = root / "graders" / unit_id
    files = sorted(graders.glob("*.py")) + sorted((root / "solutions" / unit_id).glob("*.py"))
    modules = set(DECIDING_MODULES) | _datasets_used(files)
    files += [Path(importlib.util.find_spec(name).origin) for name in sorted(modules)]
    digest = hashlib.sha256(__version__.encode())
    for path in files:
        digest.update(f"{path.parent.name}/{path.name}\0".encode() + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def _datasets_used(files: list[Path]) -> set[str]:
    """The ``autograde.datasets`` modules these files import, and those they import in turn."""
    found: set[str] = set()
    todo = list(files)
    while todo:
        for name in imported_modules_of(todo.pop()):
            if name.startswith("autograde.datasets.") and name not in found:
                found.add(name)
                todo.append(Path(importlib.util.find_spec(name).origin))
    return found


def record(
    engine: sa.Engine, report: Report, *, learner: str, submission: Path, started_at: datetime,
    duration_s: float, grader: str,
) -> int:
    """Store one attempt (snapshot, attempt, per-test outcomes) in one transaction; returns its id."""
    content_hash, files = snapshot(submission)

    def write(db: sa.Connection) -> int:
        _insert_snapshot(db, content_hash, files)
        attempt_id = db.execute(
            attempts.insert().values(
                learner=learner, unit=report.unit, score=report.score, max_score=report.max_score,
                started_at=started_at, duration_s=duration_s, grader_version=grader, content_hash=content_hash,
            )
        ).inserted_primary_key[0]
        db.execute(test_outcomes.insert(), [
            {"attempt_id": attempt_id, "name": t.name, "points": t.points, "max_points": t.max_points,
             "status": t.status}
            for t in report.tests
        ])
        return int(attempt_id)

    try:
        return _retrying(engine, write)
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(_explain(exc, str(engine.url))) from None


def _insert_snapshot(db: sa.Connection, content_hash: str, files: bytes) -> None:
    """Store a snapshot once: concurrent checks of the same files may both try to add it."""
    if db.dialect.name in ("postgresql", "sqlite"):
        dialect = importlib.import_module(f"sqlalchemy.dialects.{db.dialect.name}")
        db.execute(dialect.insert(snapshots).values(content_hash=content_hash, files=files)
                   .on_conflict_do_nothing(index_elements=["content_hash"]))
        return
    known = db.execute(sa.select(snapshots.c.content_hash).where(snapshots.c.content_hash == content_hash)).first()
    if known is None:
        db.execute(snapshots.insert().values(content_hash=content_hash, files=files))


def load(
    engine: sa.Engine, *, learner: str | None = None, units: list[str] | None = None,
    since: datetime | None = None, with_tests: bool = False,
) -> list[Attempt]:
    """Attempts in the order they were made, filtered; each with its latest verification if any."""
    query = sa.select(attempts, verifications.c.reproduced).outerjoin(
        verifications, verifications.c.attempt_id == attempts.c.id
    )
    if learner is not None:
        query = query.where(attempts.c.learner == learner)
    if units is not None:
        query = query.where(attempts.c.unit.in_(units))
    if since is not None:
        query = query.where(attempts.c.started_at >= since)
    try:
        with engine.connect() as db:
            rows = db.execute(query.order_by(attempts.c.started_at, attempts.c.id)).all()
            result = [
                Attempt(r.id, r.learner, r.unit, r.score, r.max_score, _aware(r.started_at), r.duration_s,
                        r.grader_version, r.content_hash, reproduced=r.reproduced)
                for r in rows
            ]
            if with_tests and result:
                by_id = {a.id: a for a in result}
                for t in db.execute(sa.select(test_outcomes).where(test_outcomes.c.attempt_id.in_(list(by_id)))):
                    by_id[t.attempt_id].tests.append(
                        {"name": t.name, "points": t.points, "max_points": t.max_points, "status": t.status})
    except sa.exc.SQLAlchemyError as exc:
        raise StoreError(_explain(exc, str(engine.url))) from None
    return result


def snapshot_files(engine: sa.Engine, content_hash: str) -> bytes:
    with engine.connect() as db:
        return db.execute(sa.select(snapshots.c.files).where(snapshots.c.content_hash == content_hash)).scalar_one()


def save_verification(engine: sa.Engine, attempt: Attempt, *, regraded_score: float, same_grader: bool) -> bool:
    reproduced = abs(regraded_score - attempt.score) < 1e-9
    with engine.begin() as db:
        db.execute(verifications.delete().where(verifications.c.attempt_id == attempt.id))
        db.execute(verifications.insert().values(
            attempt_id=attempt.id, verified_at=now(), regraded_score=regraded_score,
            reproduced=reproduced, same_grader=same_grader,
        ))
    return reproduced


def now() -> datetime:
    return datetime.now(timezone.utc)


def _aware(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; every stored time is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
