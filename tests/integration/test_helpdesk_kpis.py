"""``GET /v1/kpis`` on a real served helpdesk: the hand-computed fixtures sent as a console
sends them, summed in SQL; the same figures as the console's Python definitions over the
same incidents, and only for a role with the KPI right."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import delete, insert

from app.domain import EventKind, Guest, Tier
from app.kpis import build_report, incident_facts, to_json, totals_of
from app.policy import load_policy
from app.wire import codec
from app.wire.contract import event_body, format_time, incident_create_body
from helpdesk import kpis
from helpdesk.incidents import backfill_kpis
from helpdesk.models import GuestRow, IncidentKpiRow, incident_kpi_days
from tests.integration.conftest import HelpdeskService, new_key
from tests.unit.kpi_fixtures import NOW, SINCE, STAFF, cases, shifted

VVIP = Guest(
    id="6f1c9c4e-0d3b-4f4e-9a61-5b2f0c1d7e21",
    card_number="9000000077",
    name="Ada Stone",
    tier=Tier.VVIP,
)


def write_fixtures(
    helpdesk: HelpdeskService,
    client: httpx.Client,
    by: timedelta,
    leave_out: frozenset[EventKind] = frozenset(),
) -> list[Any]:
    """The fixtures ``by`` later, as a host's console sends them: create, then events
    (but those of a kind in ``leave_out``)."""
    with helpdesk.server.context.db.write() as session:
        data = codec.encode(VVIP)
        session.execute(
            insert(GuestRow),
            [
                {
                    "id": VVIP.id,
                    "card_number": VVIP.card_number,
                    "data": json.dumps(data),
                    "updated_at": datetime.now(UTC),
                }
            ],
        )
    sent = []
    for case in cases():
        incident = shifted(case.incident, by)
        events = tuple(e for e in incident.events if e.kind not in leave_out)
        incident = replace(incident, events=events)
        if case.tier is Tier.VVIP:
            incident = replace(incident, guest_id=VVIP.id)
        body = incident_create_body(incident, helpdesk.device_id)
        headers = helpdesk.headers(staff=STAFF, key=new_key())
        assert client.post("/v1/incidents", json=body, headers=headers).status_code == 201
        for event in incident.events:
            reply = client.post(
                f"/v1/incidents/{incident.id}/events",
                json=event_body(event),
                headers=helpdesk.headers(staff=STAFF, key=new_key()),
            )
            assert reply.status_code == 201, reply.text
        sent.append((incident, case.tier))
    return sent


def test_the_helpdesk_sums_the_same_figures_in_sql(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    helpdesk = helpdesk_factory(guests=0)  # staff only: the fixtures are the whole floor
    by = datetime.now(UTC).replace(microsecond=0) - NOW
    since, until = SINCE + by, NOW + by + timedelta(minutes=5)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        sent = write_fixtures(helpdesk, client, by)
        params = {"since": format_time(since), "until": format_time(until)}
        reply = client.get("/v1/kpis", params=params, headers=helpdesk.headers(staff="P001"))
        assert reply.status_code == 200, reply.text
        found = reply.json()
        host = client.get("/v1/kpis", params=params, headers=helpdesk.headers(staff="H001"))
        assert host.status_code == 403  # a host has no KPI right (a pit boss has)
        # The strip above every board: the host's and VIP desk's too, nothing more.
        strips = [
            client.get("/v1/kpis/strip", params=params, headers=helpdesk.headers(staff=staff))
            for staff in ("H001", "D001", "P001", "C001")
        ]
        assert [r.status_code for r in strips] == [200, 200, 200, 403]  # no concierge board
        # the same figures; each read stamps its own second (a loaded machine crosses one)
        strip, *others = [{k: v for k, v in r.json().items() if k != "as_of"} for r in strips[:3]]
        assert others == [strip, strip]

    shares = {name: (k["numerator"], k["denominator"]) for name, k in found["kpis"].items()}
    # What does not hang on the weekday the fixtures landed on (see tests/unit/test_kpis.py).
    assert found["opened"] == 10
    assert {k: shares[k] for k in ("reach", "decide", "response", "fcr", "reopen", "csat")} == {
        "reach": (1, 2),
        "decide": (1, 2),
        "response": (2, 4),
        "fcr": (4, 6),
        "reopen": (1, 6),
        "csat": (2, 3),
    }
    assert shares["recovery"] == (1, 3)
    assert found["backlog"] == {"under_1h": 1, "1h_4h": 1, "4h_24h": 1, "over_24h": 2}
    assert (found["p1"], found["triggers"]) == (3, {"account_blocked": 1, "room_overbooking": 1})
    assert found["sla_by_tier"]["VVIP"] == {"numerator": 1, "denominator": 1, "share": 1.0}
    assert found["times"]["decide"] == {"total_s": 1080, "count": 2, "mean_s": 540.0}
    assert (strip["open_now"], strip["aged"], strip["p1"], strip["triggers"]) == (5, 3, 3, 2)
    assert strip["sla"] == {k: found["kpis"]["sla"][k] for k in strip["sla"]}
    assert set(strips[0].json()) == {
        "as_of",
        "sla",
        "open_now",
        "aged",
        "p1",
        "triggers",
    }  # no more

    # Every figure as the console's definitions compute it over the same incidents.
    as_of = datetime.fromisoformat(found["as_of"])
    policy = load_policy()
    facts = [incident_facts(i, tier, policy, as_of) for i, tier in sent]
    triggers = [c.value for c in policy.escalation.trigger_categories]
    expected = to_json(build_report(totals_of(facts, since, until, as_of, triggers)))
    assert found == expected


def test_a_database_from_before_the_facts_gains_them(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    helpdesk = helpdesk_factory(guests=0)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        write_fixtures(helpdesk, client, datetime.now(UTC).replace(microsecond=0) - NOW)
    db, now = helpdesk.server.context.db, datetime.now(UTC).replace(microsecond=0)
    year = (now - timedelta(days=365), now + timedelta(days=1))

    def figures() -> Any:
        with db.read() as session:
            return build_report(kpis.totals(session, *year, now, ["account_blocked"]))

    before = figures()
    with db.write() as session:
        session.execute(delete(IncidentKpiRow))
        session.execute(delete(incident_kpi_days))
    assert figures().opened == 0
    with db.write() as session:
        assert backfill_kpis(session, load_policy(), now) == len(cases())
    assert figures() == before


def test_the_day_sums_follow_every_rewrite_of_an_incident_s_facts(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    """An incident's facts written again (a note, a new status, another priority, its
    day moved) leave the day sums equal to the sums of the facts stored: a share that
    stays in its day moves in one statement, one that changes day in two."""
    from sqlalchemy import select

    from app.domain import Priority

    helpdesk = helpdesk_factory(guests=0)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        write_fixtures(helpdesk, client, timedelta(0))
    rewrites = [
        lambda f: f,
        lambda f: replace(f, resolved=True, is_open=False),
        lambda f: replace(
            f, priority=Priority.P1 if f.priority is not Priority.P1 else Priority.P3
        ),
        lambda f: replace(f, opened_at=f.opened_at - timedelta(days=2)),
    ]
    table = IncidentKpiRow.__table__
    with helpdesk.server.context.db.write() as session:
        stored = [kpis.facts_of(dict(r)) for r in session.execute(select(table)).mappings()]
        assert len(stored) == len(cases())
        for n, facts in enumerate(stored):
            for rewrite in rewrites[: 1 + n % len(rewrites)]:
                facts = rewrite(facts)
                kpis.store_facts(session, facts, 1)
        now_stored = [kpis.facts_of(dict(r)) for r in session.execute(select(table)).mappings()]
        days = {
            tuple(r[:5]): tuple(r[5:])
            for r in session.execute(incident_kpi_days.select()).all()
            if any(r[5:])
        }
    expected: dict[tuple[Any, ...], list[int]] = {}
    for facts in now_stored:
        share = kpis._day_share(facts, 1, 1)
        sums = expected.setdefault(kpis._day_of(share), [0] * len(kpis.GROUP_FIELDS))
        for i, name in enumerate(kpis.GROUP_FIELDS):
            sums[i] += share[name]
    assert days == {key: tuple(sums) for key, sums in expected.items() if any(sums)}
    assert len(days) > 3  # the rewrites moved shares between days and priorities


def test_an_incident_opened_in_the_second_the_count_ends_in_is_counted(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    """A console reads the live KPIs a moment after a write reached it, often within the
    same second: the count ending at that moment includes the write (it once waited for
    the board's 30-second reload)."""
    helpdesk = helpdesk_factory(guests=0)
    case = next(c for c in cases() if c.tier is not Tier.VVIP)
    opened = datetime.now(UTC).replace(microsecond=300_000)
    incident = shifted(replace(case.incident, events=()), opened - case.incident.opened_at)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        body = incident_create_body(incident, helpdesk.device_id)
        headers = helpdesk.headers(staff=STAFF, key=new_key())
        assert client.post("/v1/incidents", json=body, headers=headers).status_code == 201
        since = opened - timedelta(hours=1)
        for until in (opened + timedelta(milliseconds=400), opened + timedelta(seconds=2)):
            params = {"since": format_time(since), "until": format_time(until)}
            reply = client.get("/v1/kpis", params=params, headers=helpdesk.headers(staff="P001"))
            assert reply.status_code == 200, reply.text
            assert reply.json()["opened"] == 1, until
        # Whole seconds: a count ending in the second before the write's is without it.
        before = {"since": format_time(since), "until": format_time(opened.replace(microsecond=0))}
        reply = client.get("/v1/kpis", params=before, headers=helpdesk.headers(staff="P001"))
        assert reply.json()["opened"] == 0


def test_the_upgrade_to_delivered_promises_restates_the_recovered_incidents(
    helpdesk_factory: Callable[..., HelpdeskService],
) -> None:
    """Migration h0006: a helpdesk before deliveries stored B and D as recovered (a promise
    before the resolution); no delivery could be recorded then, so both become "not
    recovered", their day sums with them, as the console counts them now."""
    from sqlalchemy import select, text

    from helpdesk.migrate import upgrade_to_head

    helpdesk = helpdesk_factory(guests=0)
    with httpx.Client(base_url=helpdesk.url, timeout=10) as client:
        written = write_fixtures(
            helpdesk, client, timedelta(0), frozenset({EventKind.COMPENSATION_DELIVERED})
        )
    db, now = helpdesk.server.context.db, datetime.now(UTC).replace(microsecond=0)
    year = (now - timedelta(days=365), now + timedelta(days=1))

    def figures() -> Any:
        with db.read() as session:
            return build_report(kpis.totals(session, *year, now, ["account_blocked"]))

    table = IncidentKpiRow.__table__
    promised = {i.id for i, _tier in written if i.first_event_at(EventKind.COMPENSATION_PROMISED)}
    with db.write() as session:
        stored = [kpis.facts_of(dict(r)) for r in session.execute(select(table)).mappings()]
        old_rule = [f for f in stored if f.recovery_ok is False and f.incident_id in promised]
        for facts in old_rule:
            if not facts.reopened_7d and facts.satisfaction not in ("unhappy", "very_unhappy"):
                kpis.store_facts(session, replace(facts, recovery_ok=True), 1)
    before = figures().ratios["recovery"]
    assert before.numerator == 2  # B and D, as the old rule had them
    with db.write_engine.begin() as connection:
        connection.execute(
            text("UPDATE alembic_version SET version_num = 'h0005_sessions_by_staff'")
        )
    with db.write_engine.begin() as connection:
        upgrade_to_head(connection)
    after = figures()
    recovery = after.ratios["recovery"]
    assert (recovery.numerator, recovery.denominator) == (0, before.denominator)
    with db.write() as session:  # the day sums equal the facts' again
        expected = build_report(
            totals_of(
                [kpis.facts_of(dict(r)) for r in session.execute(select(table)).mappings()],
                *year,
                now,
                ["account_blocked"],
            )
        )
    assert after == expected
