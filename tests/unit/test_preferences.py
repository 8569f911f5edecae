"""Editing the preference card: own host only, free-text checks, audit + outbox together."""
# ruff: noqa: F811 (pytest fixtures imported from tests.unit.host_desk_fixtures)

import pytest

from app.services.errors import PermissionDenied
from app.services.preferences import PreferenceEdit, PreferencesService
from app.services.validation import CardNumberRefused
from tests.unit.host_desk_fixtures import DESK, HOST, OTHER_HOST, clock, store  # noqa: F401


def _rows(store, guest_id):
    with store.unit_of_work() as uow:
        return (
            uow.guests.by_id(guest_id),
            list(uow.outbox.pending_for(guest_id)),
            [(e.action, e.detail) for e in uow.audit.recent(10)],
        )


def test_own_host_edits_and_the_change_is_queued_and_audited(store, clock) -> None:
    service = PreferencesService(store, clock)
    service.update(HOST, "g-1", PreferenceEdit(drinks=(" green tea ", "", "sake")))
    guest, outbox, audit = _rows(store, "g-1")
    assert guest.preferences.drinks == ("green tea", "sake")
    assert [(r.kind.value, r.payload) for r in outbox] == [
        (
            "guest.patch",
            {
                "changes": {"preferences": {"drinks": ["green tea", "sake"]}},
                "base": {"preferences": {"drinks": ["tea"]}},  # so a refused edit can be undone
            },
        )
    ]
    assert ("guest.edit_preferences", "drinks") in audit


@pytest.mark.parametrize("actor", [OTHER_HOST, DESK])
def test_others_may_not_edit(store, clock, actor) -> None:
    with pytest.raises(PermissionDenied):
        PreferencesService(store, clock).update(actor, "g-1", PreferenceEdit(meals=("x",)))
    guest, outbox, audit = _rows(store, "g-1")
    assert guest.preferences.meals == () and outbox == []
    assert audit[0][0] == "permission.denied"


def test_a_card_number_in_free_text_is_refused_and_nothing_stored(store, clock) -> None:
    with pytest.raises(CardNumberRefused):
        PreferencesService(store, clock).update(
            HOST, "g-1", PreferenceEdit(communication=("pay with 4111 1111 1111 1111",))
        )
    guest, outbox, _ = _rows(store, "g-1")
    assert guest.preferences.communication == () and outbox == []
