"""Command line of ``vip-console``: parsing, and the commands that need no window.

The console itself (the ``run`` command) is started by ``main.py``, the
composition root, so that this core module never imports Qt.
"""

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.console_args import add_console_arguments, console_start_args
from app.security.log_redaction import install_card_redaction

if TYPE_CHECKING:
    from app.ports import Store

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser (a console start needs only ``app.console_args``')."""
    parser = argparse.ArgumentParser(
        prog="vip-console", description="VIP Host Console for casino floor staff."
    )
    commands = add_console_arguments(parser)

    demo = commands.add_parser("demo-data", help="write a realistic demo property")
    demo.add_argument("--guests", type=_positive_int, default=2000, help="number of guests")
    demo.add_argument("--out", type=Path, required=True, help="data directory to write")
    demo.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")

    policy = commands.add_parser("policy", help="SLA policy files")
    policy_commands = policy.add_subparsers(dest="policy_command", required=True)
    check = policy_commands.add_parser("check", help="validate a policy file")
    check.add_argument("file", type=Path)
    policy_commands.add_parser("show-default", help="print the shipped default policy")

    helpdesk = commands.add_parser(
        "helpdesk", help="the property's central helpdesk service (reference implementation)"
    )
    # Lazy: helpdesk.cli imports only the standard library; FastAPI and SQLAlchemy are
    # loaded by the command itself. Without the package the console still starts.
    try:
        from helpdesk.cli import add_arguments as add_helpdesk_arguments
    except ImportError:
        helpdesk.add_argument("rest", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
        helpdesk.set_defaults(helpdesk_missing=True)
    else:
        add_helpdesk_arguments(helpdesk)

    act = commands.add_parser("act", help="signed incident acts")
    act_commands = act.add_subparsers(dest="act_command", metavar="COMMAND", required=True)
    verify = act_commands.add_parser(
        "verify", help="check an act's signatures; exit 0 only when intact, valid and trusted"
    )
    from app.acts.cli import add_verify_arguments

    add_verify_arguments(verify)
    act_commands.add_parser(
        "self-test", help="sign and verify an act on a throwaway demo property (after an install)"
    )

    audit = commands.add_parser("audit", help="the tamper-evident audit log")
    audit_commands = audit.add_subparsers(dest="audit_command", metavar="COMMAND", required=True)
    audit_verify = audit_commands.add_parser(
        "verify", help="check the audit chain; exit 0 when intact, 1 at the first broken entry"
    )
    audit_verify.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="the store's data directory"
    )
    audit_verify.add_argument(
        "--checkpoint",
        type=Path,
        action="append",
        default=[],
        help="a checkpoint held elsewhere (helpdesk JSON, or an act's act.json); repeatable",
    )
    audit_verify.add_argument(
        "--against-helpdesk",
        metavar="URL",
        help="check against the row hashes and checkpoint the helpdesk holds for this tablet",
    )
    kiosk = commands.add_parser("kiosk", help="kiosk operation of this tablet (docs/kiosk.md)")
    kiosk_commands = kiosk.add_subparsers(dest="kiosk_command", metavar="COMMAND", required=True)
    it_pin = kiosk_commands.add_parser(
        "set-it-pin", help="set IT's PIN (6 to 8 digits, asked twice), the kiosk's only way out"
    )
    it_pin.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="the device's data directory"
    )
    from app.reports.cli import add_arguments as add_report_arguments
    from app.updates.cli import add_arguments as add_update_arguments

    add_report_arguments(commands)

    add_update_arguments(commands.add_parser("update", help="signed updates (docs/updates.md)"))
    staff = commands.add_parser("staff", help="staff accounts on this console")
    staff_commands = staff.add_subparsers(dest="staff_command", metavar="COMMAND", required=True)
    enrol = staff_commands.add_parser(
        "totp-enrol", help="give a staff member a new authenticator (second factor) secret"
    )
    enrol.add_argument("staff_id")
    enrol.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="the store's data directory"
    )
    return parser


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    args = console_start_args(argv)  # a console start: no other command's parser built
    if args is None:
        args = build_parser().parse_args(argv)
    if args.command is None:
        args.command = "run"
    return args


def run_command(args: argparse.Namespace) -> int:
    """Run a command that needs no window; returns the exit code."""
    if args.command == "demo-data":
        return _demo_data(args)
    if args.command == "policy":
        return _policy(args)
    if args.command == "helpdesk":
        if getattr(args, "helpdesk_missing", False):
            print("vip-console: the helpdesk package is not installed", file=sys.stderr)
            return 1
        from helpdesk.cli import run as run_helpdesk

        return run_helpdesk(args)
    if args.command == "act":
        from app.acts.cli import run as run_act
        from offline_cache import resolve_data_dir

        return run_act(args, resolve_data_dir(args.data_dir))
    if args.command == "audit":
        return _audit_verify(args)
    if args.command == "staff":
        return _staff(args)
    if args.command == "kiosk":
        return _kiosk(args)
    if args.command == "update":
        return _update(args)
    if args.command == "report":
        from app.reports.cli import run as run_report

        return run_report(args)
    raise SystemExit(f"vip-console: unknown command {args.command!r}")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    configure_logging(args.verbose)
    return run_command(args)


LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def helpdesk_choice(args: argparse.Namespace, demo_store: bool) -> str | None:
    """The helpdesk to sync with: a URL, "embedded", or None (offline only)."""
    if getattr(args, "no_helpdesk", False):
        return None
    url: str | None = getattr(args, "helpdesk_url", None)
    if url:
        return url
    return "embedded" if demo_store else None


