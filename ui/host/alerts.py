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

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QListView, QWidget

from app.actor import Actor
from app.services.console import LocalChanges
from app.services.timeline import MyGuestRow, TimelineService
from ui.async_ops import AsyncOps
from ui.board.labels import category_label
from ui.incident.labels import incident_ticket
from ui.local_wake import LocalChangeWake


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
        self._wake = LocalChangeWake(changes, self)
        self._wake.committed.connect(self.check)

    def close(self) -> None:
        self._closed = True
        self._wake.close()

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
