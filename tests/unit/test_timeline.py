"""The guest timeline and "my guests": one stream, redacted per role, flags first."""
# ruff: noqa: F811 (pytest fixtures imported from tests.unit.host_desk_fixtures)

from decimal import Decimal

from app.domain import Category, Priority, Tier
from app.policy import load_policy
from app.recovery.matrix import load_matrix
from app.services.incidents import IncidentDraft, IncidentService
from app.services.recovery import RecoveryService
from app.services.timeline import TimelineKind, TimelineService
from tests.unit.host_desk_fixtures import (  # noqa: F401
    CONCIERGE,
    DESK,
    HOST,
    OTHER_HOST,
    clock,
    store,
)


def _setup(store, clock):
    policy = load_policy(None)
    incidents = IncidentService(store, clock, policy)
    incident = incidents.open(
        DESK,
        IncidentDraft(
            Priority.P2, Category.ROOM_OVERBOOKING, guest_id="g-1", amount=Decimal("500")
        ),
    )
    incidents.add_note(DESK, incident.id, "Guest waiting in the lounge")
    recovery = RecoveryService(store, clock, policy, load_matrix())
    offers = recovery.proposal(HOST, incident.id).offers
    recovery.promise(HOST, incident.id, offers)
    return incident


def test_one_stream_with_flags_first(store, clock) -> None:
    incident = _setup(store, clock)
    entries = TimelineService(store, clock).timeline(HOST, "g-1")
    assert entries[0].kind is TimelineKind.FLAG and entries[0].detail == "quiet_visit"
    kinds = [e.kind for e in entries[1:]]
    assert set(kinds) == {TimelineKind.INCIDENT, TimelineKind.NOTE, TimelineKind.COMPENSATION}
    assert all(e.incident_id == incident.id for e in entries[1:])
    times = [e.at for e in entries[1:]]
    assert times == sorted(times, reverse=True)
    # No helpdesk number yet: every entry of the incident says its number is provisional.
    assert {(e.reference, e.provisional) for e in entries[1:]} == {
        (incident.provisional_number, True)
    }


def test_amounts_hidden_from_the_concierge(store, clock) -> None:
    _setup(store, clock)
    host_view = TimelineService(store, clock).timeline(HOST, "g-1")
    concierge_view = TimelineService(store, clock).timeline(CONCIERGE, "g-1")
    comp = [e for e in concierge_view if e.kind is TimelineKind.COMPENSATION]
    assert comp and all(e.amount is None for e in comp)
    assert any(e.amount is not None for e in host_view if e.kind is TimelineKind.COMPENSATION)


def test_a_delivery_shows_what_was_handed_over_never_an_amount(store, clock) -> None:
    incident = _setup(store, clock)
    recovery = RecoveryService(store, clock, load_policy(None), load_matrix())
    (promise,) = recovery.promises(HOST, incident.id)
    recovery.deliver(HOST, incident.id, promise.event_id)
    host_view = TimelineService(store, clock).timeline(HOST, "g-1")
    (delivered,) = [e for e in host_view if e.kind is TimelineKind.DELIVERY]
    assert delivered.detail == "Immediate room upgrade, F&B credit"
    assert delivered.incident_id == incident.id
    assert delivered.amount is None
    # Like the promise's items, without its values (a feed may send the concierge less).
    concierge_view = TimelineService(store, clock).timeline(CONCIERGE, "g-1")
    seen = [(e.detail, e.amount) for e in concierge_view if e.kind is TimelineKind.DELIVERY]
    assert seen == [("Immediate room upgrade, F&B credit", None)]


def test_my_guests_with_open_incidents_first(store, clock) -> None:
    incident = _setup(store, clock)
    rows = TimelineService(store, clock).my_guests(HOST)
    assert [r.guest.id for r in rows] == ["g-1", "g-2"]
    assert [i.id for i in rows[0].open_incidents] == [incident.id]
    assert rows[0].guest.display_name == "Ada"  # own host sees the real name


def test_my_guests_read_again_shows_every_change_and_summarises_only_changed_guests(
    store, clock, monkeypatch
) -> None:
    """The summaries are kept between reads (a host may have thousands of guests):
    what changed in between is shown, and only those guests' summaries are made."""
    from dataclasses import replace

    from app.domain import Guest, QuietVisit
    from app.services import guest_summaries

    whole: list[str] = []
    summary = guest_summaries._summary

    def counting(actor, guest, today):
        whole.append(guest.id)
        return summary(actor, guest, today)

    monkeypatch.setattr(guest_summaries, "_summary", counting)
    timeline = TimelineService(store, clock)
    assert [r.guest.display_name for r in timeline.my_guests(HOST)] == ["Ada", "Bo"]
    assert sorted(whole) == ["g-1", "g-2"]
    whole.clear()
    assert [r.guest.display_name for r in timeline.my_guests(HOST)] == ["Ada", "Bo"]
    assert whole == []  # nothing changed: no summary made again
    with store.unit_of_work() as uow:
        bo = uow.guests.by_id("g-2")
        assert bo is not None
        uow.guests.save(replace(bo, quiet=QuietVisit(enabled=True, alias="Mr Grey")))
        uow.guests.save(Guest("g-4", "9000000000004", "Al", Tier.VIP, host_id="H001"))
        uow.guests.delete("g-1")
    rows = timeline.my_guests(HOST)
    assert [(r.guest.id, r.guest.quiet_visit) for r in rows] == [("g-4", False), ("g-2", True)]
    assert sorted(whole) == ["g-2", "g-4"]
    # Another actor (a host covering for H001) is not handed H001's own view.
    covering = replace(OTHER_HOST, covering_for=("H001",))
    assert {r.guest.id for r in timeline.my_guests(covering)} == {"g-2", "g-3", "g-4"}


def test_a_sign_out_drops_the_kept_summaries_even_of_a_read_under_way(store, clock) -> None:
    """Nothing of a host's guests stays in memory once they sign out, not even what a
    read begun before the sign-out finishes with."""
    from app.services.guest_summaries import GuestSummaries

    _setup(store, clock)
    timeline = TimelineService(store, clock)
    timeline.my_guests(HOST)
    kept = timeline._summaries
    assert kept._kept
    timeline.forget_summaries()
    assert kept._kept == {} and kept._key is None

    class SignedOutMidRead(GuestSummaries):
        def of_my_guests(self, uow, actor, today):  # type: ignore[no-untyped-def]
            self_forget = super().forget
            stamps = uow.guests.summary_stamps

            def stamps_then_sign_out(host_id):  # type: ignore[no-untyped-def]
                found = stamps(host_id)
                self_forget()  # the sign-out lands while the read is under way
                return found

            uow.guests.summary_stamps = stamps_then_sign_out
            return super().of_my_guests(uow, actor, today)

    timeline._summaries = SignedOutMidRead()
    assert [r.guest.id for r in timeline.my_guests(HOST)] == ["g-1", "g-2"]
    assert timeline._summaries._kept == {}
