"""The property's TUF repository of console updates: IT's side, with tufup's repository
tools (docs/updates.md).

``repo_dir`` is what the helpdesk serves (``serve --updates-dir``): ``metadata/`` and
``targets/``. The private keys live elsewhere (``keys_dirs``), never under it: the
helpdesk would serve them. The root and targets keys belong offline; the snapshot and
timestamp keys sign again every few days (``re_sign``). tufup's own config file (it
writes one in the working directory) is kept beside the first keys directory instead.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

APP_NAME = "vip-console"  # app.updates.source.APP_NAME: the name the consoles ask for
ROLES = ("root", "targets", "snapshot", "timestamp")
EXPIRY_DAYS = {"root": 365, "targets": 30, "snapshot": 7, "timestamp": 2}
CONFIG_FILE = "vip-console-update-keys.json"


class UpdateRepoError(ValueError):
    """A publishing step IT asked for that cannot be done; the reason for IT."""


def _check_apart(repo_dir: Path, keys_dirs: Sequence[Path]) -> None:
    repo = repo_dir.resolve()
    for keys in keys_dirs:
        held = keys.resolve()
        if held == repo or held.is_relative_to(repo) or repo.is_relative_to(held):
            raise UpdateRepoError(
                f"the keys directory {keys} and the served repository {repo_dir} must be "
                "apart: the helpdesk serves everything under the repository"
            )


def _repository(repo_dir: Path, keys_dirs: Sequence[Path]) -> Any:
    from tufup.repo import Repository

    if not keys_dirs:
        raise UpdateRepoError("name the keys directory (--keys)")
    _check_apart(repo_dir, keys_dirs)
    config_path = keys_dirs[0] / CONFIG_FILE

    class PropertyRepository(Repository):  # type: ignore[misc]
        def save_config(self) -> None:
            config = {"key_map": self.key_map, "encrypted_keys": self.encrypted_keys}
            config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")

        def load_config(self) -> dict[str, Any]:
            return {
                "key_map": self.key_map,
                "encrypted_keys": self.encrypted_keys,
                **_stored_config(config_path),
            }

    saved = _stored_config(config_path)
    return PropertyRepository(
        app_name=APP_NAME,
        repo_dir=repo_dir,
        keys_dir=keys_dirs[0],
        key_map=saved.get("key_map"),
        encrypted_keys=saved.get("encrypted_keys"),
        expiration_days=dict(EXPIRY_DAYS),
    )


def _stored_config(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    stored: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return stored


def _opened(repo_dir: Path, keys_dirs: Sequence[Path]) -> Any:
    if not (repo_dir / "metadata" / "root.json").exists():
        raise UpdateRepoError(f"{repo_dir} holds no update repository: `update init` first")
    repository = _repository(repo_dir, keys_dirs)
    repository._load_keys_and_roles(create_keys=False)  # tufup's loader (no public one)
    return repository


def init_repository(repo_dir: Path, keys_dir: Path) -> Path:
    """New keys (one per role) and the signed root metadata; returns the root.json every
    console must trust (``vip-console update trust``)."""
    _check_apart(repo_dir, [keys_dir])
    if (repo_dir / "metadata" / "root.json").exists():
        raise UpdateRepoError(f"{repo_dir} already holds an update repository")
    if keys_dir.exists() and any(keys_dir.iterdir()):
        raise UpdateRepoError(f"{keys_dir} is not empty: keys are never overwritten")
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    repository = _repository(repo_dir, [keys_dir])
    repository.initialize()
    return repo_dir / "metadata" / "root.json"


def latest_version(repo_dir: Path, keys_dirs: Sequence[Path]) -> str | None:
    latest = _opened(repo_dir, keys_dirs).roles.get_latest_archive()
    return None if latest is None else str(latest.version)


def publish(repo_dir: Path, keys_dirs: Sequence[Path], bundle_dir: Path, version: str) -> str:
    """Archive ``bundle_dir`` (``dist/vip-console``) as ``version``, sign and publish it;
    returns the archive's name. A version not above the latest is refused."""
    from packaging.version import InvalidVersion, Version

    try:
        wanted = Version(version)
    except InvalidVersion as error:
        raise UpdateRepoError(f"{version!r} is not a version (PEP 440, e.g. 0.2.0)") from error
    if not (bundle_dir / APP_NAME).exists() and not (bundle_dir / f"{APP_NAME}.exe").exists():
        raise UpdateRepoError(f"{bundle_dir} is not a console bundle (no {APP_NAME} in it)")
    repository = _opened(repo_dir, keys_dirs)
    latest = repository.roles.get_latest_archive()
    if latest is not None and latest.version >= wanted:
        raise UpdateRepoError(
            f"version {version} is not above the latest published ({latest.version}): "
            "consoles refuse to go back; publish a higher version of the old code instead"
        )
    repository.add_bundle(new_bundle_dir=bundle_dir, new_version=version, skip_patch=True)
    repository.publish_changes(private_key_dirs=list(keys_dirs))
    return f"{APP_NAME}-{version}.tar.gz"


def re_sign(
    repo_dir: Path, keys_dirs: Sequence[Path], roles: Sequence[str], days: int | None = None
) -> None:
    """Push the expiry of ``roles`` forward (``days`` from now, else their default) and
    sign again: the timestamp and snapshot, every day or two, from the helpdesk host."""
    repository = _opened(repo_dir, keys_dirs)
    for role in roles:
        if role not in ROLES:
            raise UpdateRepoError(f"no role {role!r}; roles: {', '.join(ROLES)}")
        repository.refresh_expiration_date(role, days=days)
    repository.publish_changes(private_key_dirs=list(keys_dirs))


def rotate_key(repo_dir: Path, keys_dirs: Sequence[Path], old_key: str, new_key: str) -> Path:
    """Replace the key ``old_key`` (e.g. after a loss) by a new key pair ``new_key`` in
    the first keys directory; root is signed by both, so consoles follow. Returns the
    new public key's path."""
    from tufup.repo import Keys

    repository = _opened(repo_dir, keys_dirs)
    private = keys_dirs[0] / new_key
    if private.exists():
        raise UpdateRepoError(f"{private} exists: choose a new key name")
    public = Keys.create_key_pair(private_key_path=private, encrypted=False)
    repository.replace_key(
        old_key_name=old_key, new_public_key_path=public, new_private_key_encrypted=False
    )
    repository.publish_changes(private_key_dirs=list(keys_dirs))
    return Path(public)
