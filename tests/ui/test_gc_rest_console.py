"""The console keeps what lives long out of the collector's way (app/gc_rest.py) on the
real console: a sign-in and a lock free what the previous session left in frozen cycles;
a model that takes many rows (a host's "my guests") freezes them once shown, so no later
swipe's collection walks them."""

from __future__ import annotations

import gc
import weakref

import pytest

from app.gc_rest import MANY_ROWS
from tests.ui.demo_console import Console, sign_in
from tests.ui.waits import WAIT_MS
from ui.row_model import RowTableModel


class Node:
    other: object = None


def _frozen_garbage() -> weakref.ref[Node]:
    """A cycle frozen while alive, then dropped: only a full settle frees it."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    gc.collect()
    gc.freeze()
    gone = weakref.ref(b)
    del a, b
    gc.collect()
    assert gone() is not None
    return gone


@pytest.mark.full_gc_settle
def test_a_sign_in_frees_the_frozen_garbage_once_its_board_is_loaded(console: Console) -> None:
    gone = _frozen_garbage()
    sign_in(console, "P001")
    console.qtbot.waitUntil(lambda: gone() is None, timeout=WAIT_MS)


@pytest.mark.full_gc_settle
def test_a_lock_frees_it_too(console: Console) -> None:
    sign_in(console, "P001")
    gone = _frozen_garbage()
    console.window.lock()
    console.qtbot.waitUntil(lambda: gone() is None, timeout=WAIT_MS)


class Rows(RowTableModel[Node]):
    CONTEXT = "test"
    COLUMNS = ("node",)

    def data(self, index: object, role: int = 0) -> object:
        return None


@pytest.mark.parametrize(("count", "frozen"), [(MANY_ROWS, True), (MANY_ROWS - 1, False)])
def test_a_model_taking_many_rows_freezes_them_once_shown(qtbot, count: int, frozen: bool) -> None:
    """As a host's "my guests" (16,000 rows on the demo property) is once loaded."""
    model = Rows()
    model.set_rows([Node() for _ in range(count)])
    row = model.row_at(0)
    if frozen:
        qtbot.waitUntil(lambda: _frozen(row), timeout=WAIT_MS)
    else:
        qtbot.wait(50)  # the loop turns: nothing is settled for a few rows
        assert not _frozen(row)


def _frozen(obj: object) -> bool:
    return not any(o is obj for o in gc.get_objects())
