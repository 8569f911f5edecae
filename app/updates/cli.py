"""``vip-console update``: IT's commands for signed updates (docs/updates.md).

On IT's machine: ``init`` (keys and root), ``publish`` (a bundle as a new version),
``re-sign`` (push the expiry of timestamp/snapshot), ``rotate-key``; these use the
helpdesk package's repository tools, loaded only by them. On a tablet: ``trust`` (the
root it checks every update against), ``status``, ``roll-back``; app.cli hands them the
device's data directory and store (every change audited there).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app import __version__

if TYPE_CHECKING:  # the console's start builds this parser: the commands load their own
    from app.ports import Store
    from app.updates.installed import InstallDir

REPOSITORY_COMMANDS = ("init", "publish", "re-sign", "rotate-key")
ROLES = ("root", "targets", "snapshot", "timestamp")


def add_arguments(update: argparse.ArgumentParser) -> None:
    commands = update.add_subparsers(dest="update_command", metavar="COMMAND", required=True)
    init = commands.add_parser("init", help="IT: new signing keys and a new update repository")
    publish = commands.add_parser("publish", help="IT: sign and publish a bundle as a version")
    publish.add_argument("bundle", type=Path, help="the bundle folder (dist/vip-console)")
    publish.add_argument("--version", required=True, help="its version, above the latest")
    re_sign = commands.add_parser(
        "re-sign", help="IT: sign timestamp and snapshot again (daily), or the roles named"
    )
    re_sign.add_argument("--role", action="append", choices=ROLES, help="repeatable")
    rotate = commands.add_parser("rotate-key", help="IT: replace a signing key by a new one")
    rotate.add_argument("old_key", help="the key's name: root, targets, snapshot, timestamp")
    rotate.add_argument("new_key", help="the new key's file name, e.g. timestamp-2027")
    for parser in (init, publish, re_sign, rotate):
        parser.add_argument(
            "--repo", type=Path, required=True, help="the repository the helpdesk serves"
        )
        parser.add_argument(
            "--keys",
            type=Path,
            action="append",
            required=True,
            help="a directory of private keys, outside the repository (repeatable)",
        )
    trust = commands.add_parser("trust", help="tablet: check updates against this root.json")
    trust.add_argument("root_json", type=Path)
    status = commands.add_parser("status", help="tablet: current, previous and staged versions")
    back = commands.add_parser("roll-back", help="tablet: start the previous version next time")
    check = commands.add_parser(
        "check", help="tablet: check now; a verified update is staged for the next idle lock"
    )
    check.add_argument("--url", help="the update repository (default: the update_url setting)")
    for parser in (trust, status, back, check):
        parser.add_argument(
            "--data-dir", type=Path, default=argparse.SUPPRESS, help="the device's data directory"
        )
    for parser in (status, back, check):
        parser.add_argument("--install-dir", type=Path, help="the versioned install directory")


def run_repository_command(args: argparse.Namespace) -> int:
    """IT's side; the helpdesk package's tools (not in a tablet's bundle)."""
    try:
        from helpdesk import update_repo
    except ImportError:
        print("vip-console: the helpdesk package is not installed", file=sys.stderr)
        return 1
    keys: list[Path] = args.keys
    try:
        if args.update_command == "init":
            root = update_repo.init_repository(args.repo, keys[0])
            print(f"Update repository in {args.repo}, keys in {keys[0]}.")
            print(f"Give every console {root} (`vip-console update trust`).")
        elif args.update_command == "publish":
            name = update_repo.publish(args.repo, keys, args.bundle, args.version)
            print(f"Published {name}: consoles install it at their next idle lock.")
        elif args.update_command == "re-sign":
            roles = args.role or ["timestamp", "snapshot"]
            update_repo.re_sign(args.repo, keys, roles)
            print(f"Signed again: {', '.join(roles)}.")
        else:
            public = update_repo.rotate_key(args.repo, keys, args.old_key, args.new_key)
            print(f"Key {args.old_key} replaced by {public.with_suffix('')}; root re-signed.")
    except update_repo.UpdateRepoError as error:
        print(f"vip-console: {error}", file=sys.stderr)
        return 2
    return 0


def run_device_command(
    args: argparse.Namespace, data_dir: Path, open_store: Callable[[Path], Store | None]
) -> int:
    from app.settings import load_settings
    from app.updates.installed import InstallDir, NothingToRollBack
    from app.updates.source import install_root, trusted_root

    data_dir.mkdir(parents=True, exist_ok=True)  # a tablet IT prepares before its first start
    settings = load_settings(data_dir)
    device = str(settings.get("device_id"))
    if args.update_command == "trust":
        problem = _root_problem(args.root_json)
        if problem:
            print(f"vip-console: {args.root_json}: {problem}; nothing changed", file=sys.stderr)
            return 2
        target = trusted_root(data_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(args.root_json, target)
        _audited(open_store, data_dir, device, "update.root_trusted", str(args.root_json))
        print(f"Updates for this console are checked against {args.root_json} now.")
        return 0
    root = args.install_dir or install_root(settings)
    if root is None:
        print("vip-console: no versioned install directory (--install-dir)", file=sys.stderr)
        return 2
    install = InstallDir(root)
    if args.update_command == "check":
        return _check(args, data_dir, install, open_store)
    if args.update_command == "status":
        print(f"current: {install.current() or '-'}   previous: {install.previous() or '-'}")
        print(f"staged for the next idle lock: {install.staged() or '-'}")
        print(f"trusted root: {'yes' if trusted_root(data_dir).is_file() else 'NO'}")
        return 0
    try:
        switched = install.roll_back()
    except NothingToRollBack as error:
        print(f"vip-console: {error}", file=sys.stderr)
        return 1
    detail = f"{switched.before} -> {switched.now}"
    _audited(open_store, data_dir, device, "update.rolled_back", detail)
    print(f"Rolled back to {switched.now}: it starts at the console's next start.")
    return 0


def _check(
    args: argparse.Namespace,
    data_dir: Path,
    install: InstallDir,
    open_store: Callable[[Path], Store | None],
) -> int:
    from app.clock import SystemClock
    from app.settings import load_settings
    from app.updates.service import UpdateRefused, UpdateService
    from app.updates.source import UpdateSource, update_source

    settings = load_settings(data_dir)
    source = UpdateSource(args.url.rstrip("/")) if args.url else update_source(settings, None)
    if source is None:
        print("vip-console: no update source (--url, or the update_url setting)", file=sys.stderr)
        return 2
    store = open_store(data_dir)
    if store is None:
        return 2
    device = str(settings.get("device_id"))
    service = UpdateService(
        store, SystemClock(), device, data_dir, install, source, install.current() or __version__
    )
    try:
        staged = service.check_and_stage()
    except UpdateRefused as refused:
        print(f"vip-console: {refused}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"staged for the next idle lock: {staged}" if staged else "no newer version")
    return 0


def _root_problem(path: Path) -> str | None:
    """Why ``path`` is not a root metadata file signed by its own keys (None: it is)."""
    from tuf.api.metadata import Metadata

    try:
        root = Metadata.from_file(str(path))
        if root.signed.type != "root":
            return "not a root metadata file"
        root.verify_delegate("root", root)
    except Exception as error:  # any failure to read or verify: not a root we trust
        return f"not a valid, self-signed TUF root ({error})"
    return None


def _audited(
    open_store: Callable[[Path], Store | None], data_dir: Path, device: str, action: str, what: str
) -> None:
    from app.clock import SystemClock
    from app.updates.service import audit_update

    store = open_store(data_dir)
    if store is None:
        return
    try:
        audit_update(store, SystemClock().now(), device, action, what, "by IT, command line")
    finally:
        store.close()
