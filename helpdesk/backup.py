"""``vip-console helpdesk backup`` and ``restore`` (docs/operations.md).

SQLite: SQLite's online backup, a consistent copy taken while the helpdesk serves,
checked (``PRAGMA integrity_check``) before it replaces the file named. PostgreSQL:
``pg_dump --format=custom`` and ``pg_restore --clean``, the engine's own tools.

A restored database gets a new *generation*. The consoles see it on the next answer
(``X-Helpdesk-Generation``) and send again every write they sent in the last seven
days (the helpdesk's idempotency window): what the backup already held is answered
from its stored answers, what came after it is written again. Nothing a console
recorded is lost, nothing is written twice. Ticket numbers go on after a gap
(``RESTORE_NUMBER_GAP``): an incident sent again gets a new number, and a number
given before the loss never names another incident.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, inspect, update
from sqlalchemy.engine import make_url

from helpdesk.db import GENERATION, Database, new_generation
from helpdesk.models import Counter

RESTORE_NUMBER_GAP = 100_000
"""Ticket numbers skipped at a restore: the lost numbers (issued after the backup, quoted
on signed acts and to guests) never name another incident. A property opening 1,400
incidents a day issues fewer in the 70 days this covers."""


class BackupFailed(Exception):
    """The copy could not be made or checked; the destination is left as it was."""


@dataclass(frozen=True)
class Restored:
    generation: int


def backup(db_url: str, out: Path) -> None:
    """A consistent copy of the helpdesk's database at ``out`` (written whole or not)."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database or ""), out)
        return
    temporary = _temporary_beside(out)
    try:
        _run(["pg_dump", "--format=custom", f"--file={temporary}", "--no-owner", _libpq(db_url)])
        shutil.move(temporary, out)
    finally:
        temporary.unlink(missing_ok=True)


def restore(source: Path, db_url: str, *, replace: bool = False) -> Restored:
    """Put ``source`` in place of the database at ``db_url`` (the helpdesk stopped),
    then give it a new generation."""
    if not source.is_file():
        raise BackupFailed(f"{source}: no such backup file")
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        target = Path(url.database or "")
        if target.exists() and not replace:
            raise BackupFailed(f"{target} exists: restore with --replace to overwrite it")
        _sqlite_copy(source, target)
        for stale in (Path(f"{target}-wal"), Path(f"{target}-shm")):
            stale.unlink(missing_ok=True)  # they belonged to the file replaced
    else:
        if not replace and _holds_a_helpdesk(db_url):
            shown = url.render_as_string(hide_password=True)
            raise BackupFailed(f"{shown} holds a helpdesk: restore with --replace to overwrite it")
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner"]
        _run([*command, f"--dbname={_libpq(db_url)}", str(source)])
    generation = new_generation()
    database = Database(db_url)
    try:
        with database.write(lock_changes=False) as session:
            session.execute(
                update(Counter).where(Counter.name == GENERATION).values(value=generation)
            )
            session.execute(
                update(Counter)
                .where(Counter.name.like("ticket:%"))  # every property's
                .values(value=Counter.value + RESTORE_NUMBER_GAP)
            )
    finally:
        database.dispose()
    return Restored(generation)


def _holds_a_helpdesk(db_url: str) -> bool:
    engine = create_engine(db_url)
    try:
        return inspect(engine).has_table(Counter.__tablename__)
    finally:
        engine.dispose()


def _temporary_beside(out: Path) -> Path:
    """A new file in ``out``'s directory (made if missing): the backup is written there,
    then moved into place whole, so a failed run never leaves half a backup at ``out``."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".backup-", dir=out.parent)
    except OSError as error:
        raise BackupFailed(f"{out.parent}: cannot write there ({error.strerror})") from error
    os.close(handle)
    return Path(temporary)


def _sqlite_copy(source: Path, out: Path) -> None:
    if not source.is_file():
        raise BackupFailed(f"{source}: no such database file")
    temporary = _temporary_beside(out)
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as reading:
            with closing(sqlite3.connect(temporary)) as writing:
                reading.backup(writing)
                checked = writing.execute("PRAGMA integrity_check").fetchone()
                writing.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        if checked != ("ok",):
            raise BackupFailed(f"the copy of {source} is not intact: {checked}")
        shutil.move(temporary, out)
    except (sqlite3.Error, OSError) as error:
        raise BackupFailed(f"{source}: {error}") from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def _libpq(db_url: str) -> str:
    """``postgresql+psycopg://…`` as the PostgreSQL tools read it (``postgresql://…``)."""
    url = make_url(db_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _run(command: list[str]) -> None:
    try:
        subprocess.run(command, check=True, capture_output=True, text=True)
    except FileNotFoundError as error:
        raise BackupFailed(f"{command[0]} is not installed (PostgreSQL's client tools)") from error
    except subprocess.CalledProcessError as error:
        raise BackupFailed(f"{command[0]} failed: {error.stderr.strip()[:500]}") from error