def configure_logging(verbose: bool, log_dir: Path | None = None) -> None:
    """Log to stderr, and to a rotating file in ``log_dir`` when one is given."""
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format=LOG_FORMAT)
    if log_dir is not None:
        from logging.handlers import RotatingFileHandler

        log_dir.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            log_dir / "vip-console.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        logging.getLogger().addHandler(handler)
    install_card_redaction()  # no full card number in any log line (SPEC §3)


def default_log_dir() -> Path:
    """The platform's log directory for the console (e.g. ~/.local/state/vip-console/log)."""
    import platformdirs

    return Path(platformdirs.user_log_dir("vip-console", appauthor=False))


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def _demo_data(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.demo.writer import write_demo_property
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # Demo data: encrypted with the published demo key (docs/security.md).
    store = open_store(out, key=DEMO_STORE_KEY)
    try:
        with store.unit_of_work() as uow:
            if uow.guests.count():
                print(
                    f"vip-console: {out} already holds guests; choose an empty directory.",
                    file=sys.stderr,
                )
                return 1
        summary = write_demo_property(store, out, args.guests, SystemClock(), seed=args.seed)
    finally:
        store.close()
    print(
        f"Demo property in {out}: {summary.guests} guests, {summary.staff} staff, "
        f"{summary.tables} tables, {summary.incidents} open incidents."
    )
    return 0


def _policy(args: argparse.Namespace) -> int:
    from app.policy import PolicyError, default_policy_text, load_policy

    if args.policy_command == "show-default":
        print(default_policy_text(), end="")
        return 0
    try:
        load_policy(args.file)
    except PolicyError as error:
        print(f"vip-console: {args.file}: {error}", file=sys.stderr)
        return 1
    print(f"{args.file}: OK")
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    from app.security.store_key import resolve_store_key
    from offline_cache import resolve_data_dir
    from offline_cache.audit_verify import load_checkpoint, verify_store

    external = [load_checkpoint(path) for path in args.checkpoint]
    data_dir = resolve_data_dir(args.data_dir)
    held: list[tuple[int, str]] = []
    try:  # the store key decrypts the store and pins the checkpoints' signing key
        key = resolve_store_key(data_dir)
        if args.against_helpdesk:
            from app.sync.audit_remote import HelpdeskCopyUnavailable, helpdesk_copy

            try:
                device, token = _device_and_token(data_dir, key)
                copy = helpdesk_copy(args.against_helpdesk, device, token)
            except HelpdeskCopyUnavailable as error:
                print(f"vip-console: {error}", file=sys.stderr)
                return 2
            held = copy.rows
            external.extend(copy.checkpoints)
        report = verify_store(data_dir, key=key, external=external, held=held)
    except ValueError as error:  # StoreKeyUnavailable, StoreKeyError
        print(f"vip-console: {error}", file=sys.stderr)
        return 2
    print(report.describe())
    return 0 if report.ok else 1


def _device_and_token(data_dir: Path, key: bytes) -> tuple[str, str | None]:
    """This tablet's device id and device token (its store opened read-only)."""
    from app.settings import load_settings
    from app.sync.device_token import TOKEN_KEY
    from offline_cache import open_store

    store = open_store(data_dir, key=key)
    try:
        with store.unit_of_work() as uow:
            token = uow.sync_state.get(TOKEN_KEY)
    finally:
        store.dispose()
    return str(load_settings(data_dir).get("device_id")), token


def _staff(args: argparse.Namespace) -> int:
    from app.staff_cli import enrol_totp
    from offline_cache import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    store = _open_device_store(data_dir)
    if store is None:
        return 2
    try:
        return enrol_totp(store, data_dir, args.staff_id)
    finally:
        store.close()


def _open_device_store(data_dir: Path) -> "Store | None":
    """The device's store under its key, or None (the reason printed) when it cannot."""
    from app.security.store_key import resolve_store_key
    from offline_cache import open_store

    try:
        return open_store(data_dir, key=resolve_store_key(data_dir))
    except ValueError as error:  # StoreKeyUnavailable, StoreKeyError
        print(f"vip-console: {error}", file=sys.stderr)
        return None


def _update(args: argparse.Namespace) -> int:
    from app.updates.cli import REPOSITORY_COMMANDS, run_device_command, run_repository_command
    from offline_cache import resolve_data_dir

    if args.update_command in REPOSITORY_COMMANDS:
        return run_repository_command(args)
    return run_device_command(args, resolve_data_dir(args.data_dir), _open_device_store)


def _kiosk(args: argparse.Namespace) -> int:
    """``kiosk set-it-pin``: the PIN is read from the terminal, never from the command line."""
    import getpass

    from app.kiosk import set_it_pin
    from app.security.secrets import is_valid_new_pin
    from offline_cache import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    pin = getpass.getpass("IT PIN (6 to 8 digits): ")
    if not is_valid_new_pin(pin):
        print("vip-console: an IT PIN is 6 to 8 digits; nothing was changed", file=sys.stderr)
        return 2
    if getpass.getpass("The same IT PIN again: ") != pin:
        print("vip-console: the two PINs differ; nothing was changed", file=sys.stderr)
        return 2
    store = _open_device_store(data_dir)  # the change is audited there, as every action
    if store is None:
        return 2
    try:
        set_it_pin(data_dir, pin, store)
    finally:
        store.close()
    log.warning("IT PIN set for kiosk mode in %s", data_dir)
    print(f"IT PIN set for kiosk mode in {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
