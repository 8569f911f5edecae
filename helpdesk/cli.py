"""``vip-console helpdesk serve`` (the reference helpdesk service), ``device`` (IT's
provisioning of tablets: helpdesk/device_cli.py) and ``staff`` (helpdesk/staff_cli.py).

This module imports only the standard library at import time: ``app.cli`` builds
its parser from ``add_arguments`` without loading FastAPI or SQLAlchemy.
"""

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from app.cli_args import service_url

if TYPE_CHECKING:
    from helpdesk.config import Settings

DEFAULT_DB = "sqlite:///helpdesk.db"
METRICS_TOKEN_ENV = "VIP_HELPDESK_METRICS_TOKEN"  # from the environment: never in `ps`


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from helpdesk import property_cli, staff_cli
    from helpdesk.config import FEED_WINDOW_SECONDS

    commands = parser.add_subparsers(dest="helpdesk_command", metavar="COMMAND", required=True)
    staff_cli.add_arguments(commands, _database_option)
    property_cli.add_arguments(commands, _database_option)
    serve = commands.add_parser("serve", help="serve the helpdesk API (OpenAPI at /openapi.json)")
    serve.add_argument(
        "--db",
        default=DEFAULT_DB,
        help="SQLAlchemy URL (sqlite:///file.db, postgresql+psycopg://…) or a SQLite file path "
        f"(default: {DEFAULT_DB})",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback)")
    serve.add_argument("--port", type=_port, default=8765, help="port (default: 8765)")
    serve.add_argument(
        "--seed-demo",
        action="store_true",
        help="write the demo property (same ids as `vip-console demo-data`) into an empty DB; "
        "a demo helpdesk also enrols any tablet with the published code 'demo-enrolment'",
    )
    serve.add_argument(
        "--guests", type=_positive, default=2000, help="demo guests with --seed-demo (2000)"
    )
    serve.add_argument("--seed", type=int, default=7, help="demo seed with --seed-demo (7)")
    serve.add_argument(
        "--heartbeat", type=float, default=15.0, help="seconds between feed heartbeats (15)"
    )
    serve.add_argument(
        "--feed-window",
        type=float,
        default=FEED_WINDOW_SECONDS,
        help="seconds the live feed gathers commits before it wakes its streams again: "
        f"what a change may wait, against the CPU of each wake ({FEED_WINDOW_SECONDS})",
    )
    serve.add_argument(
        "--require-totp",
        action="store_true",
        help="staff sign in with a PIN and an authenticator code (the property's policy)",
    )
    serve.add_argument(
        "--workers",
        type=_positive,
        default=1,
        help="worker processes on one port; more than one needs PostgreSQL (1)",
    )
    serve.add_argument(
        "--updates-dir",
        type=Path,
        help="serve the signed console updates in this directory under /updates "
        "(`vip-console update init`/`publish`; docs/updates.md)",
    )
    serve.add_argument(
        "--property-code",
        default="MAIN",
        help="the default property's code: where a helpdesk made before properties, and the "
        "demo, keep their records (MAIN)",
    )
    serve.add_argument("--property-name", default="Main property", help="its name")
    serve.add_argument("--property-timezone", default="UTC", help="its IANA time zone (UTC)")
    serve.add_argument(
        "--daily-report-dir",
        type=Path,
        help="write yesterday's signed daily report (PDF and CSV) here after midnight, "
        "property time; signed with the acts CA of $VIP_HELPDESK_PKI_DIR",
    )
    serve.add_argument(
        "--report-timestamps",
        metavar="URL",
        type=service_url,
        help="the property's PKI service (timestamps, CRLs): the daily reports are taken "
        "to B-T and B-LT there, as acts are (default: B-B)",
    )
    serve.add_argument(
        "--log-format",
        choices=("text", "json"),
        default="text",
        help="text lines, or JSON lines without personal data for a log pipeline (text)",
    )
    _add_device_commands(commands)
    _add_backup_commands(commands)


def _database_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        default=DEFAULT_DB,
        help=f"the helpdesk's database: SQLAlchemy URL or SQLite file path (default: {DEFAULT_DB})",
    )


def _add_device_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    device = commands.add_parser(
        "device", help="provision tablets: single-use enrolment codes, revocation"
    )
    device_commands = device.add_subparsers(dest="device_command", metavar="COMMAND", required=True)
    add = device_commands.add_parser(
        "add", help="issue a single-use, expiring enrolment code for a tablet (and its QR code)"
    )
    add.add_argument("device_id", help="the tablet's id, e.g. TAB-0042")
    add.add_argument(
        "--role-scope",
        metavar="ROLE,...",
        help="roles that may sign in on it: host, pit_boss, vip_desk, concierge, "
        "duty_manager (default: all)",
    )
    add.add_argument(
        "--valid-for",
        type=_positive,
        metavar="HOURS",
        help="hours the code stays good (default: 24, Settings.enrolment_code_ttl)",
    )
    add.add_argument(
        "--property",
        metavar="CODE",
        help="the property the tablet works for (`property list`; default: the default one)",
    )
    add.add_argument("--png", type=Path, help="also write the QR code to this PNG file")
    add.add_argument("--helpdesk-url", help="put this helpdesk address in the QR code too")
    device_commands.add_parser("list", help="every device: live, revoked, or waiting with a code")
    revoke = device_commands.add_parser(
        "revoke", help="end a device's token and any unused code (a lost or replaced tablet)"
    )
    revoke.add_argument("device_id")
    for parser in (add, device_commands.choices["list"], revoke):
        _database_option(parser)


