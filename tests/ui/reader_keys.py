"""A keyboard-wedge card reader's keys as the windowing system hands them over: to the
widget's window first (where the console's filters are), each with its own timestamp
(QTest's keys have none), so the swipe filter times them as on a tablet. Used by the
swipe tests and by ``bench.ui_paint``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

READER_GAP_MS = 4  # a wedge reader's keys


def reader_keys(
    widget: QWidget, text: str, start_ms: int, gap_ms: int = READER_GAP_MS, *, enter: bool = True
) -> int:
    """``text`` then Enter (unless not ``enter``) into ``widget``, ``gap_ms`` apart from
    ``start_ms``, through its window (which hands each to its focus: ``widget``);
    returns the next key's timestamp."""
    window = widget.window()
    if window.focusWidget() is not widget:
        widget.setFocus()
    assert window.focusWidget() is widget, "the keys would land elsewhere"
    handle = window.windowHandle()
    assert handle is not None, "the widget's window is not shown"
    stamp = start_ms
    for char in [*text, "\r"] if enter else text:
        key = Qt.Key.Key_Return if char == "\r" else Qt.Key(ord(char.upper()))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            event.setTimestamp(stamp)
            QApplication.sendEvent(handle, event)
        stamp += gap_ms
    return stamp
