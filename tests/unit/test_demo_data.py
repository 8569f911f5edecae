"""The demo property is realistic: every script, tier, flag, role and priority."""

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main as cli_main
from app.clock import FakeClock
from app.demo.generator import DEMO_CODE_WORD, DEMO_PIN, DEMO_STAFF
from app.demo.writer import demo_hint, write_demo_property
from app.domain import IncidentStatus, Priority, Role, Tier
from app.security.secrets import verify_pin, verify_secret
from app.swipe import is_loyalty_card_number
from offline_cache import open_store

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo")
    store = open_store(out)
    try:
        write_demo_property(store, out, 600, FakeClock(NOW))
    finally:
        store.close()
    return out


def test_guests_cover_every_script_tier_and_flag(demo: Path) -> None:
    store = open_store(demo)
    with store.unit_of_work() as uow:
        staff = uow.staff.all()
        guests = [g for h in {s.id for s in staff} for g in uow.guests.by_host(h)]
        incidents = uow.incidents.open_incidents()
        tables = uow.tables.all()
    store.close()
    assert len(guests) == 600
    names = " ".join(g.name for g in guests)
    assert re.search(r"[A-Za-z]", names)
    assert re.search(r"[\u0400-\u04FF]", names), "no Cyrillic name"
    assert re.search(r"[\u4E00-\u9FFF]", names), "no CJK name"
    assert {g.tier for g in guests} == {Tier.VIP, Tier.VVIP}
    assert any(g.quiet.enabled and g.quiet.alias for g in guests)
    assert any(g.rg.self_excluded for g in guests)
    assert any(g.rg.cooling_off_until for g in guests)
    assert all(is_loyalty_card_number(g.card_number) for g in guests)
    code_word_hash = guests[0].code_word_hash
    assert code_word_hash is not None and verify_secret(DEMO_CODE_WORD, code_word_hash)

    assert {s.role for s in staff} == set(Role)
    assert all(verify_pin(DEMO_PIN, s.pin_hash) for s in staff)
    assert len({t.pit for t in tables}) >= 4
    assert {i.priority for i in incidents} == set(Priority)
    assert IncidentStatus.WAITING in {i.status for i in incidents}
    assert all(i.events for i in incidents)


def test_demo_hint_names_staff_of_every_role(demo: Path) -> None:
    hint = demo_hint(demo)
    assert hint is not None and hint.pin == DEMO_PIN
    assert {role for _sid, role in hint.staff} == set(Role)
    staff = {sid: role for sid, _name, role, _pits in DEMO_STAFF}
    assert all(staff[sid] is role for sid, role in hint.staff)  # each one of that role
    english = (demo / "demo-property.txt").read_text(encoding="utf-8")
    assert DEMO_PIN in english and "pit boss" in english  # the file, for a person reading it


def test_cli_refuses_to_write_over_a_store_with_guests(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["demo-data", "--guests", "5", "--out", str(demo)]) == 1
    assert "already holds guests" in capsys.readouterr().err
