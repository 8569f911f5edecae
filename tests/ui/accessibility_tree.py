"""The accessibility tree a screen reader or a switch-access tool reads of a window.

``unnamed_controls`` walks ``QAccessible.queryAccessibleInterface`` from a widget down
its children and lists each visible interactive control (a button, a field, a list…)
whose accessible name is empty: a screen reader would say only "button".
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

Role = QAccessible.Role
INTERACTIVE = frozenset(
    {
        Role.PushButton,
        Role.ButtonMenu,
        Role.ButtonDropDown,
        Role.CheckBox,
        Role.RadioButton,
        Role.EditableText,
        Role.ComboBox,
        Role.SpinBox,
        Role.Slider,
        Role.Dial,
        Role.List,
        Role.Table,
        Role.Tree,
        Role.PageTab,
        Role.PageTabList,
        Role.Link,
        Role.ScrollBar,
    }
)
SKIPPED = frozenset({Role.ScrollBar})  # Qt names them itself; a finger drags the view


def walk(
    root: QWidget, met: list[QAccessibleInterface] | None = None
) -> Iterator[QAccessibleInterface]:
    """Every visible interface under ``root``'s, depth first, ``root``'s first; each one
    met goes into ``met``, for ``forget``."""
    top = QAccessible.queryAccessibleInterface(root)
    stack = [top] if top is not None else []
    while stack:
        iface = stack.pop()
        if met is not None:
            met.append(iface)
        if not iface.isValid() or iface.state().invisible:
            continue
        yield iface
        if iface.role() in (Role.Table, Role.List, Role.Tree):
            continue  # its cells are data, named by the model
        stack.extend(
            child
            for child in (iface.child(i) for i in reversed(range(iface.childCount())))
            if child is not None
        )


def describe(iface: QAccessibleInterface) -> str:
    widget = iface.object()
    names = []
    while isinstance(widget, QWidget) and len(names) < 3:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return f"{iface.role().name} {'/'.join(names)}"


def forget(met: list[QAccessibleInterface]) -> None:
    """Drop the interfaces the walk met, and their Python wrappers. Qt deletes an
    interface with its widget, behind PySide's back: a wrapper left in PySide's map then
    names freed memory, and a widget made later at that address crashed the suite."""
    ids = {QAccessible.uniqueId(iface) for iface in met}
    for iface in met:
        Shiboken.invalidate(iface)
    for unique in ids:
        QAccessible.deleteAccessibleInterface(unique)
    met.clear()


def unnamed_controls(root: QWidget, met: list[QAccessibleInterface] | None = None) -> list[str]:
    found = []
    for iface in walk(root, met):
        role = iface.role()
        if role in INTERACTIVE and role not in SKIPPED:
            if not iface.text(QAccessible.Text.Name).strip():
                found.append(describe(iface))
    return found


def read_controls(roots: list[QWidget]) -> tuple[int, list[str]]:
    """How many interactive controls the walk of ``roots`` met, and the unnamed ones."""
    met: list[QAccessibleInterface] = []
    try:
        controls = len([i for root in roots for i in walk(root, met) if i.role() in INTERACTIVE])
        unnamed = sorted({c for root in roots for c in unnamed_controls(root, met)})
    finally:
        forget(met)
    return controls, unnamed
