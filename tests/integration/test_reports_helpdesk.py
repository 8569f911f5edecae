"""Reports from a served helpdesk's database: ``vip-console report`` signs with a key the
property's acts CA certifies, says what the console's store says over the same incidents,
and ``serve --daily-report-dir``'s schedule writes yesterday's report once midnight has
passed in the property's zone (its clock injected: no waiting for midnight)."""

from __future__ import annotations

import io
import json
import time as time_module
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from app.acts.pki import make_pki, write_pki
from app.acts.signing import identity_from
from app.cli import parse_args
from app.domain import Tier
from app.policy import load_policy
from app.reports import cli as report_cli
from app.reports.console_source import ConsoleReportSource
from app.reports.csv_rows import figures_json
from app.reports.figures import day_period, month_period
from app.reports.making import make_report
from helpdesk.reports import DailyReportSchedule, PkiDirMissing, start_daily_reports
from offline_cache import open_store
from tests.integration.conftest import HelpdeskService, database_url_for
from tests.integration.test_helpdesk_kpis import VVIP, write_fixtures
from tests.unit.kpi_fixtures import NOW, cases, shifted
from tests.unit.reports_fixtures import validated

ZONE = load_policy().calendar.zone


def _embedded(pdf: bytes) -> dict[str, Any]:
    names = PdfFileReader(io.BytesIO(pdf)).root["/Names"]["/EmbeddedFiles"]["/Names"]
    return dict(json.loads(names[1]["/EF"]["/F"].data))


def _served(helpdesk_factory: Callable[..., HelpdeskService]) -> tuple[HelpdeskService, timedelta]:
    """The KPI fixtures, whole days later (times of day kept), all in the past."""
    helpdesk = helpdesk_factory(guests=0)
    by = timedelta(days=(datetime.now(UTC).date() - NOW.date()).days - 1)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        write_fixtures(helpdesk, client, by)
    return helpdesk, by


@pytest.mark.parametrize("kind", ["daily", "monthly"])
def test_the_helpdesks_report_is_the_consoles_over_the_same_incidents(
    helpdesk_factory: Callable[..., HelpdeskService], tmp_path: Path, kind: str
) -> None:
    helpdesk, by = _served(helpdesk_factory)
    now = NOW + by
    pki = make_pki(now)
    write_pki(pki, tmp_path / "pki")
    day = (cases()[0].incident.opened_at + by).astimezone(ZONE).date()
    month = day.strftime("%Y-%m")
    which = ["--date", day.isoformat()] if kind == "daily" else ["--month", month]
    out = tmp_path / f"{kind}.pdf"
    args = parse_args(
        ["report", kind, *which, "--out", str(out), "--csv"]
        + ["--db", database_url_for(helpdesk.db_path), "--pki-dir", str(tmp_path / "pki")]
    )
    assert report_cli.run(args, now=now) == 0
    signed = out.read_bytes()
    status = validated(signed, pki, now)
    assert (status.intact, status.valid, status.trusted, status.docmdp_ok) == (True,) * 4
    assert status.signing_cert.subject.native["common_name"].endswith("helpdesk reports")
    found = _embedded(signed)
    csv = out.with_suffix(".csv").read_text()
    assert "day,figure,value" in csv
    if kind == "daily":
        assert found["total"]["opened"] == 4
    else:  # at least the first fixture's day; a row per day
        assert found["total"]["opened"] >= 1 and f"\n{month}-" in csv

    period = day_period(day, ZONE) if kind == "daily" else month_period(month, ZONE)
    console = _console_figures(tmp_path, by, period, pki, now)
    for key in ("total", "channels", "open_now", "sla_breaches"):
        assert found[key] == console[key], key
    assert [b["opened_at"] for b in found["breaches"]] == [
        b["opened_at"] for b in console["breaches"]
    ]


