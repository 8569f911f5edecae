"""A walk-in registered here offline whose card the helpdesk gives to another guest.

The rule: the helpdesk's guest wins; the walk-in is set aside for review with its
incidents re-pointed; its queued create and edits go; the feed never stops.
"""
# ruff: noqa: F811 (pytest fixtures imported from tests.unit.host_desk_fixtures)

from dataclasses import replace

from app.domain import Category, Guest, Priority, Tier
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from app.services.walkins import WalkInDraft, WalkInService
from app.sync.apply import apply_changes
from app.sync.decode import DecodedChanges
from app.sync.outbox import OutboxKind
from app.sync.set_aside import SetAsideKind
from tests.unit.host_desk_fixtures import DESK, PIT_BOSS, clock, store  # noqa: F401

CARD = "9000000000777"
HELPDESK_GUEST = Guest("hd-guest-1", CARD, "Mateo García", Tier.VIP, host_id="H002")


def walk_in_with_incident(store, clock) -> tuple[Guest, str]:  # type: ignore[no-untyped-def]
    guest = WalkInService(store, clock).register(DESK, WalkInDraft("Mateo", card_number=CARD))
    draft = IncidentDraft(
        Priority.P2, Category.EQUIPMENT_DOWN, summary="Drinks late", guest_id=guest.id
    )
    incident = IncidentService(store, clock, load_policy()).open(PIT_BOSS, draft)
    return guest, incident.id


def test_the_helpdesks_guest_wins_and_the_walk_in_is_set_aside(store, clock) -> None:
    walk_in, incident_id = walk_in_with_incident(store, clock)
    with store.unit_of_work() as uow:
        aside = apply_changes(uow, DecodedChanges(guests=[HELPDESK_GUEST]), "c-1")
    assert aside == 1
    with store.unit_of_work() as uow:
        assert uow.guests.by_card(CARD) == HELPDESK_GUEST
        assert uow.guests.by_id(walk_in.id) is None
        incident = uow.incidents.by_id(incident_id)
        assert incident is not None and incident.guest_id == HELPDESK_GUEST.id
        assert list(uow.outbox.pending_for(walk_in.id)) == []  # its create would be refused
        rows = uow.outbox.pending_for(incident_id)
        assert rows[0].kind is OutboxKind.INCIDENT_CREATE
        assert rows[-1].payload == {  # behind the create: it may be on its way already
            "changes": {"guest_id": HELPDESK_GUEST.id},
            "base": {"guest_id": walk_in.id},
        }
        (item,) = uow.set_aside.open_items()
        assert uow.sync_state.get("cursor") == "c-1"
    assert (item.kind, item.local_id, item.repointed) == (SetAsideKind.CARD_TAKEN, walk_in.id, 1)
    assert "Mateo" in item.data  # the walk-in's record is kept for the review


def test_the_same_guest_coming_back_is_no_clash(store, clock) -> None:
    with store.unit_of_work() as uow:
        apply_changes(uow, DecodedChanges(guests=[HELPDESK_GUEST]))
        apply_changes(uow, DecodedChanges(guests=[replace(HELPDESK_GUEST, name="M. García")]))
    with store.unit_of_work() as uow:
        assert uow.set_aside.count_open() == 0
        guest = uow.guests.by_card(CARD)
    assert guest is not None and guest.name == "M. García"


def test_a_store_refusal_sets_one_item_aside_and_applies_the_rest(store, clock) -> None:
    """Two helpdesk guests with one card in one page (a card moved between them): the
    second cannot be stored beside the first; it waits aside, the others apply."""
    other = Guest("hd-guest-2", CARD, "Someone Else", Tier.VIP)
    third = Guest("hd-guest-3", "9000000000888", "Third", Tier.VIP)
    with store.unit_of_work() as uow:
        aside = apply_changes(uow, DecodedChanges(guests=[HELPDESK_GUEST, other, third]), "c-9")
    assert aside >= 1
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("hd-guest-3") is not None
        assert uow.sync_state.get("cursor") == "c-9"
        assert uow.set_aside.count_open() >= 1
