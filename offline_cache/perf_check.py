"""Measure the store on a demo-sized property: ``python -m offline_cache.perf_check [DIR]``.

Not a test (timings vary by machine); prints figures to compare against the
targets: card lookup well under 1 ms, search p99 <= 30 ms on 100,000 guests,
open of an up-to-date store < 150 ms.
"""

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.demo.generator import make_guests
from app.domain import Category, Channel, EventKind, Incident, IncidentEvent, Priority
from offline_cache.store import SqliteStore, open_store

GUESTS = 100_000
BATCH = 5_000
OPEN_INCIDENTS = 1_000

SEARCHES = [
    "Z", "Zo", "Zoe", "Oli", "Smi", "Nguyen", "o'brien", "Amelie Mor", "Da Sil",
    "И", "Ив", "Ива", "Иван П", "Соловьев", "王", "小明", "王小", "李秀", "山田", "김민", "Mr Bl",
]  # fmt: skip


def _timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _report(label: str, samples_ms: list[float]) -> None:
    ordered = sorted(samples_ms)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))]
    print(
        f"{label:<38} n={len(ordered):>5}  p50={statistics.median(ordered):7.3f} ms  "
        f"p99={p99:7.3f} ms  max={ordered[-1]:7.3f} ms"
    )


def _fill(store: SqliteStore) -> list[str]:
    code_word_hash = "scrypt$" + "f" * 32 + "$" + "0" * 64  # a realistic length
    today = datetime.now(UTC).date()
    guests = list(make_guests(GUESTS, 7, ["H001", "H002", "H003"], today, code_word_hash))
    started = time.perf_counter()
    for start in range(0, len(guests), BATCH):
        with store.unit_of_work() as uow:
            uow.guests.save_many(guests[start : start + BATCH])
    print(f"bulk insert of {GUESTS} guests: {time.perf_counter() - started:.2f} s")
    return [guest.card_number for guest in guests]


def _incidents(store: SqliteStore) -> None:
    t0 = datetime(2026, 11, 27, tzinfo=UTC)
    incidents = []
    for n in range(OPEN_INCIDENTS):
        incident = Incident(
            id=f"inc-{n}",
            provisional_number=f"T-BENCH-{n:06d}",
            opened_at=t0 + timedelta(seconds=n),
            opened_by="PB01",
            priority=Priority.P2,
            category=Category.TABLE_DISPUTE,
            channel=Channel.ONSITE,
            summary="bench",
        )
        events = tuple(
            IncidentEvent(f"inc-{n}-e{k}", incident.id, t0, EventKind.NOTE, "PB01", "x")
            for k in range(5)
        )
        incidents.append(replace(incident, events=events))
    started = time.perf_counter()
    with store.unit_of_work() as uow:
        uow.incidents.save_many(incidents)
    print(f"save_many of {OPEN_INCIDENTS} incidents x 5 events: "
          f"{(time.perf_counter() - started) * 1000:.0f} ms")  # fmt: skip

    def load() -> None:
        with store.unit_of_work() as uow:
            assert len(uow.incidents.open_incidents()) == OPEN_INCIDENTS

    _report("open_incidents (1,000 with events)", _timed(load, 20))


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    store = open_store(data_dir)
    with store.unit_of_work() as uow:
        empty = uow.guests.count() == 0
    cards = _fill(store) if empty else []
    if cards:
        _incidents(store)
    else:
        with store.unit_of_work() as uow:
            cards = [g.card_number for g in uow.guests.search("a", 2000)]
    store.close()
    size_mb = (data_dir / "store.db").stat().st_size / 1e6
    print(f"store.db: {size_mb:.1f} MB")

    open_samples = []
    for _ in range(10):
        started = time.perf_counter()
        reopened = open_store(data_dir)
        open_samples.append((time.perf_counter() - started) * 1000)
        reopened.close()
    _report("open_store (up to date)", open_samples)

    store = open_store(data_dir)
    rng = random.Random(1)
    picks = [rng.choice(cards) for _ in range(2000)]
    with store.unit_of_work() as uow:
        found = iter(picks)
        _report(
            "by_card, inside one unit of work",
            _timed(lambda: uow.guests.by_card(next(found)), 2000),
        )

    def card_in_own_uow() -> None:
        with store.unit_of_work() as uow:
            uow.guests.by_card(rng.choice(cards))

    _report("by_card, own unit of work each", _timed(card_in_own_uow, 2000))

    with store.unit_of_work() as uow:
        sample = list(uow.guests.search("a", 200))
    queries = list(SEARCHES)
    queries += [g.phone[-4:] for g in sample[:40]]
    queries += [g.phone for g in sample[40:60]]
    queries += [g.room for g in sample[60:120] if g.room][:20]
    queries += [g.card_number for g in sample[120:140]]
    all_samples: list[float] = []
    for query in queries:

        def one_search(query: str = query) -> None:
            with store.unit_of_work() as uow:
                uow.guests.search(query, 20)

        samples = _timed(one_search, 20)
        all_samples += samples
        if query in SEARCHES:
            _report(f"search {query!r}", samples)
    _report(f"search, all {len(queries)} queries", all_samples)
    store.close()


if __name__ == "__main__":
    main()
