"""The host's page: my guests (with their open incidents) and alerts, and the chosen
guest's card with the code-word check, timeline, preference editor and service recovery.

A guest swiped or picked in the search bar opens here, like a row tapped. The alerts
are re-read when the board reloads and when this console commits a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.guest_card import GuestCardView
from app.recovery.delivery import pending_promises
from app.services.timeline import MyGuestRow
from ui.board.rows import BoardRow
from ui.choice_row import TouchPicker
from ui.guest.card_panel import guest_card_for
from ui.guest.card_widget import GuestCardWidget
from ui.guest.code_word import CodeWordCheck
from ui.guest.timeline import GuestTimelineView
from ui.host.alerts import AlertList, HostAlert, HostAlertWatcher
from ui.host.my_guests import MyGuestsModel
from ui.host.preferences_editor import PreferencesEditor
from ui.incident.labels import incident_ticket
from ui.list_detail import ListBesideDetail
from ui.recovery.panel import RecoveryPanel
from ui.shell.pages import PageDefaults, PageEnv

CARD_TAB, TIMELINE_TAB, PREFERENCES_TAB, RECOVERY_TAB = range(4)
LIST_MIN_WIDTH = 260  # my guests and alerts; the card takes the rest


class HostPage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostPage")
        self._env, self._ops, self._actor = env, env.ops, env.actor
        services = env.services
        self._rows: list[MyGuestRow] = []
        self.current: GuestCardView | None = None

        self.model = MyGuestsModel(self)
        self.table = QTableView()
        self.table.setObjectName("myGuests")
        self.table.setAccessibleName(self.tr("My guests"))
        self.table.setModel(self.model)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().hide()  # "My guests" heads the list
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._row_chosen)
        self.alert_list = AlertList()
        self.alert_list.setAccessibleName(self.tr("Alerts"))  # the heading above each list
        self.alert_list.clicked.connect(self._alert_chosen)
        left = QWidget()
        left.setMinimumWidth(LIST_MIN_WIDTH)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(_heading(self.tr("My guests")))
        left_box.addWidget(self.table, 3)
        left_box.addWidget(_heading(self.tr("Alerts")))
        left_box.addWidget(self.alert_list, 1)

        self.code_word = CodeWordCheck(services.guests, env.ops)
        self.card = guest_card_for(env)
        card_tab = QWidget()
        card_box = QVBoxLayout(card_tab)
        card_box.setContentsMargins(0, 4, 0, 0)
        card_box.addWidget(self.code_word)
        card_box.addWidget(self.card, 1)
        self.timeline = GuestTimelineView(services.timeline, env.ops, acts=lambda: services.acts)
        self.preferences = PreferencesEditor(services.preferences, env.ops)
        self.preferences.saved.connect(lambda _g: self._open(self._guest_id()))
        self.incident_choice = TouchPicker("recoveryIncident", 3)
        self.incident_choice.changed.connect(self._incident_chosen)
        self.recovery = RecoveryPanel(services.recovery, env.ops)
        self.recovery.promised.connect(lambda _i: self._reload_guest())
        self.recovery.delivered.connect(lambda _p: self._reload_guest())
        recovery_tab = QWidget()
        rbox = QVBoxLayout(recovery_tab)
        rbox.addWidget(self.incident_choice)
        rbox.addWidget(self.recovery, 1)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("hostTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(card_tab, self.tr("Card"))
        self.tabs.addTab(self.timeline, self.tr("Timeline"))
        self.tabs.addTab(self.preferences, self.tr("Preferences"))
        self.tabs.addTab(recovery_tab, self.tr("Recovery"))
        self.status = QLabel()
        self.status.setObjectName("hostStatus")
        self.status.setProperty("variant", "subtle")
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.tabs, 1)
        right_box.addWidget(self.status)

        # Side by side; one at a time where large text leaves the tabs no room beside it.
        self.panes = ListBesideDetail(
            left, right, self.tr("My guests"), lambda: self.tabs.tabBar().sizeHint().width()
        )
        splitter = self.panes.splitter
        # The tabs get two thirds: the timeline's columns and the card need the room more
        # than the list, whose names wrap.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 600])  # scaled to the page's width when shown
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.panes)

        self.watcher = HostAlertWatcher(
            services.timeline, env.ops, env.actor, changes=services.local_changes, parent=self
        )
        self.watcher.rows_changed.connect(self._show_rows)
        self.watcher.alert.connect(self._alert)
        self.destroyed.connect(self.watcher.close)
        self.watcher.check()

    # -- Page ------------------------------------------------------------------------

    def guest_card(self) -> GuestCardWidget:
        return self.card

    def show_guest(self, view: GuestCardView) -> None:
        self._show_card(view)
        self.tabs.setCurrentIndex(CARD_TAB)

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        self.watcher.check()  # the board moved: an incident of one of my guests may be new

    # -- slots -----------------------------------------------------------------------

    def _show_rows(self, rows: list[MyGuestRow]) -> None:
        chosen = self._guest_id()
        self._rows = rows
        self.model.set_rows(rows)
        if chosen is not None and (row := self.model.row_of(chosen)) >= 0:
            self.table.selectRow(row)
            self._fill_incidents(rows[row])

    def _alert(self, alert: HostAlert) -> None:
        # Kept on the page beside the guests; the words, the sound and the screen
        # reader's announcement are the window's banner (app/alerts), not a second toast.
        self.alert_list.add(alert)

    def _row_chosen(self, index: QModelIndex) -> None:
        self._open(self.model.row_at(index.row()).guest.id)

    def _alert_chosen(self, index: QModelIndex) -> None:
        guest_id = index.data(Qt.ItemDataRole.UserRole + 1)
        if guest_id:
            self._open_alert(guest_id)

    def _open_alert(self, guest_id: str) -> None:
        self._open(guest_id)
        self.tabs.setCurrentIndex(RECOVERY_TAB)

    def open_guest(self, guest_id: str) -> None:
        self._open(guest_id)

    def _open(self, guest_id: str | None) -> None:
        if guest_id is None:
            return
        guests = self._env.services.guests
        self._ops.run(guests.card, self._actor, guest_id, on_success=self._show_card)

    def _reload_guest(self) -> None:
        self._open(self._guest_id())
        self.watcher.check()

    def _show_card(self, view: GuestCardView) -> None:
        self.current = view
        self.panes.show_detail()
        self.card.show_card(view, self._env.clock.now().date())
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
            self.table.clearSelection()
            self._fill_incidents(None)

    def _fill_incidents(self, row: MyGuestRow | None) -> None:
        """The guest's open incidents, then the closed ones with a promise still to
        deliver (a promise is often kept after the resolution), and the one chosen (its
        promise just delivered stays in view)."""
        chosen = self.incident_choice.value()
        open_ids = {i.id for i in (row.open_incidents if row else ())}
        owed = [
            i
            for i in (self.current.incidents if self.current else ())
            if i.id not in open_ids and (i.id == chosen or pending_promises(i))
        ]
        options = [
            (f"{incident_ticket(i)} {i.priority.value}", i.id)
            for i in (*(row.open_incidents if row else ()), *owed)
        ]
        self.incident_choice.set_options(options, chosen)
        self.incident_choice.setVisible(bool(options))
        if self.incident_choice.value() != chosen or chosen is None:
            self._incident_chosen()

    def _incident_chosen(self, *_: Any) -> None:
        self.recovery.set_incident(self._actor, self.incident_choice.value())

    def _guest_id(self) -> str | None:
        return self.current.guest.id if self.current else None


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("variant", "section")
    return label
