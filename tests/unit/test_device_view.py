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
from helpdesk.views import guest_data_for

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
