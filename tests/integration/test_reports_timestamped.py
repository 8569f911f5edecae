"""Reports signed like acts all the way: ``--timestamps URL`` (and ``serve
--report-timestamps``) take a report from B-B to B-T (a document timestamp) and B-LT
(the certificates and CRLs in the DSS) at the property's PKI service on 127.0.0.1, and
the console's own verifier then says OK at B-LT; a PKI that does not answer leaves the
report signed at B-B, and says so."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.acts.pki import PkiPaths
from app.acts.trust import Trust, load_certificates
from app.acts.verify import verify_pdf
from app.cli import parse_args
from app.reports import cli as report_cli
from helpdesk.reports import DailyReportSchedule
from tests.integration.conftest import HelpdeskService, database_url_for
from tests.integration.test_acts_upgrade import PkiServer, pki_server  # noqa: F401 - fixture
from tests.integration.test_reports_helpdesk import ZONE, _served
from tests.unit.kpi_fixtures import cases


def _trust(pki_dir: Path) -> Trust:
    paths = PkiPaths(pki_dir)
    return Trust(load_certificates(paths.ca), load_certificates(paths.tsa_ca))


def _report_args(helpdesk: HelpdeskService, pki_dir: Path, out: Path, day: str) -> list[str]:
    return ["report", "daily", "--date", day, "--out", str(out)] + [
        "--db",
        database_url_for(helpdesk.db_path),
        "--pki-dir",
        str(pki_dir),
    ]


def test_a_report_timestamped_online_verifies_at_b_lt(
    helpdesk_factory: Callable[..., HelpdeskService],
    pki_server: PkiServer,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    helpdesk, by = _served(helpdesk_factory)
    day = (cases()[0].incident.opened_at + by).astimezone(ZONE).date().isoformat()
    out = tmp_path / "daily.pdf"
    args = _report_args(helpdesk, pki_server.pki_dir, out, day)
    assert report_cli.run(parse_args([*args, "--timestamps", pki_server.url])) == 0
    verdict = verify_pdf(out.read_bytes(), _trust(pki_server.pki_dir))
    assert verdict.ok, verdict.report(out.name)
    assert (verdict.document, verdict.level) == ("report", "B-LT")


def test_a_pki_that_does_not_answer_leaves_the_report_at_b_b_and_says_so(
    helpdesk_factory: Callable[..., HelpdeskService],
    pki_server: PkiServer,  # noqa: F811 - the fixture
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    helpdesk, by = _served(helpdesk_factory)
    day = (cases()[0].incident.opened_at + by).astimezone(ZONE).date().isoformat()
    out = tmp_path / "daily.pdf"
    args = _report_args(helpdesk, pki_server.pki_dir, out, day)
    nobody = "http://127.0.0.1:9"  # the discard port: nothing answers
    assert report_cli.run(parse_args([*args, "--timestamps", nobody])) == 0
    assert "stays at B-B" in capsys.readouterr().err
    verdict = verify_pdf(out.read_bytes(), _trust(pki_server.pki_dir))
    assert verdict.ok and verdict.level == "B-B"  # signed all the same


def test_the_schedule_takes_its_daily_report_to_b_lt(
    helpdesk_factory: Callable[..., HelpdeskService],
    pki_server: PkiServer,  # noqa: F811 - the fixture
    tmp_path: Path,
) -> None:
    helpdesk, _by = _served(helpdesk_factory)
    now = datetime.now(UTC)
    schedule = DailyReportSchedule(
        helpdesk.server.context.db,
        helpdesk.server.context.policy,
        pki_server.pki_dir,
        tmp_path / "reports",
        clock=lambda: now,
        timestamps=pki_server.url,
    )
    written = schedule.tick()
    assert written is not None
    yesterday = now.astimezone(ZONE).date() - timedelta(days=1)
    assert written.name == f"daily-{yesterday.isoformat()}.pdf"
    verdict = verify_pdf(written.read_bytes(), _trust(pki_server.pki_dir))
    assert verdict.ok and verdict.level == "B-LT", verdict.report(written.name)
