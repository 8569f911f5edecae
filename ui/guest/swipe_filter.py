"""Card-reader detection: an application-wide event filter for keyboard-wedge bursts.

A wedge reader "types" the card's characters a few ms apart and ends with Enter; a person
types tens to hundreds of ms apart. Keys pass through untouched (a person's typing is
never eaten); when Enter closes a fast enough burst, the filter eats the Enter, removes
the burst from the line edit it landed in, and emits ``swipe_detected(raw)``.

The gaps are those of the keys' own timestamps (when the windowing system received
them), not of when the console got round to them: a console busy for 40 ms in the
middle of a swipe (a sync's batch, a collection) reads the queued keys late and close
together, and a reader's 5-ms keys must not become a person's 40-ms ones, cutting the
card number in two. A key without a timestamp (synthesised) is timed on arrival.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QWindow
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

log = logging.getLogger(__name__)

MAX_GAP_S = 0.035  # a reader's keys come closer together than this; a person's do not
MIN_LENGTH = 6  # shorter bursts are a person's key roll-over, not a card


@dataclass(slots=True)
class BurstDetector:
    """Pure timing logic: feed characters and Enter with their times (seconds)."""

    max_gap: float = MAX_GAP_S
    min_length: int = MIN_LENGTH
    _buffer: list[str] = field(default_factory=list)
    _last: float | None = None

    def key(self, char: str, at: float) -> None:
        if self._last is None or at - self._last > self.max_gap:
            self._buffer = []
        self._buffer.append(char)
        self._last = at

    def enter(self, at: float) -> str | None:
        """The burst's text when Enter closes a reader burst, else None."""
        fast = self._last is not None and at - self._last <= self.max_gap
        text = "".join(self._buffer) if fast and len(self._buffer) >= self.min_length else None
        self.reset()
        return text

    def reset(self) -> None:
        self._buffer = []
        self._last = None


class SwipeFilter(QObject):
    """On the console's windows (``at_windows``, ui/input_filter.py), it reads each key
    as the windowing system delivers it to the window; installed on the QApplication
    instead, as each key's first delivery to a widget (a test's keys sent to a widget)."""

    swipe_detected = Signal(str)

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        detector: BurstDetector | None = None,
        parent: QObject | None = None,
        *,
        at_windows: bool = False,
    ) -> None:
        super().__init__(parent)
        self.at_windows = at_windows
        self._clock = clock
        self._detector = detector or BurstDetector()
        self._stamped = False  # the last key's time was its timestamp
        self.enabled = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # Every event of the application passes here: the rest (paints, layouts) leave
        # before their type is asked, a Python enum made for each (a swipe's hundreds).
        if not isinstance(event, QKeyEvent):
            return False
        if not self.enabled or event.type() != QEvent.Type.KeyPress:
            return False
        if not self._is_first_delivery(obj):
            return False
        now = self._key_time(event)
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            raw = self._detector.enter(now)
            if raw is None:
                return False
            self._remove_echo(obj, raw)
            log.debug("card swipe detected (%d chars)", len(raw))
            self.swipe_detected.emit(raw)
            return True  # the reader's Enter must not submit the field it landed in
        text = event.text()
        if len(text) == 1 and text.isprintable() and not event.modifiers() & _CTRL_ALT_META:
            self._detector.key(text, now)
        else:
            self._detector.reset()
        return False

    def _key_time(self, event: QKeyEvent) -> float:
        """When the key was typed, in seconds: its timestamp, else its arrival. A burst
        never mixes the two clocks (a change of clock starts a new burst)."""
        stamp = event.timestamp()
        stamped = stamp != 0
        if stamped != self._stamped:
            self._detector.reset()
            self._stamped = stamped
        return stamp / 1000.0 if stamped else self._clock()

    def _is_first_delivery(self, obj: QObject) -> bool:
        """A key event travels window -> focus widget -> parents; look at it once: at
        the window when the filter is on the windows, else at the focus widget."""
        if isinstance(obj, QWindow):
            return self.at_windows
        if self.at_windows or not isinstance(obj, QWidget):
            return False
        focus = QApplication.focusWidget()
        if focus is not None:
            return obj is focus
        return obj.isWindow()

    @staticmethod
    def _remove_echo(obj: QObject, raw: str) -> None:
        """Out of the line edit the burst landed in: the window's focus, or ``obj``."""
        field = obj.focusObject() if isinstance(obj, QWindow) else obj
        if not isinstance(field, QLineEdit):
            return
        text, cursor = field.text(), field.cursorPosition()
        start = cursor - len(raw)
        if start >= 0 and text[start:cursor] == raw:
            field.setText(text[:start] + text[cursor:])
            field.setCursorPosition(start)


_CTRL_ALT_META = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)
