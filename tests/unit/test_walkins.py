"""Walk-in registration: permission, host choice, card rules, guest + outbox + audit together."""
# ruff: noqa: F811 (pytest fixtures imported from tests.unit.host_desk_fixtures)

import pytest

from app.domain import Tier
from app.services.errors import PermissionDenied
from app.services.validation import CardNumberRefused, InvalidText
from app.services.walkins import WalkInDraft, WalkInRefused, WalkInService
from app.swipe import PaymentCardSwiped, is_loyalty_card_number
from tests.unit.host_desk_fixtures import CONCIERGE, DESK, PIT_BOSS, clock, store  # noqa: F401


def test_registers_with_the_host_with_fewest_guests(store, clock) -> None:
    guest = WalkInService(store, clock).register(DESK, WalkInDraft("Dana", "+61 400 000 001"))
    with store.unit_of_work() as uow:
        stored = uow.guests.by_id(guest.id)
        rows = list(uow.outbox.pending_for(guest.id))
        audit = [e.action for e in uow.audit.recent(5)]
    assert stored.host_id == "H002" and stored.tier is Tier.VIP  # H002 has one guest, H001 two
    assert stored.phone == "+61400000001"
    assert is_loyalty_card_number(stored.card_number)  # a new card is issued
    assert [r.kind.value for r in rows] == ["guest.create"]
    assert rows[0].payload["id"] == guest.id and rows[0].payload["name"] == "Dana"
    assert "walkin.register" in audit


def test_chosen_host_and_card(store, clock) -> None:
    draft = WalkInDraft("Eli", card_number="9000000000099", tier=Tier.VVIP, host_id="H001")
    guest = WalkInService(store, clock).register(DESK, draft)
    assert guest.host_id == "H001" and guest.card_number == "9000000000099"


@pytest.mark.parametrize(
    ("draft", "error"),
    [
        (WalkInDraft(""), InvalidText),
        (WalkInDraft("Fay", phone="0400"), InvalidText),
        (WalkInDraft("Fay", card_number="4111111111111111"), PaymentCardSwiped),
        (WalkInDraft("Fay 4111 1111 1111 1111"), CardNumberRefused),
        (WalkInDraft("Fay", card_number="9000000000001"), WalkInRefused),  # taken
        (WalkInDraft("Fay", host_id="D001"), WalkInRefused),  # not a host
    ],
)
def test_refusals_store_nothing(store, clock, draft, error) -> None:
    with pytest.raises(error):
        WalkInService(store, clock).register(DESK, draft)
    with store.unit_of_work() as uow:
        assert uow.guests.count() == 3
        assert uow.outbox.counts() == (0, 0)


@pytest.mark.parametrize("actor", [CONCIERGE, PIT_BOSS])
def test_only_desk_and_hosts_register(store, clock, actor) -> None:
    with pytest.raises(PermissionDenied):
        WalkInService(store, clock).register(actor, WalkInDraft("Gus"))
