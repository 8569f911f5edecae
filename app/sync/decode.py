"""Checking what the change feed sends and turning it into domain objects.

Decoding happens before any unit of work. A page whose frame is wrong (not JSON, no
cursor, an item without a sequence) is refused whole: nothing applied, the cursor
unmoved, the page asked for again (a proxy's garbage, a truncated answer). An item
whose record breaks the contract is set aside (``SetAsideKind.MALFORMED``, card
numbers removed) and the rest of the page goes on: one bad record never stalls
the feed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec

from app.domain import GamingTable, Guest, Incident, IncidentEvent, Staff
from app.gc_rest import cyclic_gc_paused
from app.ports import PreparedGuests
from app.security.card_numbers import redact_card_numbers
from app.sync.scrub import scrub_event, scrub_guest, scrub_incident
from app.sync.set_aside import NewSetAside, SetAsideKind
from app.wire import fast_json
from app.wire.contract import MalformedResponse, decode_event, decode_incident, decode_record
from app.wire.guest_decode import decode_guest, decode_guest_json

log = logging.getLogger(__name__)

MAX_KEPT_CHARS = 20_000  # of a malformed item's text, kept for the review


@dataclass
class DecodedChanges:
    """One page (or a few live items), checked and turned into domain objects."""

    guests: list[Guest] = field(default_factory=list)
    staff: list[Staff] = field(default_factory=list)
    tables: list[GamingTable] = field(default_factory=list)
    incidents: dict[str, Incident] = field(default_factory=dict)  # newest version per id
    events: list[IncidentEvent] = field(default_factory=list)
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (incident id, sha256)
    rejected: list[NewSetAside] = field(default_factory=list)  # malformed items
    last_seq: int | None = None
    skipped: int = 0
    held: list[tuple[str, str]] = field(default_factory=list)  # (type, id) not decoded
    prepared_guests: PreparedGuests | None = None  # ``guests`` made into rows ahead

    def guests_to_save(self) -> Sequence[Guest] | PreparedGuests:
        """The guests, as prepared if they still are what was prepared."""
        prepared = self.prepared_guests
        if prepared is not None and prepared.guests is self.guests:
            return prepared
        return self.guests

    def release(self) -> None:
        """Let go of the records once applied, on the thread that applied them: freeing
        a transaction's 4,000 guests and their rows is ~30 ms the event loop's thread
        (the GUI's) would otherwise spend when it drops the pages."""
        self.guests, self.prepared_guests = [], None
        self.staff, self.tables, self.events, self.attachments = [], [], [], []
        self.incidents = {}

    @property
    def count(self) -> int:
        return (
            len(self.guests)
            + len(self.staff)
            + len(self.tables)
            + len(self.incidents)
            + len(self.events)
            + len(self.attachments)
        )


@dataclass(frozen=True, slots=True)
class Page:
    changes: DecodedChanges
    next_cursor: str
    end_of_stream: bool


def parse_page(body: bytes) -> Page:
    """A ``GET /v1/changes`` body, checked; raises ``MalformedResponse``."""
    with cyclic_gc_paused():
        return _parse_page(body)


class _Item(msgspec.Struct):
    """A change item's frame; its record left as JSON text until it is decoded."""

    seq: int
    type: str
    op: str
    data: msgspec.Raw


class _Frame(msgspec.Struct):
    items: list[_Item]
    next_cursor: str
    end_of_stream: bool


_FRAME = msgspec.json.Decoder(_Frame)


@dataclass(frozen=True, slots=True)
class _RawRecord:
    """A record still as its JSON text (a page's item), parsed where it is decoded."""

    text: msgspec.Raw

    def parsed(self) -> Any:
        return fast_json.loads(bytes(self.text))


def _parse_page(body: bytes) -> Page:
    """The page's frame read in one pass, each record decoded from its own text (a
    guest straight into ``Guest``); a frame that does not fit that shape (an error
    to report, or JSON msgspec refuses) is read the general way below."""
    try:
        frame = _FRAME.decode(body)
    except msgspec.MsgspecError:
        return _parse_page_generally(body)
    if not frame.next_cursor:
        raise MalformedResponse("changes page: next_cursor must be a non-empty string")
    records = ((i.seq, i.type, i.op, _RawRecord(i.data)) for i in frame.items)
    return Page(_decode_framed(records), frame.next_cursor, frame.end_of_stream)


def _parse_page_generally(body: bytes) -> Page:
    try:
        data = fast_json.loads_items_apart(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedResponse(f"changes page is not JSON: {error}") from error
    if not isinstance(data, dict):
        raise MalformedResponse("changes page: expected an object")
    items, cursor, end = data.get("items"), data.get("next_cursor"), data.get("end_of_stream")
    if not isinstance(items, list):
        raise MalformedResponse("changes page: items must be a list")
    if not isinstance(cursor, str) or not cursor:
        raise MalformedResponse("changes page: next_cursor must be a non-empty string")
    if not isinstance(end, bool):
        raise MalformedResponse("changes page: end_of_stream must be true or false")
    return Page(decode_items(items), cursor, end)


def decode_items(
    items: Iterable[Any],
    into: DecodedChanges | None = None,
    held: Callable[[str, Any], bool] | None = None,
) -> DecodedChanges:
    """Check and decode change items (into ``into``, to gather live items).

    Raises ``MalformedResponse`` for an item whose frame is wrong; an item whose
    record is wrong goes to ``rejected``. ``held(type, data)``: the store holds that
    record already (app/sync/echoes.py); its frame is checked, its record not decoded."""
    return _decode_framed((_frame_of(item) for item in items), into, held)


def _frame_of(item: Any) -> tuple[Any, Any, Any, Any]:
    if not isinstance(item, dict):
        raise MalformedResponse("change item: expected an object")
    return item.get("seq"), item.get("type"), item.get("op"), item.get("data")


def _decode_framed(
    items: Iterable[tuple[Any, Any, Any, Any]],
    into: DecodedChanges | None = None,
    held: Callable[[str, Any], bool] | None = None,
) -> DecodedChanges:
    """``decode_items`` of each item's (seq, type, op, data); ``data`` a parsed record
    or a ``_RawRecord``."""
    decoded = into if into is not None else DecodedChanges()
    for seq, kind, op, data in items:
        if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise MalformedResponse(f"change item: bad seq {seq!r:.40}")
        if not isinstance(kind, str) or not isinstance(op, str):
            raise MalformedResponse("change item: type and op must be strings")
        if decoded.last_seq is None or seq > decoded.last_seq:
            decoded.last_seq = seq
        if op != "upsert":
            decoded.skipped += 1  # an op this console does not know: newer helpdesk
            log.warning("skipping change %s: unknown op %r for %s", seq, op[:20], kind[:20])
            continue
        if held is not None and held(kind, data):  # ``data`` is a dict with a text id
            decoded.held.append((kind, str(data["id"])))
            continue
        try:
            _decode_item(decoded, kind, data, seq)
        except MalformedResponse as error:
            log.error("change %s (%s) set aside: %s", seq, kind[:20], error)
            kept = data.parsed() if isinstance(data, _RawRecord) else data
            decoded.rejected.append(malformed(kind, kept, seq, str(error)))
    return decoded


def malformed(kind: str, data: Any, seq: int | None, reason: str) -> NewSetAside:
    entity = (data.get("id") or data.get("sha256")) if isinstance(data, dict) else None
    try:
        text = json.dumps(data, ensure_ascii=False, default=str)
    except ValueError:
        text = repr(data)
    return NewSetAside(
        SetAsideKind.MALFORMED,
        kind[:40],
        entity[:80] if isinstance(entity, str) else "",
        redact_card_numbers(text[:MAX_KEPT_CHARS]),
        reason,
        seq=seq,
    )


def _decode_item(decoded: DecodedChanges, kind: str, data: Any, seq: int) -> None:
    if isinstance(data, _RawRecord):
        if kind == "guest":
            decoded.guests.append(scrub_guest(decode_guest_json(data.text)))
            return
        data = data.parsed()
    if kind == "incident":
        incident = scrub_incident(decode_incident(data).incident)
        known = decoded.incidents.get(incident.id)
        if known is None or (known.version or 0) <= (incident.version or 0):
            decoded.incidents[incident.id] = incident
    elif kind == "incident_event":
        decoded.events.append(scrub_event(decode_event(data)))
    elif kind == "attachment":
        if not isinstance(data, dict):
            raise MalformedResponse("attachment: expected an object")
        sha, owner = data.get("sha256"), data.get("incident_id")
        if not isinstance(sha, str) or not isinstance(owner, str):
            raise MalformedResponse("attachment: sha256 and incident_id must be strings")
        decoded.attachments.append((owner, sha))
    elif kind == "guest":
        decoded.guests.append(scrub_guest(decode_guest(data)))
    elif kind == "staff":
        decoded.staff.append(decode_record(Staff, data, kind))
    elif kind == "table":
        decoded.tables.append(decode_record(GamingTable, data, kind))
    else:
        decoded.skipped += 1
        log.warning("skipping change %s: unknown type %r", seq, kind[:20])
