"""A property's update repository in tmp_path, served by the helpdesk on loopback, and a
console's data and install directories (the real tufup/python-tuf, no fakes)."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.clock import SystemClock
from app.updates.installed import InstallDir
from app.updates.service import UpdateService
from app.updates.source import UpdateSource, trusted_root
from helpdesk import update_repo
from offline_cache import SqliteStore, open_store

DEVICE = "TAB-UPD1"


def make_bundle(where: Path, version: str) -> Path:
    """A stand-in for dist/vip-console: the executable's place and a library folder."""
    bundle = where / f"bundle-{version}"
    (bundle / "_internal").mkdir(parents=True, exist_ok=True)
    (bundle / "vip-console").write_text(f"#!/bin/sh\necho vip-console {version}\n")
    (bundle / "_internal" / "VERSION").write_text(version)
    return bundle


@dataclass
class UpdateRig:
    tmp: Path
    repo: Path
    keys: Path
    url: str
    store: SqliteStore
    data_dir: Path
    install: InstallDir

    def publish(self, version: str) -> None:
        update_repo.publish(self.repo, [self.keys], make_bundle(self.tmp, version), version)

    def service(self, running: str = "0.1.0") -> UpdateService:
        """A console's update service; each check is a fresh client, as at each timer."""
        source = UpdateSource(f"{self.url}/updates")
        return UpdateService(
            self.store, SystemClock(), DEVICE, self.data_dir, self.install, source, running
        )

    def audit_actions(self) -> list[tuple[str, str]]:
        with self.store.unit_of_work() as uow:
            return [(e.action, e.detail) for e in uow.audit.recent(50) if e.staff_id == "updater"]


@pytest.fixture
def update_rig(tmp_path: Path, helpdesk_factory: Callable[..., Any]) -> Iterator[UpdateRig]:
    repo, keys = tmp_path / "served" / "updates", tmp_path / "it-keys"
    root = update_repo.init_repository(repo, keys)
    helpdesk = helpdesk_factory(seed=False, updates_dir=repo)
    data_dir = tmp_path / "device"
    data_dir.mkdir()
    trusted_root(data_dir).parent.mkdir(parents=True)
    trusted_root(data_dir).write_bytes(root.read_bytes())  # `vip-console update trust`
    install = InstallDir(tmp_path / "opt" / "vip-console")
    (install.versions / "0.1.0").mkdir(parents=True)
    (install.root / "current").write_text("0.1.0\n")
    store = open_store(data_dir)
    try:
        yield UpdateRig(tmp_path, repo, keys, helpdesk.url, store, data_dir, install)
    finally:
        store.close()
