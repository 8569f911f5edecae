"""Which of the board's columns a screen shows: by priority, the rest one tap away.

The board never scrolls sideways (a tablet is 1024 or 1280 px wide, and the table and
the guest were behind a horizontal scroll). What a pit boss scans first is always
shown: the priority and the time to breach. The other columns follow in the order
they matter on the floor (table, guest, ticket, status, level, category, next update)
and are cut into pages that fit beside those two; a tap on the board's "more columns"
button shows the next page. A wide desk screen shows everything on one page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ui.board.model import Col

PINNED = (Col.PRIORITY, Col.TIME_TO_BREACH)
BY_PRIORITY = (
    Col.LOCATION,
    Col.GUEST,
    Col.TICKET,
    Col.STATUS,
    Col.LEVEL,
    Col.CATEGORY,
    Col.NEXT_UPDATE,
)


def column_pages(widths: Mapping[Col, int], available: int) -> list[tuple[Col, ...]]:
    """The non-pinned columns cut into pages that fit ``available`` px beside the pinned
    ones, in priority order; every page holds at least one column."""
    room = available - sum(widths[c] for c in PINNED)
    pages: list[tuple[Col, ...]] = []
    page: list[Col] = []
    used = 0
    for column in BY_PRIORITY:
        if page and used + widths[column] > room:
            pages.append(tuple(page))
            page, used = [], 0
        page.append(column)
        used += widths[column]
    if page:
        pages.append(tuple(page))
    return pages


def spread(widths: Mapping[Col, int], shown: Sequence[Col], available: int) -> dict[Col, int]:
    """Widths for ``shown`` that fill ``available`` exactly: the extra shared out in
    proportion; or, when a page of one column is too wide for a narrow board, the
    shortfall taken from that column alone (the pinned ones keep their whole text)."""
    need = max(sum(widths[c] for c in shown), 1)
    if need <= available:
        result = {c: widths[c] * available // need for c in shown}
    else:
        result = dict.fromkeys(shown, 0) | {c: widths[c] for c in shown if c in PINNED}
        rest = [c for c in shown if c not in PINNED]
        room = max(available - sum(result.values()), 0)
        rest_need = max(sum(widths[c] for c in rest), 1)
        for c in rest:
            result[c] = widths[c] * room // rest_need
    result[shown[-1]] += available - sum(result.values())
    return result
