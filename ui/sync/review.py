"""The review of what the helpdesk refused (dead letters) and of fields changed on both
sides (conflicts): nothing is dropped silently; the user retries, discards or settles.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
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
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.sync.outbox import FieldConflict, OutboxEntry, OutboxKind
from ui.async_ops import AsyncOps
from ui.sync.status_banner import clock_time

Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """Read-only rows of strings, with the source object of each row kept alongside."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._cells: list[list[str]] = []
        self.items: list[Any] = []

    def set_rows(self, items: Sequence[Any], cells: list[list[str]]) -> None:
        self.beginResetModel()
        self.items, self._cells = list(items), cells
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._cells)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._cells[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def change_label(entry: OutboxEntry) -> str:
    # QCoreApplication.translate by its full name, with its context: lupdate reads those.
    kinds = {
        OutboxKind.INCIDENT_CREATE: QCoreApplication.translate("SyncReviewDialog", "New incident"),
        OutboxKind.INCIDENT_PATCH: QCoreApplication.translate(
            "SyncReviewDialog", "Change of {fields}"
        ),
        OutboxKind.INCIDENT_EVENT: QCoreApplication.translate(
            "SyncReviewDialog", "Timeline entry ({kind})"
        ),
        OutboxKind.ATTACHMENT_UPLOAD: QCoreApplication.translate(
            "SyncReviewDialog", "Signed document"
        ),
    }
    label = kinds[entry.kind]
    if entry.kind is OutboxKind.INCIDENT_PATCH:
        label = label.format(fields=", ".join(entry.payload.get("changes", {})))
    elif entry.kind is OutboxKind.INCIDENT_EVENT:
        label = label.format(kind=entry.payload.get("kind", "?"))
    summary = entry.payload.get("summary") or entry.payload.get("provisional_number")
    return f"{label}: {summary}" if summary else label


def _value(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


class SyncReviewDialog(QDialog):
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
        self.resize(900, 520)
        self._engine, self._ops, self._actor = engine, ops, actor
        self.letters = RowsModel(
            [self.tr("Refused at"), self.tr("Change"), self.tr("Incident"), self.tr("Why")], self
        )
        self.conflicts = RowsModel(
            [self.tr("Incident"), self.tr("Field"), self.tr("Yours"), self.tr("Helpdesk")], self
        )
        self.letters_view = self._view(self.letters)
        self.conflicts_view = self._view(self.conflicts)
        self.retry_button = QPushButton(self.tr("Send again"))
        self.discard_button = QPushButton(self.tr("Discard"))
        self.mine_button = QPushButton(self.tr("Keep yours"))
        self.theirs_button = QPushButton(self.tr("Keep the helpdesk's"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.mine_button.clicked.connect(lambda: self.settle_selected(keep_mine=True))
        self.theirs_button.clicked.connect(lambda: self.settle_selected(keep_mine=False))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<b>Refused by the helpdesk</b>")))
        layout.addWidget(self.letters_view, 1)
        layout.addLayout(_row(self.retry_button, self.discard_button))
        layout.addWidget(QLabel(self.tr("<b>Changed on both sides</b>")))
        layout.addWidget(self.conflicts_view, 1)
        layout.addLayout(_row(self.mine_button, self.theirs_button))
        layout.addWidget(close)
        self.reload()

    def _view(self, model: RowsModel) -> QTableView:
        view = QTableView(self)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        view.verticalHeader().hide()
        return view

    def reload(self) -> None:
        async def load() -> tuple[Sequence[OutboxEntry], Sequence[FieldConflict]]:
            return await self._engine.dead_letters(), await self._engine.open_conflicts()

        self._ops.run_coro(load, on_success=self._show)

    def _show(self, found: tuple[Sequence[OutboxEntry], Sequence[FieldConflict]]) -> None:
        letters, conflicts = found
        self.letters.set_rows(
            letters,
            [
                [clock_time(e.failed_at), change_label(e), e.entity_id[:8], e.last_error]
                for e in letters
            ],
        )
        self.conflicts.set_rows(
            conflicts,
            [
                [c.incident_id[:8], c.field, _value(c.local_value), _value(c.server_value)]
                for c in conflicts
            ],
        )

    def _selected(self, view: QTableView, model: RowsModel) -> Any:
        rows = view.selectionModel().selectedRows()
        return model.items[rows[0].row()] if rows else None

    def retry_selected(self) -> None:
        entry = self._selected(self.letters_view, self.letters)
        if entry is not None:
            self._ops.run_coro(lambda: self._engine.revive(entry.seq), on_success=self._reloaded)

    def discard_selected(self) -> None:
        entry = self._selected(self.letters_view, self.letters)
        if entry is None:
            return
        text = self.tr("Discard this change for good? It stays on this device only.")
        if entry.kind is OutboxKind.INCIDENT_CREATE:
            text = self.tr(
                "Discard this incident's creation? Every later change to it is discarded too."
            )
        answer = QMessageBox.question(self, self.tr("Discard"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self._ops.run_coro(lambda: self._engine.discard(entry.seq), on_success=self._reloaded)

    def settle_selected(self, keep_mine: bool) -> None:
        conflict = self._selected(self.conflicts_view, self.conflicts)
        actor = self._actor()
        if conflict is None or actor is None:
            return
        self._ops.run_coro(
            lambda: self._engine.settle(actor, conflict.id, keep_mine), on_success=self._reloaded
        )

    def _reloaded(self, _result: object) -> None:
        self.reload()


def _row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    return row
