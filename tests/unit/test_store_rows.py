"""offline_cache.rows: a column's JSON text is the codec's, whoever writes it."""

from dataclasses import fields, replace
from decimal import Decimal

from app.domain import Guest, Incident
from app.domain.guest import PersonalLimits, ResponsibleGambling
from app.sync.decode import DecodedChanges
from app.wire import codec
from offline_cache import SqliteStore
from offline_cache.repositories.guests import prepare_guests
from offline_cache.rows import RowMapper
from tests.unit.store_fixtures import full_guest, full_incident, store

__all__ = ["store"]


def codec_row(obj: object) -> dict[str, object]:
    row = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        encoded = codec.encode(value)
        row[f.name] = codec.dumps(encoded) if isinstance(encoded, dict | list) else encoded
    return row


def test_a_guests_columns_are_the_codecs_text() -> None:
    odd_amounts = ResponsibleGambling(limits=PersonalLimits(90, Decimal("1E+3")))
    for guest in (full_guest(), replace(full_guest(), rg=odd_amounts, credit_line=Decimal("-0"))):
        mapper = RowMapper(Guest, repeated=("languages", "preferred_channels", "quiet"))
        assert mapper.to_row(guest) == codec_row(guest)
        assert mapper.values(guest) == list(codec_row(guest).values())


def test_times_keep_the_codecs_text() -> None:
    incident = full_incident("i-1")
    mapper = RowMapper(Incident)
    assert mapper.to_row(incident) == codec_row(incident)


def test_guests_prepared_ahead_are_saved_as_the_guests_are(store: SqliteStore) -> None:
    guests = [full_guest("g-1", "600100200301"), full_guest("g-2", "600100200302")]
    prepared = store.prepare_guests(guests)
    with store.unit_of_work() as uow:
        uow.guests.save_many(prepared)
    with store.unit_of_work() as uow:
        assert [uow.guests.by_id(g.id) for g in guests] == guests
        assert [g.id for g in uow.guests.search("Zoë")] == ["g-1", "g-2"]


def test_changes_save_their_prepared_guests_only_while_they_are_the_same() -> None:
    changes = DecodedChanges(guests=[full_guest("g-1")])
    changes.prepared_guests = prepare_guests(changes.guests)
    assert changes.guests_to_save() is changes.prepared_guests
    changes.guests = [full_guest("g-2")]
    assert changes.guests_to_save() is changes.guests
