"""The daily report and the monthly VIP summary from a console's store: the hand-computed
KPI fixtures' figures, the periods in the property's calendar, the CSV's rows, and the
signed PDF as pyHanko's validator sees it (and refuses once tampered with)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from app.acts.pki import Pki, make_pki
from app.acts.signing import identity_from
from app.policy import load_policy
from app.reports.console_source import ConsoleReportSource
from app.reports.csv_rows import HEADER
from app.reports.figures import day_period, month_period
from app.reports.making import MadeReport, make_report
from app.reports.pdf import kpi_rows, share_text
from app.reports.signing import FILE_NAME
from offline_cache import SqliteStore
from tests.unit.kpi_fixtures import NOW
from tests.unit.reports_fixtures import fixture_store, validated

SYDNEY = ZoneInfo("Australia/Sydney")


@pytest.fixture(scope="module")
def pki() -> Pki:
    return make_pki(NOW)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = fixture_store(tmp_path / "data")
    yield opened
    opened.close()


def _report(store: SqliteStore, pki: Pki, kind: str, when: str) -> MadeReport:
    source = ConsoleReportSource(store, load_policy(), "TAB-1")
    period = (
        day_period(date.fromisoformat(when), SYDNEY)
        if kind == "daily"
        else month_period(when, SYDNEY)
    )
    identity = identity_from(pki.device_material("TAB-1", NOW))
    return make_report(source, period, "Harbour Crown Casino", NOW, identity)


def test_periods_are_whole_days_of_the_property_calendar() -> None:
    day = day_period(date(2026, 11, 25), SYDNEY)  # AEDT, UTC+11
    assert (day.since, day.until) == (
        datetime(2026, 11, 24, 13, tzinfo=UTC),
        datetime(2026, 11, 25, 13, tzinfo=UTC),
    )
    april = month_period("2026-04", SYDNEY)  # daylight saving ends on 5 April: 23 h + 1
    assert (april.first, april.last, len(april.days())) == (date(2026, 4, 1), date(2026, 4, 30), 30)
    assert (april.until - april.since).total_seconds() == 30 * 86400 + 3600
    february = month_period("2028-02", SYDNEY)
    assert february.last == date(2028, 2, 29)
    with pytest.raises(ValueError):
        month_period("2026-13", SYDNEY)


def test_the_daily_report_counts_the_days_incidents(store: SqliteStore, pki: Pki) -> None:
    made = _report(store, pki, "daily", "2026-11-25")
    figures = made.figures
    # The four incidents opened on 25 November (Sydney); see kpi_fixtures.py.
    assert figures.total.opened == 4
    assert figures.channels == {"onsite": 2, "phone": 1, "email": 1}
    assert figures.open_by_priority == {"P1": 1, "P2": 1, "P3": 2, "P4": 1}
    sla = figures.total.ratios["sla"]
    assert figures.breach_count == sla.denominator - sla.numerator
    assert len(figures.breaches) == figures.breach_count
    assert all(b.due_at < NOW for b in figures.breaches)
    rows = {row[0]: row for row in kpi_rows(figures)}
    assert rows["SLA attainment"][2] == f"{sla.numerator} / {sla.denominator}"


def test_the_monthly_summary_adds_up_its_days(store: SqliteStore, pki: Pki) -> None:
    made = _report(store, pki, "monthly", "2026-11")
    figures = made.figures
    assert figures.total.opened == 8  # November in Sydney: the 1st, 10th, 25th (4), 27th (2)
    assert len(figures.days) == 30
    assert sum(r.opened for _, r in figures.days) == 8
    for name in ("sla", "fcr", "recovery", "csat"):
        total = figures.total.ratios[name]
        days = [r.ratios[name] for _, r in figures.days]
        assert (sum(d.numerator for d in days), sum(d.denominator for d in days)) == (
            total.numerator,
            total.denominator,
        )
    rows = list(csv.reader(io.StringIO(made.csv)))
    assert tuple(rows[0]) == HEADER
    by_key = {(r[0], r[1]): r for r in rows[1:]}
    assert by_key[("2026-11", "opened")][2] == "8"
    assert by_key[("2026-11-25", "opened")][2] == "4"
    sla = figures.total.ratios["sla"]
    assert by_key[("2026-11", "sla")][3:5] == [str(sla.numerator), str(sla.denominator)]
    days_with_kpis = {r[0] for r in rows[1:] if r[1] == "sla"}
    assert len(days_with_kpis) == 31  # each day and the month


def test_the_report_is_signed_like_an_act_and_carries_its_figures(
    store: SqliteStore, pki: Pki
) -> None:
    made = _report(store, pki, "daily", "2026-11-25")
    status = validated(made.pdf, pki, NOW)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.docmdp_ok
    assert "tablet TAB-1" in status.signing_cert.subject.native["common_name"]
    reader = PdfFileReader(io.BytesIO(made.pdf))
    embedded = json.loads(reader.root["/Names"]["/EmbeddedFiles"]["/Names"][1]["/EF"]["/F"].data)
    assert reader.root["/Names"]["/EmbeddedFiles"]["/Names"][0] == FILE_NAME
    assert embedded["total"]["opened"] == 4
    assert embedded["channels"] == {"onsite": 2, "phone": 1, "email": 1}


def test_a_changed_figure_breaks_the_signature(store: SqliteStore, pki: Pki) -> None:
    made = _report(store, pki, "daily", "2026-11-25")
    reader = PdfFileReader(io.BytesIO(made.pdf))
    title = reader.trailer["/Info"]["/Title"]
    forged = made.pdf.replace(title.encode(), title.encode().replace(b"Daily", b"Dally"), 1)
    assert forged != made.pdf
    assert not validated(forged, pki, NOW).intact


def test_an_update_after_signing_is_refused(store: SqliteStore, pki: Pki) -> None:
    made = _report(store, pki, "daily", "2026-11-25")
    writer = IncrementalPdfFileWriter(io.BytesIO(made.pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page[generic.NameObject("/Rotate")] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    status = validated(out.getvalue(), pki, NOW)
    assert status.intact  # the signed revision is there, unchanged...
    assert not status.docmdp_ok  # ...but a certification allowing no change was broken
    assert not status.bottom_line


def test_the_monthly_summary_sets_each_kpi_beside_the_month_before(
    store: SqliteStore, pki: Pki
) -> None:
    december = _report(store, pki, "monthly", "2026-12").figures
    november = _report(store, pki, "monthly", "2026-11").figures
    assert december.previous == november.total  # the same figures, as of the same time
    assert december.total.opened == 4  # 2, 3 and 5 December (Sydney): see kpi_fixtures.py
    assert december.channels == {"phone": 2, "messenger": 1, "email": 1}
    rows = {row[0]: row for row in kpi_rows(december)}
    sla = november.total.ratios["sla"]
    assert rows["SLA attainment"][2] == share_text(sla.share)  # the month before's column
    assert all(
        len(row) == 5 for row in kpi_rows(_report(store, pki, "daily", "2026-12-03").figures)
    )


def test_the_console_s_verifier_passes_a_report_and_fails_a_changed_one(
    store: SqliteStore, tmp_path: Path
) -> None:
    """``vip-console act verify`` judges a report as it judges an act (at the real now:
    no timestamp in a B-B report, so the signer's certificate is checked now)."""
    from app.acts.verify import load_trust, verify_pdf

    now = datetime.now(UTC)
    pki = make_pki(now - timedelta(hours=1))
    ca = tmp_path / "ca.pem"
    ca.write_bytes(pki.ca_pem)
    source = ConsoleReportSource(store, load_policy(), "TAB-1")
    identity = identity_from(pki.device_material("TAB-1", now))
    made = make_report(source, day_period(date(2026, 11, 25), SYDNEY), "Crown", now, identity)
    verdict = verify_pdf(made.pdf, load_trust(ca))
    assert verdict.ok, verdict.report("report.pdf")
    assert verdict.document == "report" and verdict.level == "B-B"
    assert "report content SHA-256" in verdict.report("report.pdf")
    forged = bytearray(made.pdf)
    at = made.pdf.index(b"/Title")
    forged[at + 10] ^= 0x01  # one byte of the signed revision
    assert not verify_pdf(bytes(forged), load_trust(ca)).ok
