"""app.wire.guest_decode: msgspec's guest is the codec's, and what the codec refuses
is refused the same way (the same field named)."""

import json
from typing import Any

import msgspec
import pytest

from app.domain import Guest
from app.wire.contract import MalformedResponse, decode_record, guest_body
from app.wire.guest_decode import decode_guest, decode_guest_json
from tests.unit.store_fixtures import full_guest, guest_with


def without(*names: str) -> dict[str, Any]:
    return {k: v for k, v in guest_body(full_guest()).items() if k not in names}


SAME = [
    guest_body(full_guest()),
    guest_with(("itinerary",), []),
    without("itinerary", "preferences", "quiet", "rg", "host_id", "phone"),
    guest_with(("table_limit",), " 1_000.50 "),
    guest_with(("credit_line",), "1e3"),
    guest_with(("rg", "limits", "bankroll_per_visit"), "-0"),
    guest_with(("extra",), {"anything": [1, 2]}),
    guest_with(("rg", "cooling_off_until"), "20261201"),  # msgspec refuses, the codec reads
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01T10:00:00+08:00"),
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01T10:00:00.123456Z"),
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01 10:00:00-03:30"),
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01T10:00:00.1234567+01:00"),
]

REFUSED = [
    guest_with(("tier",), "diamond"),
    guest_with(("name",), None),
    guest_with(("credit_line",), 250000),
    guest_with(("credit_line",), 2500.5),
    guest_with(("adt",), "NaN"),
    guest_with(("theo",), "Infinity"),
    guest_with(("preferences", "travel", "cash_limit"), 100),
    guest_with(("preferences", "travel", "cash_limit"), "sNaN"),
    guest_with(("rg", "limits", "bankroll_per_visit"), 5),
    guest_with(("rg", "limits", "time_per_day_minutes"), True),
    guest_with(("rg", "self_excluded"), 1),
    guest_with(("rg", "cooling_off_until"), "soon"),
    guest_with(("quiet",), None),
    guest_with(("preferred_channels", 0), "pigeon"),
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01T10:00:00"),
    guest_with(("itinerary", 0, "starts_at"), 1764583200),
    guest_with(("itinerary", 0, "starts_at"), "2026-12-01T25:00:00Z"),
    guest_with(("languages",), "en"),
    without("card_number"),
    ["a", "guest"],
]


@pytest.mark.parametrize("data", SAME)
def test_the_same_guest_as_the_codec(data: Any) -> None:
    guest, expected = decode_guest(data), decode_record(Guest, data, "guest")
    assert guest == expected
    # Equal times may differ in their zone: the itinerary's must be the codec's (UTC).
    assert [i.starts_at.tzinfo for i in guest.itinerary] == [
        i.starts_at.tzinfo for i in expected.itinerary
    ]


@pytest.mark.parametrize("data", REFUSED)
def test_refused_as_the_codec_refuses(data: Any) -> None:
    with pytest.raises(MalformedResponse) as expected:
        decode_record(Guest, data, "guest")
    with pytest.raises(MalformedResponse) as refused:
        decode_guest(data)
    assert str(refused.value) == str(expected.value)


def _no_itinerary(cases: list[Any]) -> list[Any]:
    """The cases again without an itinerary (a guest with one takes the path above):
    those that are about something else."""
    return [
        {**case, "itinerary": []}
        for case in cases
        if isinstance(case, dict) and case.get("itinerary") == guest_body(full_guest())["itinerary"]
    ]


def _amount_texts(guest: Guest) -> list[str]:
    amounts = [guest.credit_line, guest.table_limit, guest.adt, guest.theo]
    amounts += [guest.preferences.travel.cash_limit, guest.rg.limits.bankroll_per_visit]
    return [str(amount) for amount in amounts]


@pytest.mark.parametrize("data", SAME + _no_itinerary(SAME))
def test_from_its_json_text_the_same_guest_as_the_codec(data: Any) -> None:
    """``decode_guest_json``: straight from the text, what ``decode_guest`` makes of it,
    to the digits of each amount and the zone of each time."""
    guest, expected = (
        decode_guest_json(json.dumps(data).encode()),
        decode_record(Guest, data, "guest"),
    )
    assert guest == expected
    assert _amount_texts(guest) == _amount_texts(expected)
    assert [i.starts_at.tzinfo for i in guest.itinerary] == [
        i.starts_at.tzinfo for i in expected.itinerary
    ]


@pytest.mark.parametrize("data", REFUSED + _no_itinerary(REFUSED))
def test_from_its_json_text_refused_as_the_codec_refuses(data: Any) -> None:
    with pytest.raises(MalformedResponse) as expected:
        decode_record(Guest, data, "guest")
    with pytest.raises(MalformedResponse) as refused:
        decode_guest_json(msgspec.Raw(json.dumps(data).encode()))
    assert str(refused.value) == str(expected.value)
