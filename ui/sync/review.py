"""The review of what the helpdesk refused (dead letters) and of fields changed on both
sides (conflicts): nothing is dropped silently; the user retries, discards or settles.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.messages import KeyedError, Message
from app.sync.outbox import FieldConflict, OutboxEntry
from app.sync.set_aside import SetAside
from ui.acts.fit import size_within_window
from ui.async_ops import AsyncOps
from ui.error_text import error_text
from ui.incident.fields import field_label, field_value
from ui.sync.review_text import change_label, reason_text, set_aside_label
from ui.sync.status_banner import clock_time

Index = QModelIndex | QPersistentModelIndex
_Found = tuple[Sequence[OutboxEntry], Sequence[FieldConflict], Sequence[SetAside]]


class RowsModel(QAbstractTableModel):
    """Read-only rows of strings, with the source object of each row kept alongside."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._cells: list[list[str]] = []
        self._tips: dict[tuple[int, int], str] = {}
        self.items: list[Any] = []

    def set_rows(
        self,
        items: Sequence[Any],
        cells: list[list[str]],
        tips: dict[tuple[int, int], str] | None = None,
    ) -> None:
        """``tips``: (row, column) -> a tooltip other than the cell's own text."""
        self.beginResetModel()
        self.items, self._cells, self._tips = list(items), cells, tips or {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            spot = (index.row(), index.column())
            return self._tips.get(spot, self._cells[index.row()][index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class SyncReviewDialog(QDialog):
    """Three tabs: refused by the helpdesk, changed on both sides, set aside from the
    helpdesk. Fits a 1024x768 tablet (one table at a time)."""

    def __init__(
        self,
        engine: Any,
        ops: AsyncOps,
        actor: Callable[[], Actor | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Changes to review"))
        self.setObjectName("syncReview")
        size_within_window(self, parent, QSize(900, 520))  # larger with large text
        self._engine, self._ops, self._actor = engine, ops, actor
        self.letters = RowsModel(
            [self.tr("Refused at"), self.tr("Change"), self.tr("Record"), self.tr("Why")], self
        )
        self.conflicts = RowsModel(
            [self.tr("Incident"), self.tr("Field"), self.tr("Yours"), self.tr("Helpdesk")], self
        )
        self.set_aside = RowsModel([self.tr("Since"), self.tr("What happened")], self)
        self.letters_view = self._view(self.letters, fitted=(0, 2))
        self.conflicts_view = self._view(self.conflicts, fitted=(0, 1))
        self.set_aside_view = self._view(self.set_aside, fitted=(0,))
        self.retry_button = QPushButton(self.tr("Send again"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.mine_button = QPushButton(self.tr("Keep yours"))
        self.theirs_button = QPushButton(self.tr("Keep the helpdesk's"))
        self.acknowledge_button = QPushButton(self.tr("Understood"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.mine_button.clicked.connect(lambda: self.settle_selected(keep_mine=True))
        self.theirs_button.clicked.connect(lambda: self.settle_selected(keep_mine=False))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.error = QLabel()
        self.error.setObjectName("errorText")
        self.error.setWordWrap(True)
        self.error.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(_page(self.letters_view, self.retry_button, self.discard_button), "")
        self.tabs.addTab(_page(self.conflicts_view, self.mine_button, self.theirs_button), "")
        self.tabs.addTab(_page(self.set_aside_view, self.acknowledge_button), "")
        self._name_tabs()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.reload()

    def _view(self, model: RowsModel, fitted: tuple[int, ...]) -> QTableView:
        """A table whose ``fitted`` columns (times, ids) take their width, the text the rest."""
        view = QTableView(self)
        view.setModel(model)
        view.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(True)
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in fitted:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        view.verticalHeader().hide()
        return view

    def _name_tabs(self) -> None:
        names = (
            self.tr("Refused ({n})"),
            self.tr("Changed on both sides ({n})"),
            self.tr("Set aside ({n})"),
        )
        models = (self.letters, self.conflicts, self.set_aside)
        views = (self.letters_view, self.conflicts_view, self.set_aside_view)
        for index, (name, model) in enumerate(zip(names, models, strict=True)):
            self.tabs.setTabText(index, name.format(n=model.rowCount()))
            views[index].setAccessibleName(self.tabs.tabText(index))  # what a reader says

    def reload(self) -> None:
        async def load() -> tuple[
            Sequence[OutboxEntry], Sequence[FieldConflict], Sequence[SetAside]
        ]:
            return (
                await self._engine.dead_letters(),
                await self._engine.open_conflicts(),
                await self._engine.set_aside_items(),
            )

        self._ops.run_coro(load, on_success=self._show)

    def _show(self, found: _Found) -> None:
        letters, conflicts, set_aside = found
        self.letters.set_rows(
            letters,
            [
                [clock_time(e.failed_at), change_label(e), e.entity_id[:8], reason_text(e)]
                for e in letters
            ],
            {(row, 3): e.last_error for row, e in enumerate(letters)},  # the answer, for IT
        )
        self.conflicts.set_rows(
            conflicts,
            [
                [
                    c.incident_id[:8],
                    field_label(c.field),
                    field_value(c.field, c.local_value),
                    field_value(c.field, c.server_value),
                ]
                for c in conflicts
            ],
        )
        self.set_aside.set_rows(
            set_aside, [[clock_time(i.detected_at), set_aside_label(i)] for i in set_aside]
        )
        self._name_tabs()
        models = (self.letters, self.conflicts, self.set_aside)
        if models[self.tabs.currentIndex()].rowCount():
            return  # the user stays where they work (a conflict settled, the next one)
        for index, model in enumerate(models):
            if model.rowCount():  # else the first tab that needs the user
                self.tabs.setCurrentIndex(index)
                break

    def _selected(self, view: QTableView, model: RowsModel) -> Any:
        rows = view.selectionModel().selectedRows()
        return model.items[rows[0].row()] if rows else None

    def retry_selected(self) -> None:
        entry = self._selected(self.letters_view, self.letters)
        actor = self._actor()
        if entry is not None and actor is not None:
            self._run(lambda: self._engine.revive(actor, entry.seq))

    def discard_selected(self) -> None:
        """Say what discarding undoes and what stays, then do it if the user agrees."""
        entry = self._selected(self.letters_view, self.letters)
        actor = self._actor()
        if entry is None or actor is None:
            return

        def confirm(effect: Message) -> None:
            question = self.tr("Discard this change for good?")
            answer = QMessageBox.question(
                self, self.tr("Discard"), f"{question}\n\n{error_text(effect)}"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self._run(lambda: self._engine.discard(actor, entry.seq))

        self._ops.run_coro(
            lambda: self._engine.discard_effect(actor, entry.seq),
            on_success=confirm,
            on_error=self._refused,
        )

    def settle_selected(self, keep_mine: bool) -> None:
        conflict = self._selected(self.conflicts_view, self.conflicts)
        actor = self._actor()
        if conflict is not None and actor is not None:
            self._run(lambda: self._engine.settle(actor, conflict.id, keep_mine))

    def acknowledge_selected(self) -> None:
        item = self._selected(self.set_aside_view, self.set_aside)
        actor = self._actor()
        if item is not None and actor is not None:
            self._run(lambda: self._engine.acknowledge(actor, item.id))

    def _run(self, work: Callable[[], Awaitable[object]]) -> None:
        self.error.hide()
        self._ops.run_coro(work, on_success=self._reloaded, on_error=self._refused)

    def _refused(self, error: BaseException) -> bool:
        """A core refusal (not allowed, settled meanwhile) shows here; a bug does not."""
        if not isinstance(error, KeyedError):
            return False
        self.error.setText(error_text(error))
        self.error.show()
        self.reload()
        return True

    def _reloaded(self, _result: object) -> None:
        self.reload()


def _page(view: QTableView, *buttons: QPushButton) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.addWidget(view, 1)
    layout.addLayout(_row(*buttons))
    return page


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
