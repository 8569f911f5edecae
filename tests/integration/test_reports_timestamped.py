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

from app.actor import Actor
from app.acts.pki import Pki, PkiPaths
from app.acts.signing import IdentityProvider
from app.acts.trust import Trust, load_certificates
from app.acts.verify import verify_pdf
from app.cli import parse_args
from app.clock import FakeClock
from app.domain import Role
from app.policy import load_policy
from app.reports import cli as report_cli
from app.reports.signing import pki_roots
from app.services.handover import HandoverService
from app.services.incidents import IncidentService
from helpdesk.reports import DailyReportSchedule
from offline_cache import SqliteStore
from tests.integration.conftest import HelpdeskService, database_url_for
from tests.integration.test_acts_upgrade import PkiServer, pki_server  # noqa: F401 - fixture
from tests.integration.test_reports_helpdesk import ZONE, _served
from tests.unit.kpi_fixtures import cases
from tests.unit.reports_fixtures import fixture_store


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


def _handover_service(store: SqliteStore, pki: Pki) -> HandoverService:
    """A console's handover service as the bootstrap makes it, signing with a tablet
    certificate of the PKI served on 127.0.0.1."""
    clock = FakeClock(datetime.now(UTC))
    policy = load_policy()
    material = pki.device_material("TAB-1", clock.now())
    incidents = IncidentService(store, clock, policy)
    identity = IdentityProvider(lambda: material, clock.now)
    return HandoverService(store, clock, incidents, identity, "Harbour", ZONE, "TAB-1")


@pytest.mark.parametrize(
    ("reachable", "level"), [(True, "B-LT"), (False, "B-B")], ids=["online", "pki-silent"]
)
def test_a_handover_written_online_is_timestamped_at_once(
    pki_server: PkiServer,  # noqa: F811 - the fixture
    tmp_path: Path,
    reachable: bool,
    level: str,
) -> None:
    store = fixture_store(tmp_path / "console")
    try:
        service = _handover_service(store, pki_server.pki)
        service.trust_roots = lambda: pki_roots(PkiPaths(pki_server.pki_dir))
        url = pki_server.url if reachable else "http://127.0.0.1:9"  # the discard port
        service.pki_url = lambda: url
        signed = service.write(Actor("P001", Role.PIT_BOSS, "TAB-1"))
    finally:
        store.close()
    assert (signed.level, signed.stopped is None) == (level, reachable)
    verdict = verify_pdf(signed.pdf, _trust(pki_server.pki_dir))
    assert verdict.ok and verdict.level == level, verdict.report("handover.pdf")
