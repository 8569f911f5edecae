"""What lives long is kept out of the cyclic collector's way (``gc.freeze``).

CPython's full collection walks every tracked object that is not frozen, on whichever
thread allocates at that moment: often the GUI's, in the middle of a swipe. A host's
"my guests" (16,000 rows of two objects each) made every full collection a 10-15 ms
stall; the start-up heap (modules, Qt wrappers, pages: ~140,000 objects) one of 70 ms
during a big replay. So what is known to live on is moved to the permanent generation
once it is made, and later collections walk only what came after it:

- ``hold_for_start`` / ``start_made``: no collection while the console starts. The
  start makes that heap and almost none of it is garbage, yet it set off some 200
  collections (60-100 ms of a one-second start, each walking it again). Once the
  start is made, it is frozen as it stands; its little garbage goes at the first
  ``settle_all`` (the first sign-in).
- ``settle_young``: collect what is not frozen, freeze the survivors. After a model
  took many rows. Cheap: it walks only the young.
- ``settle_all``: unfreeze, collect everything, freeze the survivors. When a user signs
  in and when the console locks (nobody is waiting then): a frozen object that became
  garbage inside a cycle since (a signed-out user's pages) is freed there, never kept
  for a whole shift. An object freed by its reference count is freed at once, frozen
  or not.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# A model taking at least this many rows settles them (ui/row_model.py).
MANY_ROWS = 1_000


def hold_for_start() -> None:
    gc.disable()


def start_made() -> None:
    """Freeze the start-up heap without walking it, and collect again from here on."""
    gc.freeze()
    gc.enable()


def settle_young() -> None:
    gc.collect()
    gc.freeze()


def settle_all() -> None:
    gc.unfreeze()
    gc.collect()
    gc.freeze()


# A burst that is not garbage: no collection while it is made.
@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Collections set off by a burst of objects that are not garbage (a page of 1,000
    guests, a batch of a hundred writes) only walk them and the rest of the process
    again. Nested pauses, or pauses on two threads at once, leave it to the one that
    paused first; the collector is on again once it ends."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
