"""The alert inbox page: each person's alerts, newest first, read or not; and the checks.

Built at sign-in, the page asks the core for what is new at once (the first check
after a sign-in replays what happened while the person was away), again each time the
board's rows arrive and every ``CHECK_MS`` (a breach within a minute must not wait for
a board reload). New alerts go to the shell's banner (words, sound, announcement).
The page holds no rule: ``app.services.alerts`` decides who is told what.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from app.alerts import Alert
from ui.alerts.text import alert_text, inbox_line
from ui.local_wake import LocalChangeWake
from ui.shell.pages import PageDefaults, PageEnv
from ui.theme import MIN_TOUCH

if TYPE_CHECKING:
    from ui.board.rows import BoardRow

CHECK_MS = 15_000
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class AlertsPage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertsPage")
        self._env = env
        self._service = env.services.alerts
        self._checking = False
        self._again = False  # something changed while a check ran: one more after it
        self._suspended = False  # locked or signed out: nobody to tell
        self.alerts: list[Alert] = []
        self.title = QLabel(self.tr("Alerts"))
        self.title.setObjectName("alertsTitle")
        self.unread = QLabel()
        self.unread.setObjectName("alertsUnread")
        self.unread.setProperty("variant", "subtle")
        self.mark_read = QPushButton(self.tr("Mark all read"))
        self.mark_read.setObjectName("alertsMarkRead")
        self.mark_read.setMinimumHeight(MIN_TOUCH)
        self.mark_read.clicked.connect(self._mark_all_read)
        self.sound = QPushButton()
        self.sound.setObjectName("alertsSound")
        self.sound.setCheckable(True)
        self.sound.setMinimumHeight(MIN_TOUCH)
        self.sound.setChecked(self._service.sound_enabled())
        self._sound_label()
        self.sound.toggled.connect(self._sound_toggled)
        self.items = QStandardItemModel(self)
        self.list = QListView()
        self.list.setObjectName("alertsList")
        self.list.setAccessibleName(self.tr("Alerts"))
        self.list.setModel(self.items)
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.unread, 1)
        top.addWidget(self.sound)
        top.addWidget(self.mark_read)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        # A commit on this console (an incident opened for my guest at the desk beside
        # me) is checked at once, not at the next board reload or timer tick.
        self._wake = LocalChangeWake(env.services.local_changes, self)
        self._wake.committed.connect(self.check)
        self.check()

    # The checks ---------------------------------------------------------------------------

    def check(self) -> None:
        if self._suspended:
            return
        if self._checking:
            self._again = True
            return
        self._checking = True
        self._env.ops.run(
            self._service.check,
            self._env.actor,
            on_success=self._delivered,
            on_error=self._check_failed,
        )

    def _check_failed(self, _exc: BaseException) -> bool:
        self._checked()
        return False  # shown like any other failure

    def _delivered(self, new: list[Alert]) -> None:
        if new and self._env.nav.show_alert(alert_text(new[-1]), len(new) - 1):
            # Shown: announced. Not shown (locked): the next check brings them again.
            # The next check waits for the marks: made before them, it brought the same
            # alerts again, and the banner said them twice.
            ids = [a.id for a in new]
            self._env.ops.run(
                self._service.announced,
                self._env.actor,
                ids,
                on_success=lambda _marked: self._checked(),
                on_error=self._check_failed,
            )
            self.reload()
            return
        self.reload()
        self._checked()

    def _checked(self) -> None:
        self._checking = False
        if self._again:
            self._again = False
            self.check()

    def reload(self) -> None:
        self._env.ops.run(self._service.inbox, self._env.actor, on_success=self._show)

    def _show(self, alerts: list[Alert]) -> None:
        self.alerts = alerts
        self.items.clear()
        for alert in alerts:
            item = QStandardItem(inbox_line(alert))
            item.setEditable(False)
            item.setData(alert.id, ID_ROLE)
            if alert.unread:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            self.items.appendRow(item)
        unread = sum(1 for a in alerts if a.unread)
        self.unread.setText(self.tr("{n} unread").format(n=unread) if unread else "")
        self.mark_read.setEnabled(unread > 0)

    # What the user does -------------------------------------------------------------------

    def _mark_all_read(self) -> None:
        ids = [a.id for a in self.alerts if a.unread]
        if ids:
            actor = self._env.actor
            self._env.ops.run(
                self._service.mark_read, actor, ids, on_success=lambda _n: self.reload()
            )

    def _open(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.alerts):
            alert = self.alerts[row]
            if alert.unread:
                actor = self._env.actor
                self._env.ops.run(
                    self._service.mark_read, actor, [alert.id], on_success=lambda _n: None
                )
            self._env.nav.open_incident(alert.incident_id)

    def _sound_toggled(self, on: bool) -> None:
        self._sound_label()
        self._env.ops.run(self._service.set_sound, self._env.actor, on)

    def _sound_label(self) -> None:
        on = self.sound.isChecked()
        self.sound.setText(self.tr("Sound: on") if on else self.tr("Sound: off"))

    # Page ---------------------------------------------------------------------------------

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        self.check()  # something changed on the floor

    def suspend(self) -> None:
        self._suspended = True
        self.timer.stop()

    def resume(self) -> None:
        self._suspended = False
        self.timer.start()
        self.check()


def title() -> str:
    return QCoreApplication.translate("pages", "Alerts")
