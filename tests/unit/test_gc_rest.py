"""Long-lived objects out of the cyclic collector's way (app/gc_rest.py): survivors are
frozen, and a frozen cycle that became garbage is freed at the next full settle, never
kept."""

from __future__ import annotations

import gc
import weakref

from app.gc_rest import settle_all, settle_young


class Node:
    def __init__(self) -> None:
        self.other: Node | None = None


def _cycle() -> tuple[Node, weakref.ref[Node]]:
    a, b = Node(), Node()
    a.other, b.other = b, a
    return a, weakref.ref(b)


def test_settle_young_freezes_what_survives_and_frees_the_young_garbage() -> None:
    kept, _kept_ref = _cycle()
    dropped, dropped_ref = _cycle()
    del dropped
    before = gc.get_freeze_count()
    settle_young()
    assert dropped_ref() is None  # young cyclic garbage: collected first
    assert gc.get_freeze_count() > before
    assert not any(o is kept for o in gc.get_objects())  # frozen: no collection walks it


def test_a_frozen_cycle_that_became_garbage_is_freed_at_the_full_settle() -> None:
    held, held_ref = _cycle()
    settle_young()
    del held
    gc.collect()  # an ordinary collection does not walk the frozen
    assert held_ref() is not None
    settle_all()
    assert held_ref() is None
