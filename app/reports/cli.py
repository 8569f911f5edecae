"""``vip-console report daily --date D --out FILE`` and ``report monthly --month YYYY-MM
--out FILE``: a signed PDF (and with ``--csv`` its figures beside it, ``FILE.csv``).

From the helpdesk's database (``--db``, signed by the helpdesk with the acts CA of
``--pki-dir`` / ``$VIP_HELPDESK_PKI_DIR``), or with ``--data-dir`` from a console's store
(signed with that tablet's own certificate, as its acts are).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.cli_args import service_url

if TYPE_CHECKING:  # the console's start builds this parser: no KPI code loads for it
    from app.reports.figures import Period


def add_arguments(commands: Any) -> None:
    report = commands.add_parser("report", help="signed daily and monthly reports (PDF, CSV)")
    kinds = report.add_subparsers(dest="report_command", metavar="COMMAND", required=True)
    daily = kinds.add_parser("daily", help="one day: volume, open P1/P2, response, breaches")
    daily.add_argument("--date", type=date.fromisoformat, required=True, help="YYYY-MM-DD")
    monthly = kinds.add_parser("monthly", help="the VIP summary of a month: KPIs, trends")
    monthly.add_argument("--month", type=_month, required=True, help="YYYY-MM")
    for parser in (daily, monthly):
        parser.add_argument("--out", type=Path, required=True, help="the PDF to write")
        parser.add_argument("--csv", action="store_true", help="also write the figures (FILE.csv)")
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=argparse.SUPPRESS,
            help="from this console's store instead of the helpdesk's database",
        )
        parser.add_argument(
            "--db", default="sqlite:///helpdesk.db", help="the helpdesk's database (URL or file)"
        )
        parser.add_argument(
            "--pki-dir", type=Path, help="the helpdesk's acts CA (default: $VIP_HELPDESK_PKI_DIR)"
        )
        parser.add_argument(
            "--timestamps",
            metavar="URL",
            type=service_url,
            help="a helpdesk serving the property's timestamps and CRLs: the report is "
            "taken to B-T and B-LT there, as acts are (default: B-B only)",
        )


def _month(text: str) -> str:
    try:
        datetime.strptime(text, "%Y-%m")
    except ValueError as error:
        raise argparse.ArgumentTypeError("a month is YYYY-MM, e.g. 2026-11") from error
    return text


def run(args: argparse.Namespace, now: datetime | None = None) -> int:
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    try:
        if args.data_dir is not None:
            written = _from_console(args, now)
        else:
            written = _from_helpdesk(args, now)
    except (OSError, ValueError) as error:  # no CA, no store key, no certificate, bad file
        print(f"vip-console: {error}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


def _period(args: argparse.Namespace, zone: Any) -> Period:
    from app.reports.figures import day_period, month_period

    if args.report_command == "daily":
        return day_period(args.date, zone)
    return month_period(args.month, zone)


def _from_helpdesk(args: argparse.Namespace, now: datetime) -> list[Path]:
    from app.acts.pki import PkiPaths
    from app.reports.making import write_report
    from app.reports.signing import pki_roots
    from helpdesk.reports import pki_dir_from, report_from_database

    made = report_from_database(args.db, args.pki_dir, lambda zone: _period(args, zone), now)
    roots = lambda: pki_roots(PkiPaths(pki_dir_from(args.pki_dir)))  # noqa: E731
    return write_report(_timestamped(made, args, roots), args.out, args.csv)


def _from_console(args: argparse.Namespace, now: datetime) -> list[Path]:
    from app.acts.revisions import upgrade_trust_roots
    from app.acts.signing import IdentityProvider, SigningUnavailable
    from app.policy import load_policy
    from app.reports.console_source import ConsoleReportSource
    from app.reports.making import make_report, write_report
    from app.security.store_key import resolve_store_key
    from app.settings import load_settings
    from offline_cache import open_store, resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    settings = load_settings(data_dir)
    configured = settings.get("policy_file")
    policy = load_policy(args.policy or (data_dir / configured if configured else None))
    store = open_store(data_dir, key=resolve_store_key(data_dir))
    try:
        try:
            identity = IdentityProvider.from_store(store, lambda: now).get()
        except SigningUnavailable as error:
            raise ValueError(
                f"this console has no usable signing certificate ({error.key}): "
                "it gets one from the helpdesk at enrolment"
            ) from error
        source = ConsoleReportSource(store, policy, str(settings.get("device_id")))
        period = _period(args, policy.calendar.zone)
        made = make_report(source, period, str(settings.get("property_name")), now, identity)
        roots = upgrade_trust_roots(store)
    finally:
        store.dispose()
    return write_report(_timestamped(made, args, lambda: roots), args.out, args.csv)


def _timestamped(made: Any, args: argparse.Namespace, roots: Any) -> Any:
    """With ``--timestamps``: the report at B-T / B-LT; a stop short of it is said, and
    the report is written at the level reached (it is signed either way)."""
    if not args.timestamps:
        return made
    from app.reports.making import upgraded

    made = upgraded(made, args.timestamps, roots())
    if made.stopped:
        print(f"vip-console: the report stays at {made.level}: {made.stopped}", file=sys.stderr)
    return made
