"""The host's page: my guests (with open incidents and alerts) and the chosen guest's
card, timeline, code-word check, preference editor and service recovery."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.permissions import GuestCardView
from app.services.timeline import MyGuestRow
from ui.async_ops import AsyncOps
from ui.guest.card_widget import GuestCardWidget
from ui.guest.code_word import CodeWordCheck
from ui.guest.timeline import GuestTimelineView
from ui.host.alerts import AlertList, AlertToast, HostAlert, HostAlertWatcher
from ui.host.my_guests import MyGuestsModel
from ui.host.preferences_editor import PreferencesEditor
from ui.recovery.panel import RecoveryPanel


class HostPage(QWidget):
    def __init__(
        self,
        context: Any,
        ops: AsyncOps,
        actor: Actor,
        *,
        engine: Any = None,
        host_names: Callable[[str], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hostPage")
        self._context, self._ops, self._actor = context, ops, actor
        self._rows: list[MyGuestRow] = []
        self.current: GuestCardView | None = None

        self.model = MyGuestsModel(self)
        self.table = QTableView()
        self.table.setObjectName("myGuests")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.clicked.connect(self._row_chosen)
        self.alert_list = AlertList()
        self.alert_list.clicked.connect(self._alert_chosen)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(_heading(self.tr("My guests")))
        left_box.addWidget(self.table, 3)
        left_box.addWidget(_heading(self.tr("Alerts")))
        left_box.addWidget(self.alert_list, 1)

        self.code_word = CodeWordCheck(context.guests, ops)
        self.card = GuestCardWidget(host_names)
        self.card.enable_reveal(ops, lambda gid: context.guests.reveal_itinerary(actor, gid))
        self.card.enable_paging(ops, partial(context.guests.request_paging, actor))
        self.timeline = GuestTimelineView(context.timeline, ops, acts=lambda: context.acts)
        self.preferences = PreferencesEditor(context.preferences, ops)
        self.preferences.saved.connect(lambda _g: self._open(self._guest_id()))
        self.incident_choice = QComboBox()
        self.incident_choice.setObjectName("recoveryIncident")
        self.incident_choice.currentIndexChanged.connect(self._incident_chosen)
        self.recovery = RecoveryPanel(context.recovery, ops)
        self.recovery.promised.connect(lambda _i: self._reload_guest())
        recovery_tab = QWidget()
        rbox = QVBoxLayout(recovery_tab)
        rbox.addWidget(self.incident_choice)
        rbox.addWidget(self.recovery, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hostTabs")
        self.tabs.addTab(self.card, self.tr("Card"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.preferences, self.tr("Preferences"))
        self.tabs.addTab(recovery_tab, self.tr("Service recovery"))
        self.status = QLabel()
        self.status.setObjectName("hostStatus")
        self.status.setProperty("variant", "subtle")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.code_word)
        right_box.addWidget(self.tabs, 1)
        right_box.addWidget(self.status)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([660, 840])
        layout = QHBoxLayout(self)
        layout.addWidget(splitter)
        self.toast = AlertToast(self)

        self.watcher = HostAlertWatcher(
            context.timeline, ops, actor, engine=engine, store=context.store, parent=self
        )
        self.watcher.rows_changed.connect(self._show_rows)
        self.watcher.alert.connect(self._alert)
        self.destroyed.connect(self.watcher.close)
        self.watcher.check()

    # -- slots -----------------------------------------------------------------------

    def _show_rows(self, rows: list[MyGuestRow]) -> None:
        chosen = self._guest_id()
        self._rows = rows
        self.model.set_rows(rows)
        if chosen is not None and (row := self.model.row_of(chosen)) >= 0:
            self.table.selectRow(row)
            self._fill_incidents(rows[row])

    def _alert(self, alert: HostAlert) -> None:
        self.alert_list.add(alert)
        self.toast.show_alert(alert)

    def _row_chosen(self, index: QModelIndex) -> None:
        self._open(self.model.row_at(index.row()).guest.id)

    def _alert_chosen(self, index: QModelIndex) -> None:
        guest_id = index.data(Qt.ItemDataRole.UserRole + 1)
        if guest_id:
            self._open(guest_id)
            self.tabs.setCurrentIndex(3)

    def open_guest(self, guest_id: str) -> None:
        self._open(guest_id)

    def _open(self, guest_id: str | None) -> None:
        if guest_id is None:
            return
        self._ops.run(self._context.guests.card, self._actor, guest_id, on_success=self._show_card)

    def _reload_guest(self) -> None:
        self._open(self._guest_id())
        self.watcher.check()

    def _show_card(self, view: GuestCardView) -> None:
        self.current = view
        today = self._context.clock.now().date()
        self.card.show_card(view, today)
        self.code_word.set_guest(self._actor, view.guest.id, on_file=view.can_verify_code_word)
        self.preferences.set_guest(
            self._actor, view.guest.id, view.guest.preferences, editable=view.is_own_guest
        )
        self.timeline.load(self._actor, view.guest.id)
        row = self.model.row_of(view.guest.id)
        if row >= 0:
            self.table.selectRow(row)
            self._fill_incidents(self.model.row_at(row))
        else:
            self._fill_incidents(None)

    def _fill_incidents(self, row: MyGuestRow | None) -> None:
        chosen = self.incident_choice.currentData()
        self.incident_choice.blockSignals(True)
        self.incident_choice.clear()
        for incident in row.open_incidents if row else ():
            self.incident_choice.addItem(
                f"{incident.display_number} {incident.priority.value}", incident.id
            )
        at = self.incident_choice.findData(chosen)
        self.incident_choice.setCurrentIndex(max(at, 0))
        self.incident_choice.blockSignals(False)
        if self.incident_choice.currentData() != chosen or chosen is None:
            self._incident_chosen()

    def _incident_chosen(self, *_: Any) -> None:
        self.recovery.set_incident(self._actor, self.incident_choice.currentData())

    def _guest_id(self) -> str | None:
        return self.current.guest.id if self.current else None

    def _status(self, text: str) -> None:
        self.status.setText(text)

    def resizeEvent(self, event: Any) -> None:  # keep the toast in its corner
        super().resizeEvent(event)
        if self.toast.isVisible():
            self.toast.move(self.width() - self.toast.width() - 16, 16)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("variant", "section")
    return label
