"""How the board page shares its height: the incident rows come first.

Above the board's table stand the KPI strip, the post-incident report reminder and, for
the duty manager, the reports waiting for a sign-off. With text at 200 % on a tablet
they took the whole page and the board showed its header and no row. ``give_way``
says which of them take their compact form, in the order given, until the table keeps
the height it needs (a few rows): a part's compact height is 0 when it steps aside
entirely. Qt-free: the page measures, this decides.

The heights are measured for the page's size and each part's full and compact forms,
never read from what the page shows now; so a choice does not change what it was made
from, and cannot undo itself on the next layout (no flicker).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Part:
    name: str
    full: int  # px in its full form; 0 when it is not shown at all
    compact: int  # px in its compact form; 0 when it steps aside


def give_way(height: int, table: int, parts: Sequence[Part], spacing: int = 0) -> frozenset[str]:
    """The names of ``parts`` that go compact so that ``height`` px keep ``table`` px for
    the table: the fewest, first ones first. All of them when even that is not enough."""
    compact: set[str] = set()

    def room() -> int:
        shown = [p.compact if p.name in compact else p.full for p in parts]
        return height - sum(h + spacing for h in shown if h > 0)

    for part in parts:
        if room() >= table:
            break
        if 0 < part.full and part.compact < part.full:
            compact.add(part.name)
    return frozenset(compact)
