"""Touch pickers: big, exclusive, checkable buttons; one tap picks a value.

``choice_row`` lays a few fixed values in a row (tier, priority). ``TouchPicker`` is
a grid that can be refilled (hosts, categories, channels, an incident): it replaces
the drop-down lists, whose 27-30 px rows a finger cannot hit.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from ui.reflow import ReflowGrid
from ui.theme import MIN_TOUCH

PICKER_BUTTON = MIN_TOUCH


def choice_row(
    owner: QWidget, values: Iterable[str], *, name_prefix: str, checked: str, prop: str
) -> tuple[QButtonGroup, QHBoxLayout]:
    """Buttons named ``<name_prefix><value>`` carrying ``prop=value``; ``checked`` starts on."""
    group = QButtonGroup(owner)
    row = QHBoxLayout()
    for value in values:
        button = QPushButton(value)
        button.setObjectName(f"{name_prefix}{value}")
        button.setCheckable(True)
        button.setChecked(value == checked)
        button.setProperty(prop, value)
        button.setMinimumHeight(PICKER_BUTTON)
        group.addButton(button)
        row.addWidget(button)
    row.addStretch(1)
    return group, row


class TouchPicker(ReflowGrid):
    """One value out of a few, as a grid of buttons up to ``columns`` wide: fewer when a
    narrow screen or a longer language would cut the widest label."""

    changed = Signal(object)  # the value picked

    def __init__(self, name: str, columns: int = 2, parent: QWidget | None = None) -> None:
        super().__init__(columns, parent)
        self.setObjectName(name)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._values: dict[QAbstractButton, Any] = {}  # the values as given (enums stay enums)
        self._group.buttonClicked.connect(lambda button: self.changed.emit(self._values[button]))
        self.buttons: list[QPushButton] = []

    def set_options(self, options: Sequence[tuple[str, Any]], selected: Any = None) -> None:
        """``options``: (label, value) pairs; ``selected`` starts checked (else the first).
        The buttons there are keep their places, given the new labels and values: a
        refresh never takes the keyboard's focus off the choice it was on."""
        kept = self.buttons[: len(options)]
        for button in self.buttons[len(options) :]:
            self._group.removeButton(button)
            button.deleteLater()
        self.buttons = kept
        self._values = {}
        for n, (label, value) in enumerate(options):
            button = self.buttons[n] if n < len(kept) else self._new_button(n)
            if button.text() != label:
                button.setText(label)
                button.setToolTip(label)
            self._values[button] = value
        self.set_items(self.buttons)
        self.set_value(selected if any(v == selected for _, v in options) else None)
        if self._group.checkedButton() is None and self.buttons:
            self.buttons[0].setChecked(True)

    def _new_button(self, n: int) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"{self.objectName()}:{n}")
        button.setProperty("variant", "choice")
        button.setCheckable(True)
        button.setMinimumHeight(PICKER_BUTTON)
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._group.addButton(button)
        self.buttons.append(button)
        return button

    def value(self) -> Any:
        checked = self._group.checkedButton()
        return None if checked is None else self._values[checked]

    def set_value(self, value: Any) -> None:
        button = self.button_for(value)
        if button is not None:
            button.setChecked(True)

    def button_for(self, value: Any) -> QPushButton | None:
        return next((b for b in self.buttons if self._values[b] == value), None)
