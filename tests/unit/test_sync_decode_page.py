"""A change page read through its typed frame (each guest straight from its text)
decodes to what the general reading makes of it, and refuses what it refuses."""

import json
from typing import Any

import pytest

from app.sync.decode import _parse_page_generally, parse_page
from app.wire.contract import MalformedResponse, guest_body
from tests.unit.store_fixtures import full_guest, guest_with


def _page(items: list[Any], cursor: Any = "c-1", end: Any = False) -> bytes:
    return json.dumps({"items": items, "next_cursor": cursor, "end_of_stream": end}).encode()


def _item(seq: Any, data: Any, kind: Any = "guest", op: Any = "upsert") -> dict[str, Any]:
    return {"seq": seq, "type": kind, "op": op, "data": data}


def _guest(n: int, **fields: Any) -> dict[str, Any]:
    body = guest_body(full_guest(guest_id=f"g-{n}", card_number=f"{600 + n}"))
    return {**body, "itinerary": [], **fields}


PAGE = [
    _item(1, _guest(1)),
    _item(2, _guest(2, credit_line=250000)),  # a number: the codec refuses it
    _item(3, guest_body(full_guest(guest_id="g-3", card_number="603"))),  # an itinerary
    _item(4, _guest(4, room="card 4111 1111 1111 1111")),  # a card number, scrubbed
    _item(5, {"sha256": "ab" * 32, "incident_id": "i-1"}, kind="attachment"),
    _item(6, {"anything": 1}, kind="newer-kind"),
    _item(7, _guest(7), op="delete"),
    _item(8, guest_with(("tier",), "diamond")),
    _item(9, _guest(9, preferences=None)),
]


def _as_compared(body: bytes) -> tuple[Any, ...]:
    page = parse_page(body)
    changes = page.changes
    rejected = [(r.item_type, r.entity_id, r.reason, r.data, r.seq) for r in changes.rejected]
    return (
        changes.guests,
        [str(g.credit_line) for g in changes.guests],
        changes.attachments,
        rejected,
        changes.last_seq,
        changes.skipped,
        page.next_cursor,
        page.end_of_stream,
    )


@pytest.mark.allow_error_log  # the records set aside are logged
def test_a_page_decodes_as_the_general_reading_decodes_it(monkeypatch: Any) -> None:
    body = _page(PAGE, end=True)
    typed = _as_compared(body)
    monkeypatch.setattr("app.sync.decode._parse_page", _parse_page_generally)
    assert typed == _as_compared(body)
    guests, _, attachments, rejected, last_seq, skipped, cursor, end = typed
    assert [g.id for g in guests] == ["g-1", "g-3", "g-4"]
    assert "4111" not in guests[2].room
    assert [r[2].split(":")[0] for r in rejected] != [] and len(rejected) == 3
    assert attachments == [("i-1", "ab" * 32)]
    assert (last_seq, skipped, cursor, end) == (9, 2, "c-1", True)


BROKEN = [
    _page([_item(-1, _guest(1))]),
    _page([_item(True, _guest(1))]),
    _page([_item(1.5, _guest(1))]),
    _page([_item(1, _guest(1), kind=3)]),
    _page([{"seq": 1, "type": "guest", "op": "upsert"}, "not an object"]),
    _page([_item(1, _guest(1))], cursor=""),
    _page([_item(1, _guest(1))], cursor=None),
    _page([_item(1, _guest(1))], end="no"),
    _page({"not": "a list"}),  # type: ignore[arg-type]
    b'{"items": [], "next_cursor": "c",',
    b"[1, 2]",
]


@pytest.mark.allow_error_log
@pytest.mark.parametrize("body", BROKEN)
def test_a_broken_frame_is_refused_as_the_general_reading_refuses_it(
    body: bytes, monkeypatch: Any
) -> None:
    with pytest.raises(MalformedResponse) as typed:
        parse_page(body)
    monkeypatch.setattr("app.sync.decode._parse_page", _parse_page_generally)
    with pytest.raises(MalformedResponse) as general:
        parse_page(body)
    assert str(typed.value) == str(general.value)
