"""Check, verify, stage, install and roll back the console's updates; every step audited.

The check runs off the GUI thread (it downloads). It refreshes the TUF metadata from the
property's repository through tufup's client (a ``tuf.ngclient.Updater``): root, then
timestamp, snapshot and targets, each signed by its role's keys to its threshold, none
expired, none older than what this console already trusts (rollback protection). The
newest archive above the installed version is downloaded and checked against the
length and hashes the signed targets metadata gives, then unpacked beside the installed
versions. It becomes current only at the next idle lock (``install_staged``): nobody is
in the middle of something then.

A refusal (tampered, expired, rolled back, badly signed) is an ``UpdateRefused`` for IT,
audited; an unreachable server is no refusal: the next check tries again.
"""

import logging
import tarfile
from datetime import datetime
from pathlib import Path
from typing import Any

from app.clock import Clock
from app.messages import KeyedError
from app.ports import AuditEntry, Store
from app.updates.installed import InstallDir, Switched
from app.updates.source import APP_NAME, UpdateSource, downloads_dir, metadata_dir, trusted_root

log = logging.getLogger(__name__)

UPDATER = "updater"  # the audit's actor: the device itself, no staff member
_DETAIL_MAX = 300


class UpdateRefused(KeyedError):
    """An update the console will not install; ``key``: why (tampered, expired...)."""


def _refusal_key(error: Exception) -> str:
    from tuf.api import exceptions as tuf_errors

    if isinstance(error, tuf_errors.LengthOrHashMismatchError):
        return "update.tampered"  # the archive is not the one the targets role signed
    if isinstance(error, tuf_errors.UnsignedMetadataError):
        return "update.bad_signature"
    if isinstance(error, tuf_errors.ExpiredMetadataError):
        return "update.expired"
    if isinstance(error, tuf_errors.BadVersionNumberError):
        return "update.rolled_back"
    return "update.invalid"


class UpdateService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        device_id: str,
        data_dir: Path,
        install: InstallDir,
        source: UpdateSource,
        running_version: str,
    ) -> None:
        self._store, self._clock, self._device_id = store, clock, device_id
        self._data_dir, self._install, self._source = data_dir, install, source
        self._running = running_version

    @property
    def install_dir(self) -> InstallDir:
        return self._install

    def trusts_a_root(self) -> bool:
        return trusted_root(self._data_dir).is_file()

    def installed_version(self) -> str:
        return self._install.current() or self._running

    def check_and_stage(self) -> str | None:
        """Blocking (network, disk): the version now staged for the idle lock, or None
        (nothing newer, no trusted root, server unreachable). ``UpdateRefused``."""
        from tuf.api.exceptions import DownloadError, RepositoryError

        if not self.trusts_a_root():
            log.info("updates: no trusted root in the data directory (vip-console update trust)")
            return None
        current = self.installed_version()
        try:
            client = self._client(current)
            client.refresh()
            newest = _newest_archive(client, current, self._install.held_back())
            if newest is None:
                return self._install.staged()
            version = str(newest.version)
            if self._install.staged() == version:
                return version
            info = client.get_targetinfo(newest)
            if info is None:  # listed, then gone from the signed targets: not trusted
                return None
            archive = client.find_cached_target(info) or client.download_target(info)
        except RepositoryError as error:
            raise self._refused(error) from error
        except (DownloadError, OSError) as error:
            log.info("updates: %s unreachable (%s); next check later", self._source.base_url, error)
            return None
        try:
            self._install.stage(Path(archive), version)
        except tarfile.TarError as error:  # signed, yet not a sane archive (links out...)
            raise self._refused(error) from error
        Path(archive).unlink(missing_ok=True)  # unpacked: the tablet's disk is small
        self._audit("update.staged", version, f"{current} -> {version}, waits for the idle lock")
        log.info("updates: %s verified and staged; installs at the next idle lock", version)
        return version

    def install_staged(self) -> Switched | None:
        """At the idle lock: the staged version becomes current (the running one kept as
        previous). Takes effect at the console's next start."""
        switched = self._install.install_staged()
        if switched is not None:
            self._audit("update.installed", switched.now, f"{switched.before} -> {switched.now}")
            log.info("updates: %s installed (previous %s kept)", switched.now, switched.before)
        return switched

    def roll_back(self) -> Switched:
        """IT's way back to the previous version (``NothingToRollBack``)."""
        switched = self._install.roll_back()
        self._audit("update.rolled_back", switched.now, f"{switched.before} -> {switched.now}")
        return switched

    def _client(self, current: str) -> Any:
        _without_setuptools()
        from tufup.client import Client

        targets = downloads_dir(self._data_dir)
        targets.mkdir(parents=True, exist_ok=True)
        return Client(
            app_name=APP_NAME,
            app_install_dir=self._install.root,
            current_version=current,
            metadata_dir=metadata_dir(self._data_dir),
            metadata_base_url=self._source.metadata_url,
            target_dir=targets,
            target_base_url=self._source.targets_url,
        )

    def _refused(self, error: Exception) -> UpdateRefused:
        key = _refusal_key(error)
        refused = UpdateRefused(key, source=self._source.base_url)
        log.warning("updates: refused (%s): %s", key, error)
        self._audit("update.refused", self._source.base_url, f"{key}: {error}")
        return refused

    def _audit(self, action: str, target: str, detail: str) -> None:
        audit_update(self._store, self._clock.now(), self._device_id, action, target, detail)


def audit_update(
    store: Store, at: datetime, device_id: str, action: str, target: str, detail: str
) -> None:
    """One step of an update in the device's audit log (the device acts, no staff member)."""
    entry = AuditEntry(at, UPDATER, UPDATER, device_id, action, target, detail[:_DETAIL_MAX])
    with store.unit_of_work() as uow:
        uow.audit.append(entry)


def _without_setuptools() -> None:
    """tufup's package imports its repository tools, and they ``setuptools.config.expand``
    (to read a version from a project's source, on IT's side only). The tablet's bundle
    leaves setuptools out (docs/packaging.md), so there the import finds empty modules:
    the client never calls them."""
    import importlib.util
    import sys
    import types

    if "setuptools" in sys.modules or importlib.util.find_spec("setuptools") is not None:
        return
    for name in ("setuptools", "setuptools.config", "setuptools.config.expand"):
        sys.modules.setdefault(name, types.ModuleType(name))


def _newest_archive(client: Any, current: str, held_back: str | None) -> Any:
    """The newest full archive of the console in the signed targets (tufup's
    ``TargetMeta``s) above ``current`` and above the version IT rolled back from;
    patches are not used."""
    from packaging.version import Version

    floor = max(Version(current), Version(held_back or current))
    newer = [
        meta
        for meta in client.trusted_target_metas
        if meta.name == APP_NAME
        and meta.is_archive
        and meta.version > floor
        and not meta.version.is_prerelease
    ]
    return max(newer, key=lambda meta: meta.version) if newer else None
