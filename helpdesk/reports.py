"""The helpdesk's reports: ``vip-console report daily|monthly`` over its database, and
the daily report ``helpdesk serve --daily-report-dir DIR`` writes on its own.

Signed with a key the acts CA certifies for the report (``app.reports.signing``): the
CA comes from ``--pki-dir`` or ``$VIP_HELPDESK_PKI_DIR``, never from a demo directory
on its own. The schedule writes yesterday's report (the property's calendar) once
midnight has passed there, and again at start if it is missing: a helpdesk down at
midnight catches up. Its clock is injected (``tick(now)``), so tests need no midnight.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.acts import pki
from app.policy import SlaPolicy
from app.reports.figures import Period, day_period
from app.reports.making import MadeReport, make_report, upgraded, write_report
from app.reports.signing import helpdesk_identity, pki_roots
from helpdesk.db import Database
from helpdesk.report_source import HelpdeskReportSource

log = logging.getLogger(__name__)

PKI_DIR_ENV_VAR = "VIP_HELPDESK_PKI_DIR"  # the same as helpdesk/pki.py's endpoints read
CHECK_EVERY_S = 60.0


class PkiDirMissing(ValueError):
    """No acts CA to sign with."""


def pki_dir_from(option: Path | None) -> Path:
    chosen = option or (
        Path(os.environ[PKI_DIR_ENV_VAR]) if os.environ.get(PKI_DIR_ENV_VAR) else None
    )
    if chosen is None:
        raise PkiDirMissing(
            f"the helpdesk signs reports with its acts CA: pass --pki-dir or set {PKI_DIR_ENV_VAR}"
        )
    return chosen


def property_name(pki_dir: Path) -> str:
    """The organisation the acts CA names (the property's, as on every act)."""
    ca_cert, _key = pki.load_ca(pki.PkiPaths(pki_dir))
    return pki.organisation_of(ca_cert)


def helpdesk_report(
    db: Database, policy: SlaPolicy, period: Period, now: datetime, pki_dir: Path
) -> MadeReport:
    identity = helpdesk_identity(pki_dir, now)
    triggers = [c.value for c in policy.escalation.trigger_categories]
    with db.read() as session:
        source = HelpdeskReportSource(session, triggers)
        return make_report(source, period, property_name(pki_dir), now, identity)


def report_from_database(
    db: str, pki_option: Path | None, period: Callable[[ZoneInfo], Period], now: datetime
) -> MadeReport:
    """``vip-console report …`` over the database ``db`` (URL or SQLite file); the
    period in the property's zone."""
    from helpdesk.cli import database_url
    from helpdesk.config import Settings
    from helpdesk.context import open_context

    pki_dir = pki_dir_from(pki_option)
    context = open_context(Settings(db_url=database_url(db)))
    try:
        chosen = period(context.policy.calendar.zone)
        return helpdesk_report(context.db, context.policy, chosen, now, pki_dir)
    finally:
        context.db.dispose()


class DailyReportSchedule:
    """Writes ``daily-YYYY-MM-DD.pdf`` (and ``.csv``) for yesterday into ``out_dir``."""

    def __init__(
        self,
        db: Database,
        policy: SlaPolicy,
        pki_dir: Path,
        out_dir: Path,
        clock: Callable[[], datetime],
        timestamps: str | None = None,
    ) -> None:
        self._db = db
        self._timestamps = timestamps  # a PKI service: the reports at B-T / B-LT
        self._policy = policy
        self._pki_dir = pki_dir
        self._out = out_dir
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def path_for(self, day: date) -> Path:
        return self._out / f"daily-{day.isoformat()}.pdf"

    def tick(self, now: datetime | None = None) -> Path | None:
        """Write yesterday's report if it is not there yet; the path written, or None."""
        now = now or self._clock()
        zone = self._policy.calendar.zone
        yesterday = now.astimezone(zone).date() - timedelta(days=1)
        out = self.path_for(yesterday)
        if out.exists():
            return None
        self._out.mkdir(parents=True, exist_ok=True)
        made = helpdesk_report(
            self._db, self._policy, day_period(yesterday, zone), now, self._pki_dir
        )
        if self._timestamps:
            made = upgraded(made, self._timestamps, pki_roots(pki.PkiPaths(self._pki_dir)))
            if made.stopped:
                log.warning("daily report left at %s: %s", made.level, made.stopped)
        write_report(made, out, with_csv=True)
        log.info("daily report written: %s", out.name)
        return out

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="daily-report", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(10.0)
        self._db.dispose()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # noqa: BLE001 - the next check tries again; serving goes on
                log.exception("the daily report could not be written")
            self._stop.wait(CHECK_EVERY_S)


def start_daily_reports(
    db_url: str, first_ticket: int, out_dir: Path, timestamps: str | None = None
) -> DailyReportSchedule:
    """``serve --daily-report-dir``: the schedule on its own connection, checking every
    minute (PkiDirMissing without ``$VIP_HELPDESK_PKI_DIR``)."""
    from app.policy import load_policy

    pki_dir = pki_dir_from(None)
    database = Database(db_url)
    database.create_schema(first_ticket)  # before its first look, not racing serve's
    schedule = DailyReportSchedule(
        database, load_policy(), pki_dir, out_dir, lambda: datetime.now(UTC), timestamps
    )
    schedule.start()
    return schedule
