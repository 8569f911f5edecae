"""Benchmark caches (``bench/.cache``): built once, renamed into place only when
complete, and checked before every use.

A cache is built under ``<name>.tmp`` beside its final path, checked (expected counts,
SQLite's integrity check), and only then renamed into place, atomically. A ``.tmp``
left by an interrupted build is deleted, never renamed: a seed that skips a database
already holding guests would otherwise bless a half-written one. A cache that fails
its check is deleted and built again, never used.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

# None when the cache is good, else what is wrong with it.
Check = Callable[[Path], str | None]


def cached(target: Path, build: Callable[[Path], None], check: Check) -> Path:
    """``target`` (a file or a directory), built by ``build(path)`` unless it is there
    and passes ``check``."""
    partial = partial_path(target)
    remove(partial)
    if target.exists():
        problem = check(target)
        if problem is None:
            return target
        print(f"rebuilding {target.name}: {problem}")
        remove(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        build(partial)
        problem = check(partial)
        if problem is not None:
            raise RuntimeError(f"a freshly built {target.name} fails its check: {problem}")
        os.replace(partial, target)
    finally:
        remove(partial)  # after a failure: nothing half-built stays behind
    return target


def partial_path(target: Path) -> Path:
    """Where ``target`` is built (the name the first caches used, so theirs go too)."""
    return target.with_suffix(".tmp")


def remove(path: Path) -> None:
    """A file or a directory, and SQLite's journal files beside a file."""
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def sqlite_counts(path: Path, tables: tuple[str, ...]) -> dict[str, int] | str:
    """Row counts of ``tables`` in a plain SQLite file after ``PRAGMA quick_check``, or
    what is wrong with the file."""
    try:
        connection = sqlite3.connect(path)
        try:
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                return f"integrity check: {verdict}"
            return {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables
            }
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return f"not a readable database: {error}"


def checkpoint_sqlite(path: Path) -> None:
    """Fold a WAL database's log into the file, so the file alone is the database."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
