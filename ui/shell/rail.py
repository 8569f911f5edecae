"""The navigation rail: one big button per page, then Lock, Switch user and Help.

Touch first: every button is a tall target with a text label (no icon-only or
hover-only actions); the tooltips name the keyboard shortcut for desk staff. The rail
is as narrow as its longest label allows, so that the pages keep the width of a
1024-px tablet.
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

from ui.theme import scaled

RAIL_BUTTON_HEIGHT = 64
RAIL_MIN_WIDTH, RAIL_MAX_WIDTH = 132, 200


class NavigationRail(QFrame):
    page_chosen = Signal(str)  # page key
    lock_requested = Signal()
    switch_user_requested = Signal()
    help_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navRail")
        self.setFixedWidth(RAIL_MIN_WIDTH)
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
        self._fit()

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
            self._pages.removeWidget(button)  # out of the rail now, not at the next loop turn
            button.hide()
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
        self._fit()
        return button

    def _fit(self) -> None:
        buttons = [*self.buttons.values(), self.help_button, self.switch_button, self.lock_button]
        widest = max(b.sizeHint().width() for b in buttons) + 16  # the rail's margins
        self.setFixedWidth(min(max(widest, RAIL_MIN_WIDTH), scaled(RAIL_MAX_WIDTH)))

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
