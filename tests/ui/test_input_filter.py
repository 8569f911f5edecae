"""The console's application-wide filters behind ``InputOnly`` (ui/input_filter.py): they
see every input event, in their order, and nothing else (each other event crossed into
Python for each of them: hundreds for one swipe's card)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from ui.input_filter import InputOnly


class _Seen(QObject):
    def __init__(self, name: str, log: list[tuple[str, QEvent.Type]], eats: str = "") -> None:
        super().__init__()
        self.name, self.log, self.eats = name, log, eats

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        self.log.append((self.name, event.type()))
        return (
            bool(self.eats) and event.type() == QEvent.Type.KeyPress and event.text() == self.eats
        )  # type: ignore[attr-defined]


@pytest.fixture
def installed(qapp) -> Iterator[tuple[list[tuple[str, QEvent.Type]], InputOnly]]:
    log: list[tuple[str, QEvent.Type]] = []
    both = InputOnly([_Seen("first", log, eats="x"), _Seen("second", log)])
    qapp.installEventFilter(both)
    yield log, both
    qapp.removeEventFilter(both)


def test_only_input_reaches_the_filters_in_their_order(qtbot, installed) -> None:
    log, _ = installed
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    field.resize(300, 40)  # resize, layout, paint: none of them reaches the filters
    field.update()
    qtbot.wait(20)
    log.clear()
    QTest.keyClick(field, Qt.Key.Key_A)
    assert field.text() == "a"
    kinds = {kind for _, kind in log}
    assert kinds <= {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride}
    presses = [name for name, kind in log if kind == QEvent.Type.KeyPress]
    assert presses and presses[:2] == ["first", "second"]


def test_an_event_the_first_filter_eats_goes_no_further(qtbot, installed) -> None:
    log, _ = installed
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    log.clear()
    QTest.keyClick(field, Qt.Key.Key_X)
    assert field.text() == ""  # eaten: the field never had it
    assert ("second", QEvent.Type.KeyPress) not in log
