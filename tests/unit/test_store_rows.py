"""offline_cache.rows: a column's JSON text is the codec's, whoever writes it."""

from dataclasses import fields, replace
from decimal import Decimal

from app.domain import Guest, Incident
from app.domain.guest import PersonalLimits, ResponsibleGambling
from app.wire import codec
from offline_cache.rows import RowMapper
from tests.unit.store_fixtures import full_guest, full_incident


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
