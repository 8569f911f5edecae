"""The feed's guest rendering (on JSON, for speed) is ``app.permissions.device_guest``."""

from dataclasses import replace
from datetime import date

import pytest

from app.actor import Actor
from app.demo import generator
from app.domain import Role
from app.domain.guest import ItineraryDisclosure, QuietVisit
from app.permissions import device_guest
from app.wire import codec
from helpdesk import views
from helpdesk.changes import ChangeRow, dumps
from helpdesk.views import feed_view, guest_data_for, renderer

DEMO = list(generator.make_guests(400, 7, ["H001", "H002"], date(2026, 12, 3), "scrypt$x"))
VARIANTS = [
    QuietVisit(enabled=True),  # no alias
    QuietVisit(enabled=True, alias="Mr Green", itinerary_disclosure=ItineraryDisclosure.NOBODY),
    QuietVisit(enabled=True, alias="Ms Blue", host_only_contact=False),
    QuietVisit(enabled=True, alias="Dr Red", itinerary_disclosure=ItineraryDisclosure.ANY_STAFF),
]
GUESTS = [
    *DEMO,
    *(replace(g, quiet=q) for g, q in zip(DEMO[:40:10], VARIANTS, strict=True)),
    replace(DEMO[1], code_word_hash=None, host_id=None),
]
ACTORS = [
    Actor("H001", Role.HOST, "TAB"),
    Actor("H003", Role.HOST, "TAB", covering_for=("H002",)),
    Actor("P001", Role.PIT_BOSS, "TAB"),
    Actor("D001", Role.VIP_DESK, "TAB"),
    Actor("C001", Role.CONCIERGE, "TAB"),
]


def test_the_demo_has_the_cases_that_matter() -> None:
    assert any(g.quiet.enabled and g.quiet.alias for g in GUESTS)
    assert any(g.credit_line is not None for g in GUESTS)
    assert {g.code_word_hash is None for g in GUESTS} == {True, False}


@pytest.mark.parametrize("actor", ACTORS, ids=[f"{a.role.value}-{a.staff_id}" for a in ACTORS])
def test_the_json_rendering_is_device_guest_for_every_role(actor: Actor) -> None:
    for guest in GUESTS:
        expected = codec.encode(device_guest(actor, guest))
        assert guest_data_for(actor, codec.encode(guest)) == expected, guest.id


def test_what_the_feed_renders_depends_on_the_feed_view_only() -> None:
    """Streams of one ``feed_view`` share rendered text (helpdesk/feed.py): actors that
    differ in anything else (device, name, tables, sign-in, the order of the hosts
    covered) must render every row alike, and the views must differ where the rows do."""
    rows = [
        ChangeRow(n, "guest", "upsert", dumps(codec.encode(guest)))
        for n, guest in enumerate(GUESTS, 1)
    ]
    others = [
        ("incident", {"id": "i", "amount": "5.00", "transaction_ref": "T"}),
        ("incident_event", {"kind": "compensation_promised", "detail": "x"}),
        ("staff", {"id": "H001", "pin_hash": "scrypt$x"}),
    ]
    rows += [
        ChangeRow(9000 + n, kind, "upsert", dumps(data)) for n, (kind, data) in enumerate(others)
    ]
    covering = Actor("H003", Role.HOST, "TAB", covering_for=("H002", "H001"))
    actors = [*ACTORS, covering]
    twins = [
        replace(
            actor,
            device_id="TAB-OTHER",
            name="Someone",
            tables=("T9",),
            session_id="s2",
            covering_for=tuple(reversed(actor.covering_for)),
        )
        for actor in actors
    ]
    outputs = {}
    for actor in actors + twins:
        views._PLANS.clear()  # each actor's own plans: a view's kept ones would hide a change
        render = renderer(actor)
        text = [render(row) for row in rows]
        outputs.setdefault(feed_view(actor), text)
        assert text == outputs[feed_view(actor)], (actor, feed_view(actor))
    assert len({tuple(map(str, text)) for text in outputs.values()}) == len(outputs)
    # The plans kept from one renderer to the next (one page to the next) change nothing,
    # whatever view asked first.
    for actor in reversed(twins + actors):
        render = renderer(actor)
        assert [render(row) for row in rows] == outputs[feed_view(actor)], actor
