"""The console keeps what lives long out of the collector's way (app/gc_rest.py) on the
real console: a sign-in and a lock free what the previous session left in frozen cycles;
a model that takes many rows (a host's "my guests") freezes them once shown, so no later
swipe's collection walks them."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from app.gc_rest import MANY_ROWS
from tests.ui.demo_console import Console, sign_in
from tests.ui.waits import WAIT_MS
from ui.row_model import RowTableModel

ROOT = Path(__file__).resolve().parents[2]


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


# The console's own start (main.main), then what the collector is doing once it is up.
STARTED = """
import gc, sys
import main
code = main.main(["--data-dir", sys.argv[1], "--no-helpdesk", "run", "--exit-when-ready"])
print("collector", code, gc.isenabled(), gc.get_freeze_count() > 10_000, flush=True)
"""


def test_the_start_holds_the_collector_then_freezes_its_heap_and_collects_again(
    demo_property, tmp_path: Path
) -> None:
    """Held during the start (no collection walks the heap being made), but a console
    left with the collector off would grow for a whole shift."""
    data = tmp_path / "data"
    shutil.copytree(demo_property[0], data)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("VIP_CONSOLE_STORE_KEY", None)  # a demo directory: its published key
    done = subprocess.run(
        [sys.executable, "-c", STARTED, str(data)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "console-ready" in done.stdout
    assert "collector 0 True True" in done.stdout, done.stdout
