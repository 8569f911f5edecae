"""A list beside the detail of its chosen item, or one at a time where both do not fit.

On a 1280-px tablet at ordinary text the host's guests and the chosen guest's tabs stand
side by side. With text at 200 % the tabs alone need most of the width: squeezed beside
the list they would be cut. Then the page shows one at a time, as a phone does: the
detail once an item is chosen, with a button back to the list.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QSplitter, QVBoxLayout, QWidget

from ui.reflow import Rearranging
from ui.theme import MIN_TOUCH


class ListBesideDetail(Rearranging):
    def __init__(
        self,
        items: QWidget,
        detail: QWidget,
        back_text: str,
        detail_needs: Callable[[], int],
        parent: QWidget | None = None,
    ) -> None:
        """``detail_needs``: the width below which the detail would be cut (its tab bar)."""
        super().__init__(parent)
        self._items, self._needs = items, detail_needs
        self._on_list = True  # nothing chosen yet
        self.back_button = QPushButton("\u2039 " + back_text)  # ‹ My guests
        self.back_button.setObjectName("backToList")
        self.back_button.setAccessibleName(back_text)
        self.back_button.setMinimumHeight(MIN_TOUCH)
        self.back_button.clicked.connect(self.show_list)
        self.back_button.hide()
        self._detail = QWidget()
        box = QVBoxLayout(self._detail)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(detail, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(items)
        self.splitter.addWidget(self._detail)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def one_at_a_time(self) -> bool:
        room = self.width() - self.splitter.handleWidth() - self._items.minimumWidth()
        return room < self._needs()

    def show_detail(self) -> None:
        self._on_list = False
        self._arrange()

    def show_list(self) -> None:
        self._on_list = True
        self._arrange()

    def _arrange(self) -> None:
        single = self.one_at_a_time()
        self._items.setVisible(not single or self._on_list)
        self._detail.setVisible(not single or not self._on_list)
        self.back_button.setVisible(single and not self._on_list)
        if single:
            return
        first, second = self.splitter.sizes()
        need = self._needs()
        if 0 < second < need:  # side by side, the detail gets at least what it needs
            self.splitter.setSizes([first + second - need, need])
