"""Python's cyclic collector held off while a burst of long-lived objects is made."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


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
