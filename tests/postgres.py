"""A private PostgreSQL server for the tests: initdb in a temporary folder, started and stopped by pg_ctl.

It listens only on a Unix socket in that folder. As root (CI), the server runs as the
`postgres` system user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _find(name: str) -> str | None:
    return shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)


def installed() -> bool:
    return _find("initdb") is not None


def _binary(name: str) -> str:
    found = _find(name)
    if not found:
        raise RuntimeError(f"PostgreSQL's {name} is not installed (make test installs Debian's postgresql as root)")
    return found


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="autograde-pg-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
            os.chmod(self.folder, 0o755)

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> str:
        self._run(_binary("initdb"), "-D", str(self.data), "-A", "trust", "-U", "autograde", "--no-sync")
        options = f"-c listen_addresses='' -k {self.folder} -c fsync=off -c max_connections=50"
        self._run(_binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return f"postgresql+psycopg://autograde@/postgres?host={self.folder}"

    def stop(self) -> None:
        try:
            self._run(_binary("pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
