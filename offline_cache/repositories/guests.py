"""Guests: lookups by card, phone, host; type-ahead search; bulk save."""

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, delete, func, select, text

from app.domain import Guest
from app.ports import PreparedGuests
from offline_cache import schema, search_index
from offline_cache.rows import RowMapper, chunks, upsert
from offline_cache.search_text import digits_of, fold, index_text, name_match_query

_mapper = RowMapper(Guest, repeated=("languages", "preferred_channels", "quiet", "itinerary"))
_t = schema.guests
_DERIVED = ("phone_digits", "phone_digits_reversed", "search_text")
_MIN_PHONE_DIGITS = 4
# A national number typed with its trunk "0" still matches the E.164 suffix.
_MIN_CALLER_ID_SUFFIX = 8
_CANDIDATES_PER_RESULT = 10


def _to_row(guest: Guest) -> dict[str, Any]:
    return dict(zip(_ROW_KEYS, _row_values(guest), strict=True))


def _row_values(guest: Guest) -> list[Any]:
    """The guest's columns in ``_ROW_KEYS`` order: its fields, then the derived ones."""
    values = _mapper.values(guest)
    digits = digits_of(guest.phone)
    values += (digits, digits[::-1], index_text(guest.name, guest.quiet.alias or ""))
    return values


@dataclass(frozen=True, slots=True)
class GuestRows:
    """``PreparedGuests``: each guest's row in ``_ROW_KEYS`` order."""

    guests: Sequence[Guest]
    rows: list[list[Any]]


def prepare_guests(guests: Sequence[Guest]) -> GuestRows:
    return GuestRows(guests, [_row_values(guest) for guest in guests])


def _from_row(row: Mapping[Any, Any]) -> Guest:
    return _mapper.from_row(row)


_GUEST_COLUMNS = [_t.c[name] for name in _mapper.field_names]
_ROW_KEYS = (*_mapper.field_names, *_DERIVED)
_UPSERT = upsert(_t, "id", _ROW_KEYS)
# What GuestSummary is made of (app/services/guests.py ``_summary``): name, tier, card,
# host, room, the quiet visit and responsible gaming.
_STAMP_NAMES = ("id", "name", "tier", "card_number", "host_id", "room", "quiet", "rg")
_STAMP_COLUMNS = [_t.c[name] for name in _STAMP_NAMES]


@functools.cache
def _compiled_upsert(dialect: Dialect) -> tuple[str, Callable[[list[Any]], tuple[Any, ...]]]:
    compiled = _UPSERT.compile(dialect=dialect, column_keys=list(_ROW_KEYS))
    if compiled.positiontup is None:
        raise RuntimeError("expected a positional paramstyle for SQLite")
    # The statement's parameters in table order, taken from a row in ``_ROW_KEYS`` order.
    order = itemgetter(*(_ROW_KEYS.index(key) for key in compiled.positiontup))
    return str(compiled), order


@functools.cache
def _card_holders_sql(count: int) -> str:
    marks = ",".join("?" * count)
    return f"SELECT card_number, id FROM guests WHERE card_number IN ({marks})"


_NAME_MATCHES = text(
    "SELECT guests.pk, guests.name FROM guest_search"
    " JOIN guests ON guests.pk = guest_search.rowid"
    " WHERE guest_search MATCH :query LIMIT :limit"
)


