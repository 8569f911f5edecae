"""Imports made on a background thread that let the GUI's thread in between modules.

A module's body runs holding the interpreter's lock; the thread that waits for it gets
it when the holder next checks (the switch interval), and not at all while the holder
is in C (unmarshalling a large module, a compiled extension's set-up). A burst of
imports on a worker (SQLAlchemy for the store, the helpdesk's client for the sync:
some 170 and 70 modules) then kept the GUI's event loop waiting up to 170 ms on this
2-core machine, right after the sign-in screen showed. A short sleep before each
module the worker imports hands the lock over at every module boundary.
"""

from __future__ import annotations

import importlib.abc
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

PAUSE_S = 0.001  # the GUI's share: a frame's work between two modules is never delayed


class _PauseBeforeImport(importlib.abc.MetaPathFinder):
    """First of the finders, it finds nothing: on its own thread it pauses, then lets
    the next finders find the module."""

    def __init__(self, pause_s: float) -> None:
        self._thread = threading.get_ident()
        self._pause_s = pause_s

    def find_spec(self, name: str, path: Any, target: Any = None) -> None:
        if threading.get_ident() == self._thread:
            time.sleep(self._pause_s)


@contextmanager
def yielding_imports(pause_s: float = PAUSE_S) -> Iterator[None]:
    """Within it, each module this thread imports for the first time waits ``pause_s``
    first; other threads' imports are untouched."""
    finder = _PauseBeforeImport(pause_s)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
