"""The console's input filters on its windows (``WindowInput``, ui/input_filter.py):
every key, tap and click reaches them at the window, before its widget; nothing else
does (no paint, layout or activation of any widget, no private object of Qt's), and a
window that takes the keyboard (a dialog) gets them too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.clock import FakeClock
from tests.ui.reader_keys import reader_keys
from ui.guest.swipe_filter import SwipeFilter
from ui.input_filter import InputOnly, WindowInput
from ui.session.guard import InputActivityFilter, SessionGuard

CARD = "9001234567890"


class _Seen(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.log: list[tuple[str, QEvent.Type]] = []

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        self.log.append((obj.metaObject().className(), event.type()))
        return False


@pytest.fixture
def form(qtbot) -> Iterator[tuple[QWidget, QLineEdit]]:
    window = QWidget()
    layout = QVBoxLayout(window)
    field = QLineEdit()
    layout.addWidget(field)
    layout.addWidget(QLabel("<b>rich</b> text: a private text engine behind it"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    field.setFocus()
    yield window, field


def _watched(app: QApplication, window: QWidget, filters: list[QObject]) -> WindowInput:
    watcher = WindowInput(InputOnly(filters, window), app, window)
    watcher.watch(window.windowHandle())
    return watcher


def test_the_filters_see_the_windows_input_and_nothing_else(qtbot, qapp, form) -> None:
    window, field = form
    seen = _Seen()
    _watched(qapp, window, [seen])
    window.resize(500, 300)  # resize, layout, paint, activation: none reaches them
    window.activateWindow()
    field.update()
    qtbot.wait(30)
    assert seen.log == []
    reader_keys(field, "ab", start_ms=1_000, enter=False)
    assert field.text() == "ab"  # the window handed them on to its focus
    assert {kind for _, kind in seen.log} == {QEvent.Type.KeyPress, QEvent.Type.KeyRelease}
    assert {name for name, _ in seen.log} == {"QWidgetWindow"}  # at the window, once each
    assert sum(kind == QEvent.Type.KeyPress for _, kind in seen.log) == 2


def test_a_swipe_is_read_at_the_window_and_its_echo_removed(qtbot, qapp, form) -> None:
    window, field = form
    swipe = SwipeFilter(at_windows=True)
    _watched(qapp, window, [swipe])
    field.setText("note: ")
    field.end(False)
    with qtbot.waitSignal(swipe.swipe_detected, timeout=2000) as blocker:
        reader_keys(field, CARD, start_ms=50_000)
    assert blocker.args == [CARD]
    assert field.text() == "note: "  # the reader's digits and its Enter never stayed


def test_a_persons_typing_at_the_window_is_no_swipe(qtbot, qapp, form) -> None:
    window, field = form
    swipe = SwipeFilter(at_windows=True)
    _watched(qapp, window, [swipe])
    seen: list[str] = []
    swipe.swipe_detected.connect(seen.append)
    reader_keys(field, CARD, start_ms=50_000, gap_ms=150)
    assert seen == [] and field.text() == CARD


def test_input_at_the_window_keeps_the_session_awake(qtbot, qapp, form) -> None:
    window, _ = form
    clock = FakeClock(datetime(2026, 12, 6, 20, 0, tzinfo=UTC))
    guard = SessionGuard(clock, timedelta(minutes=5), window)
    _watched(qapp, window, [InputActivityFilter(guard, window)])
    clock.advance(timedelta(minutes=4))
    press = QMouseEvent(
        QEvent.Type.MouseButtonPress,
        QPointF(5, 5),
        QPointF(5, 5),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.windowHandle(), press)
    assert guard.input_events == 1
    clock.advance(timedelta(minutes=4))
    assert not guard.check()  # 4 minutes since the tap: still open


def test_a_dialog_that_takes_the_keyboard_gets_the_filters(qtbot, qapp, form) -> None:
    window, _ = form
    seen = _Seen()
    _watched(qapp, window, [seen])
    dialog = QDialog(window)
    edit = QLineEdit(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is dialog.windowHandle(), timeout=2000)
    reader_keys(edit, "z", start_ms=9_000, enter=False)
    assert edit.text() == "z"
    assert (seen.log[0][0], seen.log[0][1]) == ("QWidgetWindow", QEvent.Type.KeyPress)
    dialog.done(0)
