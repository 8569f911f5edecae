"""The console's versioned install directory on a tablet.

    <install dir>/
        versions/0.1.0/            one bundle per version (vip-console, _internal/)
        versions/.staged-0.2.0/    downloaded, verified and unpacked: waits for the idle lock
        current                    the version the launcher starts, e.g. "0.2.0"
        previous                   the one before it, kept to roll back to
        held-back                  the version a roll back left: never offered again

The launcher (packaging/linux/vip-console-launch) starts ``versions/$(cat current)``.
Switching versions rewrites a pointer file (a temporary file, then an atomic rename):
a power cut leaves the old pointer or the new one, never half of one. Only the current
and the previous versions are kept.
"""

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

VERSIONS = "versions"
CURRENT = "current"
PREVIOUS = "previous"
HELD_BACK = "held-back"
STAGED_PREFIX = ".staged-"
_UNPACKING_PREFIX = ".unpacking-"
# The console's exit code once it installed an update: "start me again". The launcher
# starts the new current version at once; the kiosk's unit and task restart on it too.
RESTART_FOR_UPDATE = 75  # EX_TEMPFAIL


class NothingToRollBack(ValueError):
    """No previous version is kept in the install directory."""


@dataclass(frozen=True, slots=True)
class Switched:
    """The install directory moved from ``before`` (None: nothing was installed) to ``now``."""

    before: str | None
    now: str


class InstallDir:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.versions = root / VERSIONS

    def current(self) -> str | None:
        return self._read(CURRENT)

    def previous(self) -> str | None:
        return self._read(PREVIOUS)

    def held_back(self) -> str | None:
        """The version IT rolled back from: the checks skip it (and anything older)."""
        return self._read(HELD_BACK)

    def installed(self) -> list[str]:
        if not self.versions.is_dir():
            return []
        return sorted(p.name for p in self.versions.iterdir() if not p.name.startswith("."))

    def staged(self) -> str | None:
        """The version waiting for the idle lock, if any (the newest when several are)."""
        if not self.versions.is_dir():
            return None
        names = [p.name[len(STAGED_PREFIX) :] for p in self.versions.glob(STAGED_PREFIX + "*")]
        return max(names, key=_version_key) if names else None

    def stage(self, archive: Path, version: str) -> Path:
        """Unpack ``archive`` (verified beforehand) as the version waiting for the lock."""
        _check_name(version)
        self.versions.mkdir(parents=True, exist_ok=True)
        unpacking = self.versions / f"{_UNPACKING_PREFIX}{version}"
        staged = self.versions / f"{STAGED_PREFIX}{version}"
        for leftover in (unpacking, staged):
            shutil.rmtree(leftover, ignore_errors=True)
        try:
            import tarfile  # an update's only: not at every start (~1.5 ms)

            with tarfile.open(archive, "r:gz") as tar:
                # "data": no absolute paths, no links out, no devices (a signed archive
                # gets the strict filter too: a signature says who made it, not that it
                # is sane).
                tar.extractall(unpacking, filter="data")
        except BaseException:
            shutil.rmtree(unpacking, ignore_errors=True)
            raise
        unpacking.rename(staged)  # whole or absent
        for other in self.versions.glob(STAGED_PREFIX + "*"):
            if other != staged:
                shutil.rmtree(other, ignore_errors=True)
        return staged

    def install_staged(self) -> Switched | None:
        """Make the staged version current, the current one previous; None if none waits."""
        version = self.staged()
        if version is None:
            return None
        target = self.versions / version
        if target.exists():  # installed before and rolled back from: the new copy wins
            shutil.rmtree(target)
        (self.versions / f"{STAGED_PREFIX}{version}").rename(target)
        before = self.current()
        if before is not None and before != version:
            self._write(PREVIOUS, before)
        self._write(CURRENT, version)
        self._prune()
        return Switched(before, version)

    def roll_back(self) -> Switched:
        """Back to the previous version; the one left becomes the previous (a second roll
        back undoes the first)."""
        before, previous = self.current(), self.previous()
        if previous is None or not (self.versions / previous).is_dir():
            raise NothingToRollBack(f"no previous version kept in {self.root}")
        self._write(CURRENT, previous)
        if before is not None:
            self._write(PREVIOUS, before)
            self._write(HELD_BACK, before)  # else the next check would install it again
        return Switched(before, previous)

    def _prune(self) -> None:
        keep = {self.current(), self.previous()}
        for name in self.installed():
            if name not in keep:
                shutil.rmtree(self.versions / name, ignore_errors=True)

    def _read(self, name: str) -> str | None:
        try:
            text = (self.root / name).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return text or None

    def _write(self, name: str, version: str) -> None:
        _check_name(version)
        self.root.mkdir(parents=True, exist_ok=True)
        temporary = self.root / f".{name}.tmp"
        temporary.write_text(version + "\n", encoding="utf-8")
        os.replace(temporary, self.root / name)


def _check_name(version: str) -> None:
    """A version names a directory: nothing that could climb out of ``versions/``."""
    if not version or version.startswith(".") or any(c in version for c in "/\\\0"):
        raise ValueError(f"not a version: {version!r}")


def _version_key(version: str) -> tuple[int, Any]:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)