def _console_figures(
    tmp_path: Path, by: timedelta, period: Any, pki: Any, now: datetime
) -> dict[str, Any]:
    """The same report from a console's store holding the same incidents."""
    store = open_store(tmp_path / "console")
    with store.unit_of_work() as uow:
        uow.guests.save(VVIP)
        uow.incidents.save_many(
            shifted(replace(c.incident, guest_id=VVIP.id), by)
            if c.tier is Tier.VVIP
            else shifted(c.incident, by)
            for c in cases()
        )
    source = ConsoleReportSource(store, load_policy(), "TAB-1")
    identity = identity_from(pki.device_material("TAB-1", now))
    try:
        return figures_json(make_report(source, period, "x", now, identity).figures)
    finally:
        store.close()


def test_without_the_acts_ca_the_helpdesk_signs_nothing(
    helpdesk: HelpdeskService,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.delenv("VIP_HELPDESK_PKI_DIR", raising=False)
    out = tmp_path / "monthly.pdf"
    args = parse_args(
        ["report", "monthly", "--month", "2026-11", "--out", str(out)]
        + ["--db", database_url_for(helpdesk.db_path)]
    )
    assert report_cli.run(args) == 2
    assert "VIP_HELPDESK_PKI_DIR" in capsys.readouterr().err
    assert not out.exists()


def test_the_schedule_writes_yesterdays_report_once_after_midnight(
    helpdesk_factory: Callable[..., HelpdeskService], tmp_path: Path
) -> None:
    helpdesk, by = _served(helpdesk_factory)
    pki = make_pki(NOW + by)
    write_pki(pki, tmp_path / "pki")
    day = (cases()[0].incident.opened_at + by).astimezone(ZONE).date()
    midnight = datetime.combine(day + timedelta(days=1), time(0), ZONE).astimezone(UTC)
    schedule = DailyReportSchedule(
        helpdesk.server.context.db,
        load_policy(),
        tmp_path / "pki",
        tmp_path / "reports",
        clock=lambda: midnight,
    )
    before = schedule.tick(midnight - timedelta(minutes=1))  # the day is not over yet
    assert before == schedule.path_for(day - timedelta(days=1))
    written = schedule.tick(midnight + timedelta(minutes=1))
    assert written == tmp_path / "reports" / f"daily-{day.isoformat()}.pdf"
    assert written.with_suffix(".csv").exists()
    assert _embedded(written.read_bytes())["total"]["opened"] == 4
    assert validated(written.read_bytes(), pki, midnight).bottom_line
    assert schedule.tick(midnight + timedelta(hours=3)) is None  # written once a day
    assert sorted(p.name for p in (tmp_path / "reports").iterdir()) == [
        f"daily-{d.isoformat()}.{ext}"
        for d in (day - timedelta(days=1), day)
        for ext in ("csv", "pdf")
    ]


def test_serve_starts_the_schedule_only_with_the_acts_ca(
    helpdesk: HelpdeskService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What ``serve --daily-report-dir`` starts beside the service: at once, yesterday's
    report (a helpdesk down at midnight catches up)."""
    url = database_url_for(helpdesk.db_path)
    monkeypatch.delenv("VIP_HELPDESK_PKI_DIR", raising=False)
    with pytest.raises(PkiDirMissing):
        start_daily_reports(url, 20001, tmp_path / "reports")
    write_pki(make_pki(datetime.now(UTC)), tmp_path / "pki")
    monkeypatch.setenv("VIP_HELPDESK_PKI_DIR", str(tmp_path / "pki"))
    schedule = start_daily_reports(url, 20001, tmp_path / "reports")
    try:
        yesterday = datetime.now(UTC).astimezone(ZONE).date() - timedelta(days=1)
        expected = schedule.path_for(yesterday)
        deadline = time_module.monotonic() + 60
        while not expected.with_suffix(".csv").exists() and time_module.monotonic() < deadline:
            time_module.sleep(0.1)  # the schedule's own thread writes it
    finally:
        schedule.stop()
    assert expected.exists() and expected.with_suffix(".csv").exists()
    assert _embedded(expected.read_bytes())["period"] == yesterday.isoformat()
