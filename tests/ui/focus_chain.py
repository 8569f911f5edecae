"""The keyboard's way through a window: what Tab reaches, in which order, and traps.

``tab_through`` presses Tab from the first control as a desk agent (or a switch-access
user's single switch) would and records where the focus goes; ``controls`` lists what
a user can operate on screen; ``out_of_order`` the steps that go back up or left among
controls of one container (a form read top to bottom, left to right);
``tab_round_holds`` asserts the whole round.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

KINDS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractItemView,
    QComboBox,
    QAbstractSlider,
)


def name(widget: QWidget) -> str:
    text = widget.text() if isinstance(widget, (QAbstractButton, QLineEdit)) else ""
    return f"{widget.objectName() or type(widget).__name__}({text[:20]})"


def operable(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and not isinstance(widget, QScrollBar)


def controls(window: QWidget) -> list[QWidget]:
    """What a user can operate in ``window`` now: shown, enabled, of a kind one uses.
    Not the on-screen keypad's keys: a keyboard types what they type (into the field)."""
    found = [w for kind in KINDS for w in window.findChildren(kind) if operable(w)]
    return [
        w
        for w in found
        if w.window() is window and not _inside_view(w) and w.property("variant") != "key"
    ]


def reached(widget: QWidget, chain: set[QWidget]) -> bool:
    """In the chain, or one of an exclusive group (choices, the rail) one of which is:
    Tab enters the group at its checked button and the arrow keys move in it."""
    if widget in chain:
        return True
    group = widget.group() if isinstance(widget, QAbstractButton) else None
    return group is not None and group.exclusive() and any(b in chain for b in group.buttons())


def _inside_view(widget: QWidget) -> bool:
    """An editor or button inside a list's viewport is a cell's: the list takes the focus."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def tab_through(window: QWidget, first: QWidget, presses: int) -> list[QWidget]:
    """Where the focus is after each of ``presses`` Tabs from ``first``."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited = [QApplication.focusWidget()]
    for _ in range(presses):
        here = QApplication.focusWidget() or window
        QTest.keyClick(here, Qt.Key.Key_Tab)
        QApplication.processEvents()
        visited.append(QApplication.focusWidget())
    return visited


def box(widget: QWidget, window: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def out_of_order(chain: list[QWidget], window: QWidget) -> list[str]:
    """Steps from A to B, siblings in one container, where B lies wholly above A (and
    not in a column of its own to A's right: columns read one after the other), or on
    A's line and wholly to its left: a sighted keyboard user would look for it later."""
    wrong = []
    for a, b in zip(chain, chain[1:], strict=False):
        if a.parentWidget() is not b.parentWidget():
            continue
        ra, rb = box(a, window), box(b, window)
        same_line = rb.top() < ra.bottom() and ra.top() < rb.bottom()
        next_column = rb.left() >= ra.right()
        if (rb.bottom() <= ra.top() and not next_column) or (same_line and rb.right() <= ra.left()):
            wrong.append(f"{name(a)} -> {name(b)}")
    return wrong


def tab_round_holds(window: QWidget) -> None:
    """Tab from the first control reaches every enabled control once, in reading order,
    and comes back round: no control keeps the focus."""
    wanted = controls(window)
    assert wanted, "nothing to operate: the screen was not read"
    first = wanted[0]
    visited = tab_through(window, first, presses=2 * len(wanted) + 2)
    cycle = visited[: visited.index(visited[0], 1) + 1] if visited[0] in visited[1:] else visited
    trapped = [name(w) for w, nxt in zip(visited, visited[1:], strict=False) if w is nxt]
    if len(wanted) == 1:  # a viewer with only its Close: Tab has nowhere else to go
        assert visited == [first] * len(visited), "Tab leaves the only control"
        return
    assert not trapped, f"Tab stays on {trapped[0]}"
    assert visited[0] in visited[1:], f"Tab never comes back to {name(first)}: a trap"
    missed = [name(w) for w in wanted if not reached(w, set(cycle))]
    assert missed == [], f"Tab never reaches: {missed}"
    chain = cycle[:-1]
    assert len(chain) == len(set(chain)), "a control is reached twice in one round"
    # Tab goes round, so one step back is the wrap from the last control to the first:
    # the round must read in order from some start. Which one is the reader's first is
    # the layout's (the top control, or the top of the left column of two).
    rounds = [chain[at:] + chain[:at] for at in range(len(chain))]
    steps_back = min((out_of_order(r, window) for r in rounds), key=len)
    assert steps_back == []