def _add_backup_commands(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    backup = commands.add_parser(
        "backup", help="a consistent copy of the database, taken while the helpdesk serves"
    )
    backup.add_argument("--out", type=Path, required=True, help="the backup file to write")
    restore = commands.add_parser(
        "restore",
        help="put a backup in place (helpdesk stopped); consoles then send their last "
        "7 days of writes again, so nothing after the backup is lost",
    )
    restore.add_argument("backup_file", type=Path, help="a file written by `backup`")
    restore.add_argument(
        "--replace", action="store_true", help="overwrite the SQLite database file named"
    )
    for parser in (backup, restore):
        _database_option(parser)


def _run_backup_command(args: argparse.Namespace) -> int:
    from helpdesk.backup import BackupFailed, backup, restore

    url = database_url(args.db)
    try:
        if args.helpdesk_command == "backup":
            backup(url, args.out)
            print(f"helpdesk: backup written to {args.out}")
        else:
            restored = restore(args.backup_file, url, replace=args.replace)
            print(f"helpdesk: restored {args.backup_file} (generation {restored.generation})")
    except BackupFailed as error:
        print(f"helpdesk: {error}", file=sys.stderr)
        return 1
    return 0


def _port(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is 0 to 65535")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def database_url(text: str) -> str:
    """A URL as given, or a bare file path as a SQLite URL."""
    return text if "://" in text else f"sqlite:///{text}"


def run(args: argparse.Namespace) -> int:
    if args.helpdesk_command == "staff":
        from helpdesk import staff_cli

        return staff_cli.run(args, database_url(args.db))
    if args.helpdesk_command == "property":
        from helpdesk import property_cli

        return property_cli.run(args, database_url(args.db))
    from helpdesk.config import DEMO_ENROLMENT_CODE
    from helpdesk.logs import install
    from helpdesk.server import serve

    install()  # card numbers masked in every log line the host process already handles
    if args.helpdesk_command in ("backup", "restore"):
        return _run_backup_command(args)
    if args.helpdesk_command == "device":
        from helpdesk.device_cli import run_device_command

        return run_device_command(args, database_url(args.db))

    if args.log_format == "json":
        import logging.config

        from helpdesk.json_logs import log_config

        logging.config.dictConfig(log_config())  # the seed's lines too, not only serve's
    demo_code = DEMO_ENROLMENT_CODE if args.seed_demo else None
    if demo_code:
        _tell(
            f"DEMO helpdesk: any tablet may enrol with the published code "
            f"'{demo_code}'. A real property issues codes with `device add`.",
            args.log_format,
        )
    from helpdesk.sealing import BlobKeyMissing, blob_key_from_env

    try:
        blob_key = blob_key_from_env(demo=bool(demo_code))
    except BlobKeyMissing as error:
        _tell(str(error), args.log_format)
        return 2
    try:
        settings = _settings(args, demo_code, blob_key)
    except ValueError as error:  # a setting out of its range: said, not a traceback
        _tell(f"a setting out of its range: {error}", args.log_format)
        return 2
    if args.workers > 1 and settings.db_url.startswith("sqlite"):
        _tell("several workers need PostgreSQL (--db postgresql+psycopg://…)", args.log_format)
        return 2
    if args.seed_demo:
        _seed(settings, args.guests, args.seed, args.log_format)
    schedule = None
    if args.daily_report_dir is not None:
        from helpdesk.reports import PkiDirMissing, start_daily_reports

        try:
            schedule = start_daily_reports(
                settings.db_url,
                settings.ticket_first_number,
                args.daily_report_dir,
                args.report_timestamps,
            )
        except PkiDirMissing as error:
            _tell(str(error), args.log_format)
            return 2
    try:
        serve(
            settings,
            host=args.host,
            port=args.port,
            log_format=args.log_format,
            workers=args.workers,
        )
    finally:
        if schedule is not None:
            schedule.stop()
    return 0


def _settings(args: argparse.Namespace, demo_code: str | None, blob_key: bytes) -> "Settings":
    from helpdesk.config import Settings

    return Settings(
        db_url=database_url(args.db),
        demo_enrolment_code=demo_code,
        heartbeat_seconds=args.heartbeat,
        feed_window_seconds=args.feed_window,
        blob_key=blob_key,
        require_totp=args.require_totp,
        metrics_token=os.environ.get(METRICS_TOKEN_ENV) or None,
        updates_dir=args.updates_dir,
        property_code=args.property_code,
        property_name=args.property_name,
        property_timezone=args.property_timezone,
    )


def _tell(message: str, log_format: str) -> None:
    """A word for the operator: a line on stderr, or a log record among the JSON lines."""
    if log_format == "json":
        import logging

        logging.getLogger("helpdesk.cli").warning("%s", message)
    else:
        print(f"helpdesk: {message}", file=sys.stderr)


def _seed(settings: "Settings", guests: int, seed: int, log_format: str) -> None:
    from helpdesk.context import open_context
    from helpdesk.seed import seed_demo

    context = open_context(settings)
    try:
        summary = seed_demo(context, guests, seed)
    finally:
        context.db.dispose()
    if summary.skipped:
        _tell("database already seeded; demo seed skipped", log_format)
    else:
        _tell(
            f"demo property seeded: {summary.guests} guests, {summary.staff} staff, "
            f"{summary.tables} tables, {summary.incidents} incidents",
            log_format,
        )


def main(argv: Sequence[str] | None = None) -> int:
    import logging

    parser = argparse.ArgumentParser(prog="helpdesk", description=__doc__)
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    return run(args)
