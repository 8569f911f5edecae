"""Card swipe and name search on 100,000 guests, through the real services.

Measures the core path (parse, permission, store, redaction, audit row) for a
card swipe, and type-ahead search by name prefixes in Latin, Cyrillic and CJK,
by phone digits and by room. The painted-card figure is in ``bench.ui_paint``.
"""

import random
import sys

from app.actor import Actor
from app.bootstrap import build_context
from app.demo.generator import loyalty_card_number
from app.domain import Role
from bench.common import Measure, Stopwatch, summary_ms, write_result
from bench.data import demo_store_dir

GUESTS = 100_000
RUNS = 400
QUERIES = (
    "Oli",
    "Sm",
    "Zoë",
    "Nguy",
    "Lef",
    "Иван",
    "Петр",
    "Ксе",
    "王",
    "李小",
    "山田",
    "김",
    "Mr B",
    "Ms S",
    "O'B",
    "Da S",
    "5678",
    "1203",
    "Gar",
    "Wil",
)


def sqlite_lookups(context: object, rng: random.Random) -> list[float]:
    """The same card lookups as one indexed SELECT on the store's own connection."""
    from sqlalchemy import text

    watch = Stopwatch()
    engine = context.store._engine  # type: ignore[attr-defined]  # the bench's floor
    with engine.connect() as connection:
        query = text("SELECT * FROM guests WHERE card_number = :card")
        for _ in range(RUNS):
            card = loyalty_card_number(rng.randint(1, GUESTS))
            with watch:
                connection.execute(query, {"card": card}).fetchall()
    return watch.samples


def main() -> int:
    data_dir = demo_store_dir(GUESTS)
    context = build_context(data_dir)
    actor = Actor("H001", Role.HOST, context.device_id)
    rng = random.Random(3)
    swipe, search = Stopwatch(), Stopwatch()
    try:
        for _ in range(20):  # warm the page cache and the statement cache
            context.guests.lookup_card(actor, loyalty_card_number(rng.randint(1, GUESTS)))
            context.guests.search(actor, rng.choice(QUERIES))
        for _ in range(RUNS):
            card = loyalty_card_number(rng.randint(1, GUESTS))
            with swipe:
                context.guests.lookup_card(actor, card + "\n")
        hits = 0
        for i in range(RUNS):
            with search:
                hits += len(context.guests.search(actor, QUERIES[i % len(QUERIES)]))
        sqlite_alone = sqlite_lookups(context, rng)
    finally:
        context.close()
    swipe_ms, sqlite_ms = summary_ms(swipe.samples), summary_ms(sqlite_alone)
    write_result(
        "guest_lookup",
        {
            "guests": GUESTS,
            "card_swipe_core": swipe_ms,
            "sqlite_card_lookup_alone": sqlite_ms,
            "name_search": summary_ms(search.samples),
            "search_mean_hits": round(hits / RUNS, 1),
        },
        [
            Measure(
                "card swipe through the core p99",
                swipe_ms["p99_ms"],
                "ms",
                limit=sqlite_ms["p99_ms"],
                limit_name="SQLite's own lookup by card",
            ),
            Measure("name search p99", summary_ms(search.samples)["p99_ms"], "ms", target=30.0),
        ],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
