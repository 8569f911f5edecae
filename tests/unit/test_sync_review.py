"""Giving up a refused change undoes its local effect where that is safe, and says what
stays otherwise; every act of the review is role-checked and audited."""
# ruff: noqa: F811 (pytest fixtures imported from tests.unit.host_desk_fixtures)

import pytest

from app.domain import Category, IncidentStatus, Priority
from app.policy import load_policy
from app.services.errors import PermissionDenied
from app.services.incidents import IncidentDraft, IncidentService
from app.services.preferences import PreferenceEdit, PreferencesService
from app.services.walkins import WalkInDraft, WalkInService
from app.sync.outbox import OutboxKind
from app.sync.review import ReviewItemGone, SyncReview
from tests.unit.host_desk_fixtures import CONCIERGE, DESK, HOST, PIT_BOSS, clock, store  # noqa: F401


def refuse(store, entity_id: str, kind: OutboxKind, clock) -> int:  # type: ignore[no-untyped-def]
    with store.unit_of_work() as uow:
        (row,) = [r for r in uow.outbox.pending_for(entity_id) if r.kind is kind]
        uow.outbox.mark_dead(row.seq, at=clock.now(), status=422, error="HTTP 422: refused")
        return row.seq


def opened(store, clock):  # type: ignore[no-untyped-def]
    service = IncidentService(store, clock, load_policy())
    draft = IncidentDraft(Priority.P2, Category.EQUIPMENT_DOWN, summary="Shoe jammed")
    incident = service.open(PIT_BOSS, draft)
    with store.unit_of_work() as uow:  # as if the helpdesk had it: its rows answered
        for row in uow.outbox.pending_for(incident.id):
            uow.outbox.complete(row.seq)
        uow.incidents.set_server_identity(incident.id, "VIP-1", 1)
    return service, incident


def test_a_refused_status_change_is_undone_here(store, clock) -> None:
    service, incident = opened(store, clock)
    service.change_status(PIT_BOSS, incident.id, IncidentStatus.IN_PROGRESS)
    seq = refuse(store, incident.id, OutboxKind.INCIDENT_PATCH, clock)
    review = SyncReview(store)
    assert review.discard_effect(PIT_BOSS, seq).key == "sync.discard.change_undone"
    review.discard(PIT_BOSS, seq, clock.now())
    with store.unit_of_work() as uow:
        back = uow.incidents.by_id(incident.id)
        assert uow.audit.recent(1)[0].action == "sync.discard"
    assert back is not None and back.status is IncidentStatus.NEW


def test_a_refused_note_stays_on_the_timeline_here_and_says_so(store, clock) -> None:
    service, incident = opened(store, clock)
    service.add_note(PIT_BOSS, incident.id, "Dealer swapped the shoe")
    seq = refuse(store, incident.id, OutboxKind.INCIDENT_EVENT, clock)
    effect = SyncReview(store).discard(PIT_BOSS, seq, clock.now()).effect
    assert effect.key == "sync.discard.entry_stays"
    with store.unit_of_work() as uow:
        events = uow.incidents.by_id(incident.id).events  # type: ignore[union-attr]
    assert "Dealer swapped the shoe" in [e.detail for e in events]  # append-only


def test_a_refused_walk_in_goes_unless_an_incident_names_them(store, clock) -> None:
    review = SyncReview(store)
    lone = WalkInService(store, clock).register(DESK, WalkInDraft("Lone"))
    named = WalkInService(store, clock).register(DESK, WalkInDraft("Named"))
    draft = IncidentDraft(Priority.P3, Category.EQUIPMENT_DOWN, guest_id=named.id)
    IncidentService(store, clock, load_policy()).open(PIT_BOSS, draft)
    lone_seq = refuse(store, lone.id, OutboxKind.GUEST_CREATE, clock)
    named_seq = refuse(store, named.id, OutboxKind.GUEST_CREATE, clock)
    assert review.discard(DESK, lone_seq, clock.now()).effect.key == "sync.discard.walk_in_removed"
    stays = review.discard(DESK, named_seq, clock.now()).effect
    assert (stays.key, stays.params) == ("sync.discard.walk_in_stays", {"count": 1})
    with store.unit_of_work() as uow:
        assert uow.guests.by_id(lone.id) is None
        assert uow.guests.by_id(named.id) is not None


def test_a_refused_preference_edit_is_undone_if_nobody_changed_it_since(store, clock) -> None:
    PreferencesService(store, clock).update(HOST, "g-1", PreferenceEdit(drinks=("coffee",)))
    seq = refuse(store, "g-1", OutboxKind.GUEST_PATCH, clock)
    SyncReview(store).discard(HOST, seq, clock.now())
    with store.unit_of_work() as uow:
        assert uow.guests.by_id("g-1").preferences.drinks == ("tea",)  # type: ignore[union-attr]


def test_a_concierge_may_look_and_retry_but_not_give_up(store, clock) -> None:
    service, incident = opened(store, clock)
    service.add_note(PIT_BOSS, incident.id, "Cage called")
    seq = refuse(store, incident.id, OutboxKind.INCIDENT_EVENT, clock)
    review = SyncReview(store)
    with pytest.raises(PermissionDenied):
        review.discard(CONCIERGE, seq, clock.now())
    assert review.discard_effect(CONCIERGE, seq).key == "sync.discard.entry_stays"
    review.retry(CONCIERGE, seq, clock.now())
    with store.unit_of_work() as uow:
        assert uow.outbox.counts() == (1, 0)
        assert uow.audit.recent(1)[0].action == "sync.retry"


def test_a_change_settled_meanwhile_is_said_so(store, clock) -> None:
    with pytest.raises(ReviewItemGone):
        SyncReview(store).discard(PIT_BOSS, 999, clock.now())
    with pytest.raises(ReviewItemGone):
        SyncReview(store).acknowledge(PIT_BOSS, 999, clock.now())
