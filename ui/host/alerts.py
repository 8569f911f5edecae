"""Host alerts: one of my guests is in an incident (SPEC §1: the host is the single point
of contact).

``HostAlertWatcher`` re-reads "my guests" and their open incidents (off the GUI
thread) whenever something may have changed: the board reloaded (its timer, or the
sync bringing changes from the helpdesk: the page calls ``check``) or a change was
committed on this device (``LocalChanges``, called from the committing thread and
re-emitted here as a queued signal). An open incident not seen before raises
``alert``; the first read only sets the baseline. The listener added at the start is
removed by ``close`` (the page calls it when it goes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QFrame, QLabel, QListView, QVBoxLayout, QWidget

from app.actor import Actor
from app.services.console import LocalChanges
from app.services.timeline import MyGuestRow, TimelineService
from ui.async_ops import AsyncOps
from ui.board.model import category_label
from ui.incident.labels import incident_ticket

TOAST_MS = 8000


@dataclass(frozen=True, slots=True)
class HostAlert:
    incident_id: str
    guest_id: str
    guest_name: str
    reference: str
    category: str
    priority: str
    opened_at: datetime


class HostAlertWatcher(QObject):
    alert = Signal(object)  # HostAlert
    rows_changed = Signal(object)  # list[MyGuestRow]
    _wake = Signal()

    def __init__(
        self,
        timeline: TimelineService,
        ops: AsyncOps,
        actor: Actor,
        *,
        changes: LocalChanges | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._timeline, self._ops, self._actor = timeline, ops, actor
        self._known: set[str] | None = None
        self._running = False
        self._again = False
        self._closed = False
        self._wake.connect(self.check, Qt.ConnectionType.QueuedConnection)
        self._changes = changes
        if changes is not None:
            changes.add_listener(self._committed)

    def close(self) -> None:
        self._closed = True
        if self._changes is not None:
            self._changes.remove_listener(self._committed)
            self._changes = None

    # Called on the committing thread: only re-emit.
    def _committed(self) -> None:
        self._poke()

    def _poke(self) -> None:
        if not self._closed and shiboken6.isValid(self):
            self._wake.emit()

    def check(self) -> None:
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._ops.run(
            self._timeline.my_guests, self._actor, on_success=self._read, on_error=self._failed
        )

    def _failed(self, exc: BaseException) -> bool:
        self._finish()
        return False

    def _read(self, rows: list[MyGuestRow]) -> None:
        current = {i.id: (row, i) for row in rows for i in row.open_incidents}
        if self._known is not None:
            for incident_id in current.keys() - self._known:
                row, incident = current[incident_id]
                self.alert.emit(
                    HostAlert(
                        incident_id=incident.id,
                        guest_id=row.guest.id,
                        guest_name=row.guest.display_name,
                        reference=incident_ticket(incident),
                        category=incident.category.value,
                        priority=incident.priority.value,
                        opened_at=incident.opened_at,
                    )
                )
        self._known = set(current)
        self.rows_changed.emit(rows)
        self._finish()

    def _finish(self) -> None:
        self._running = False
        if self._again and not self._closed:
            self._again = False
            self.check()


def alert_text(alert: HostAlert) -> str:
    from PySide6.QtCore import QCoreApplication

    from app.domain import Category

    try:
        what = category_label(Category(alert.category))
    except ValueError:
        what = alert.category
    return QCoreApplication.translate(
        "HostAlerts", "{guest} is in an incident: {ticket} {priority} {what}"
    ).format(guest=alert.guest_name, ticket=alert.reference, priority=alert.priority, what=what)


class AlertToast(QFrame):
    """A banner over the page's top edge; taps open the guest; hides by itself."""

    clicked = Signal(str)  # the alert's guest id

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._guest_id = ""
        self.setObjectName("hostAlertToast")
        self.setProperty("variant", "panel")
        self.setStyleSheet("#hostAlertToast { background-color: #8a2b2b; border-radius: 8px; }")
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setObjectName("hostAlertText")
        self.label.setWordWrap(True)
        self.label.setStyleSheet("color: #ffffff; font-weight: bold; font-size: 15pt;")
        layout.addWidget(self.label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)
        self.hide()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        self.hide()
        if self._guest_id:
            self.clicked.emit(self._guest_id)

    def show_alert(self, alert: HostAlert) -> None:
        self._guest_id = alert.guest_id
        self.label.setText(alert_text(alert))
        parent = self.parentWidget()
        width = min(640, parent.width() - 32) if parent else 600
        self.setFixedWidth(max(320, width))
        self.adjustSize()
        if parent is not None:
            self.move(parent.width() - self.width() - 16, 16)
        self.show()
        self.raise_()
        self._timer.start(TOAST_MS)


class AlertList(QListView):
    """The host's alerts, newest first (a model, not a widget per row)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostAlertList")
        self.alerts = QStandardItemModel(self)
        self.setModel(self.alerts)
        self.setWordWrap(True)  # an alert wraps in the list's width, never scrolls sideways
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def add(self, alert: HostAlert) -> None:
        item = QStandardItem(alert_text(alert))
        item.setEditable(False)
        item.setData(alert.guest_id, Qt.ItemDataRole.UserRole + 1)
        item.setData(alert.incident_id, Qt.ItemDataRole.UserRole + 2)
        self.alerts.insertRow(0, item)

    def texts(self) -> list[str]:
        return [self.alerts.item(r).text() for r in range(self.alerts.rowCount())]
