"""The navigation rail: one big button per page, then Lock, Switch user and Help.

Touch first: every button is a 72 px tall target with a text label (no icon-only or
hover-only actions); the tooltips name the keyboard shortcut for desk staff.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

RAIL_BUTTON_HEIGHT = 72
RAIL_WIDTH = 196


class NavigationRail(QFrame):
    page_chosen = Signal(str)  # page key
    lock_requested = Signal()
    switch_user_requested = Signal()
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setFixedWidth(RAIL_WIDTH)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._pages = QVBoxLayout()
        self._pages.setSpacing(6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(self._pages)
        layout.addStretch(1)
        self.help_button = self._button(self.tr("Help"), "F10", "railHelp")
        self.switch_button = self._button(self.tr("Switch user"), None, "railSwitchUser")
        self.lock_button = self._button(self.tr("Lock"), "Ctrl+L", "railLock")
        self.help_button.clicked.connect(self.help_requested)
        self.switch_button.clicked.connect(self.switch_user_requested)
        self.lock_button.clicked.connect(self.lock_requested)
        for button in (self.help_button, self.switch_button, self.lock_button):
            layout.addWidget(button)

    def _button(self, text: str, shortcut: str | None, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(RAIL_BUTTON_HEIGHT)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if shortcut:
            button.setToolTip(self.tr("{text} ({shortcut})").format(text=text, shortcut=shortcut))
        return button

    def clear(self) -> None:
        for button in self.buttons.values():
            self._group.removeButton(button)
            button.deleteLater()
        self.buttons.clear()

    def add_page(self, key: str, title: str, shortcut: str | None) -> QPushButton:
        button = self._button(title, shortcut, f"rail:{key}")
        button.setProperty("variant", "rail")
        button.setCheckable(True)
        button.clicked.connect(lambda _=False, k=key: self.page_chosen.emit(k))
        self._group.addButton(button)
        self._pages.addWidget(button)
        self.buttons[key] = button
        return button

    def mark(self, key: str) -> None:
        button = self.buttons.get(key)
        if button is not None:
            button.setChecked(True)
        else:  # a page outside the rail (the incident view): nothing checked
            checked = self._group.checkedButton()
            if checked is not None:
                self._group.setExclusive(False)
                checked.setChecked(False)
                self._group.setExclusive(True)
