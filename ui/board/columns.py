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
    """Widths for ``shown`` that fill ``available`` exactly, in proportion to their own:
    the extra shared out, or (a page of one column too wide for a narrow board) the
    shortfall taken back, the longest texts then elided rather than scrolled to."""
    need = max(sum(widths[c] for c in shown), 1)
    result = {c: widths[c] * available // need for c in shown}
    result[shown[-1]] += available - sum(result.values())
    return result
