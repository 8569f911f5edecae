"""A row of big, exclusive, checkable buttons: one tap picks a value (touch first)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget


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
        group.addButton(button)
        row.addWidget(button)
    row.addStretch(1)
    return group, row
