"""A throwaway PostgreSQL server for the tests: its own cluster in a temporary
directory, listening on a free loopback port only, stopped at the end.

Found through ``pg_config --bindir`` or Debian's /usr/lib/postgresql/<version>/bin.
PostgreSQL refuses to run as root: as root, the cluster belongs to the ``postgres``
account (created by Debian's package) and its commands run as that user.
``VIP_TEST_POSTGRES=required`` (set by .ci/run) makes a missing server an error
instead of a skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

REQUIRED_ENV = "VIP_TEST_POSTGRES"


class NoPostgres(Exception):
    pass


def _bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config:
        found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidate = Path(found.stdout.strip())
        if (candidate / "initdb").is_file():
            return candidate
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if versions:
        return versions[0].parent
    raise NoPostgres("PostgreSQL's server programs (initdb, pg_ctl) are not installed")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class PostgresServer:
    url: str  # the admin URL: postgresql+psycopg://postgres@127.0.0.1:<port>/postgres
    _directory: Path
    _bindir: Path
    _as_user: list[str]

    @classmethod
    def start(cls) -> PostgresServer:
        bindir = _bindir()
        directory = Path(tempfile.mkdtemp(prefix="vip-pg-"))
        as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                account = pwd.getpwnam("postgres")
            except KeyError:
                raise NoPostgres("running as root and no 'postgres' account") from None
            os.chown(directory, account.pw_uid, account.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        data = directory / "data"
        port = _free_port()
        run = [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", "postgres"]
        subprocess.run(
            [*run, "-A", "trust", "-E", "UTF8", "--no-sync"], check=True, capture_output=True
        )
        options = f"-h 127.0.0.1 -p {port} -k {directory} -c fsync=off -c full_page_writes=off"
        start = [*as_user, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(directory / "log")]
        subprocess.run([*start, "-o", options, "-w", "start"], check=True, capture_output=True)
        url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
        return cls(url, directory, bindir, as_user)

    @property
    def pid(self) -> int:
        """The postmaster's process id (its backends are its children)."""
        return int((self._directory / "data" / "postmaster.pid").read_text().split()[0])

    def stop(self) -> None:
        stop = [*self._as_user, str(self._bindir / "pg_ctl"), "-D", str(self._directory / "data")]
        subprocess.run([*stop, "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self._directory, ignore_errors=True)


def postgres_required() -> bool:
    return os.environ.get(REQUIRED_ENV) == "required"