class SqliteGuestRepository:
    def __init__(self, connection: Connection) -> None:
        self._conn = connection

    def by_id(self, guest_id: str) -> Guest | None:
        return self._one(_t.c.id == guest_id)

    def by_ids(self, guest_ids: Iterable[str]) -> dict[str, Guest]:
        """The guests of ``guest_ids`` found here, by id: one query per 500."""
        found: dict[str, Guest] = {}
        for chunk in chunks(list(guest_ids)):
            for guest in self._many(select(*_GUEST_COLUMNS).where(_t.c.id.in_(chunk))):
                found[guest.id] = guest
        return found

    def by_card(self, card_number: str) -> Guest | None:
        return self._one(_t.c.card_number == card_number.strip())

    def by_phone(self, phone: str) -> Sequence[Guest]:
        """Caller-id lookup: the same digits, or a national number matching the end."""
        digits = digits_of(phone)
        if not digits:
            return []
        found = self._many(select(*_GUEST_COLUMNS).where(_t.c.phone_digits == digits))
        national = digits.lstrip("0")
        if not found and len(national) >= _MIN_CALLER_ID_SUFFIX:
            found = self._ends_with_digits(national, limit=20)
        return found

    def by_host(self, host_id: str) -> Sequence[Guest]:
        return self._many(
            select(*_GUEST_COLUMNS).where(_t.c.host_id == host_id).order_by(_t.c.name)
        )

    def summary_stamps(self, host_id: str) -> dict[str, tuple[object, ...]]:
        query = select(*_STAMP_COLUMNS).where(_t.c.host_id == host_id)
        return {row[0]: tuple(row) for row in self._conn.execute(query)}

    def summary_guest(self, stamp: tuple[object, ...]) -> Guest:
        return _mapper.from_some(_STAMP_NAMES, stamp)

    def save(self, guest: Guest) -> None:
        self._conn.execute(_UPSERT, _to_row(guest))

    def save_many(self, guests: Iterable[Guest] | PreparedGuests) -> None:
        """Insert or update many guests in one statement batch (demo data, sync)."""
        sql, order = _compiled_upsert(self._conn.dialect)
        if isinstance(guests, GuestRows):
            rows = [order(values) for values in guests.rows]
        else:
            rows = [order(_row_values(guest)) for guest in _guests_of(guests)]
        if not rows:
            return
        # Straight to the driver's executemany: SQLAlchemy's per-row parameter
        # handling would cost as much as SQLite itself on 100,000 guests.
        self._conn.exec_driver_sql(sql, rows)

    def pause_search_index(self) -> None:
        search_index.pause(self._conn)

    def resume_search_index(self) -> None:
        search_index.resume(self._conn)

    def count(self) -> int:
        return int(self._conn.execute(select(func.count()).select_from(_t)).scalar_one())

    def card_holders(self, card_numbers: Sequence[str]) -> dict[str, str]:
        """Who holds each of these cards here. Plain SQL: SQLAlchemy rendering 500
        bound parameters cost more than SQLite's lookups (a page of 1,000 guests)."""
        holders: dict[str, str] = {}
        for chunk in chunks(list(card_numbers)):
            rows = self._conn.exec_driver_sql(_card_holders_sql(len(chunk)), tuple(chunk))
            holders.update({card: guest_id for card, guest_id in rows})
        return holders

    def delete(self, guest_id: str) -> None:
        self._conn.execute(delete(_t).where(_t.c.id == guest_id))

    def search(self, text: str, limit: int = 20) -> Sequence[Guest]:
        """Exact card, then exact phone, then room, then phone ending, then names."""
        text = text.strip()
        if not text or limit <= 0:
            return []
        results: dict[str, Guest] = {}

        def add(guests: Iterable[Guest]) -> None:
            for guest in guests:
                if len(results) < limit:
                    results.setdefault(guest.id, guest)

        digits = digits_of(text)
        looks_numeric = bool(digits) and len(digits) * 2 >= len(text.replace(" ", ""))
        if looks_numeric:
            card_holder = self.by_card(text.replace(" ", ""))
            add([card_holder] if card_holder else [])
            add(self._many(select(*_GUEST_COLUMNS).where(_t.c.phone_digits == digits)))
        add(self._many(select(*_GUEST_COLUMNS).where(_t.c.room == text).limit(limit)))
        if looks_numeric and len(digits) >= _MIN_PHONE_DIGITS:
            add(self._ends_with_digits(digits.lstrip("0") or digits, limit))
        if len(results) < limit:
            add(self._by_name(text, limit))
        return list(results.values())

    def _by_name(self, text: str, limit: int) -> list[Guest]:
        query = name_match_query(text)
        if query is None:
            return []
        # Take more candidates than needed and rank their names in Python:
        # ranking every match with bm25 costs too much for one-letter prefixes
        # on 100k guests. Only the chosen few are loaded in full.
        candidates: list[tuple[int, str]] = [
            (pk, name)
            for pk, name in self._conn.execute(
                _NAME_MATCHES, {"query": query, "limit": limit * _CANDIDATES_PER_RESULT}
            )
        ]
        typed = fold(text)
        candidates.sort(key=lambda candidate: _name_rank(fold(candidate[1]), typed))
        chosen = [pk for pk, _name in candidates[:limit]]
        by_pk = {
            row["pk"]: _from_row(row)
            for row in self._conn.execute(
                select(_t.c.pk, *_GUEST_COLUMNS).where(_t.c.pk.in_(chosen))
            ).mappings()
        }
        return [by_pk[pk] for pk in chosen if pk in by_pk]

    def _ends_with_digits(self, digits: str, limit: int) -> list[Guest]:
        reversed_digits = digits[::-1]
        # Range scan on the reversed digits: "starts with" there is "ends with" here.
        return self._many(
            select(*_GUEST_COLUMNS)
            .where(
                _t.c.phone_digits_reversed >= reversed_digits,
                _t.c.phone_digits_reversed < reversed_digits + ":",  # ":" follows "9"
            )
            .limit(limit)
        )

    def _one(self, condition: Any) -> Guest | None:
        row = self._conn.execute(select(*_GUEST_COLUMNS).where(condition)).mappings().first()
        return None if row is None else _from_row(row)

    def _many(self, query: Any) -> list[Guest]:
        return [_from_row(row) for row in self._conn.execute(query).mappings()]


def _guests_of(guests: Iterable[Guest] | PreparedGuests) -> Iterable[Guest]:
    """The guests of another store's preparation (the port allows it), or the guests."""
    return guests if isinstance(guests, Iterable) else guests.guests


def _name_rank(name: str, typed: str) -> tuple[int, int, str]:
    if name == typed:
        closeness = 0
    elif name.startswith(typed):
        closeness = 1
    else:
        closeness = 2
    return (closeness, len(name), name)
