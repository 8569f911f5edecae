"""Service recovery on an incident: the matrix's proposal, refused incentives, the promise.

``RecoveryService.proposal`` says which recovery events the incident triggers (a P1
past its SLA, an overbooking, a broken transfer…) and what to offer; play incentives
the guest may not receive (self-excluded, cooling-off) are listed apart with the
reason. *Record promise* stores the ticked offers on the incident (and so on its act).
Below, the incident's promises (``ui.recovery.promises``): each one delivered, or with
*Mark delivered* for a role that may record it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget

from app.actor import Actor
from app.permissions import Action, allowed
from app.recovery.delivery import PromiseState
from app.recovery.matrix import CompensationItem, RecoveryEvent
from app.recovery.proposals import Proposal
from app.services.errors import ServiceError
from ui.async_ops import AsyncOps
from ui.error_text import error_text
from ui.form_parts import error_line
from ui.recovery.promises import PromiseList

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1


def event_label(event: RecoveryEvent) -> str:
    labels = {
        RecoveryEvent.P1_DELAY: QCoreApplication.translate("recovery", "P1 past its SLA"),
        RecoveryEvent.ROOM_OVERBOOKING: QCoreApplication.translate("recovery", "Room overbooking"),
        RecoveryEvent.BROKEN_TRANSFER: QCoreApplication.translate("recovery", "Broken transfer"),
        RecoveryEvent.BILLING_ERROR: QCoreApplication.translate(
            "recovery", "Billing or comp error"
        ),
        RecoveryEvent.VIP_ROOM_WAIT: QCoreApplication.translate(
            "recovery", "Wait over 10 min in the VIP room"
        ),
    }
    return labels.get(event, event.value)


def item_text(item: CompensationItem, currency: str) -> str:
    amount = f" — {currency} {item.amount:,.0f}" if item.amount is not None else ""
    return f"{item.label}{amount}\n{item.conditions}" if item.conditions else item.label + amount


class RecoveryPanel(QWidget):
    promised = Signal(object)  # the incident, redacted
    delivered = Signal(object)  # the incident's promises (``PromiseState``s) after a delivery

    def __init__(self, recovery: Any, ops: AsyncOps, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPanel")
        self._service, self._ops = recovery, ops
        self._actor: Actor | None = None
        self._incident_id: str | None = None
        self.proposal: Proposal | None = None
        layout = QVBoxLayout(self)
        self.events_label = QLabel(self.tr("Choose an open incident."))
        self.events_label.setObjectName("recoveryEvents")
        self.events_label.setProperty("variant", "section")
        self.events_label.setWordWrap(True)
        layout.addWidget(self.events_label)
        self.offers = QStandardItemModel(self)
        self.offers_view = QListView()
        self.offers_view.setObjectName("recoveryOffers")
        self.offers_view.setAccessibleName(self.tr("Offers"))
        self.offers_view.setModel(self.offers)
        self.offers_view.setWordWrap(True)
        layout.addWidget(self.offers_view, 1)
        self.refused_label = QLabel()
        self.refused_label.setObjectName("refusedIncentives")
        self.refused_label.setProperty("variant", "error")
        self.refused_label.setWordWrap(True)
        self.refused_label.hide()
        layout.addWidget(self.refused_label)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("recoveryNote")
        self.note_edit.setPlaceholderText(self.tr("Note for the act (optional)"))
        self.note_edit.setAccessibleName(self.note_edit.placeholderText())
        layout.addWidget(self.note_edit)
        self.promise_button = QPushButton(self.tr("Record promise"))
        self.promise_button.setObjectName("recordPromise")
        self.promise_button.setProperty("variant", "primary")
        self.promise_button.clicked.connect(self.record_promise)
        self.promise_button.setEnabled(False)
        layout.addWidget(self.promise_button)
        # A refusal and a confirmation each keep their own style (a variant changed on a
        # shown label loses the stylesheet's padding).
        self.message = error_line("recoveryMessage")
        layout.addWidget(self.message)
        self.recorded = QLabel(self.tr("Promise recorded on the incident and its act."))
        self.recorded.setObjectName("recoveryRecorded")
        self.recorded.setProperty("variant", "info")
        self.recorded.setWordWrap(True)
        self.recorded.hide()
        layout.addWidget(self.recorded)
        self.promises = PromiseList(self.mark_delivered)
        layout.addWidget(self.promises, 1)  # shares the height left with the offers

    def set_incident(self, actor: Actor, incident_id: str | None) -> None:
        self._actor, self._incident_id = actor, incident_id
        self.offers.clear()
        self.refused_label.hide()
        self.message.hide()
        self.recorded.hide()
        self.promise_button.setEnabled(False)
        self.promises.clear()
        if incident_id is None:
            self.events_label.setText(self.tr("No open incident for this guest."))
            return
        self._ops.run(
            self._service.proposal,
            actor,
            incident_id,
            on_success=lambda p: self._show(incident_id, p),
            on_error=self._failed,
        )
        self._read_promises()

    def _read_promises(self) -> None:
        incident_id = self._incident_id
        if self._actor is None or incident_id is None:
            return
        self._ops.run(
            self._service.promises,
            self._actor,
            incident_id,
            on_success=lambda states: self._show_promises(incident_id, states),
            on_error=self._failed,
        )

    def _show_promises(self, incident_id: str, states: list[PromiseState]) -> None:
        if incident_id != self._incident_id or self._actor is None:
            return
        self.promises.show_states(states, allowed(self._actor, Action.COMPENSATION_DELIVER))

    def mark_delivered(self, promise_id: str, button: QPushButton) -> None:
        incident_id = self._incident_id
        if self._actor is None or incident_id is None:
            return
        self.message.hide()
        self._ops.run(
            self._service.deliver,
            self._actor,
            incident_id,
            promise_id,
            on_success=lambda states: self._delivered(incident_id, states),
            on_error=self._delivery_failed,
            busy=button,
            owner=self,
        )

    def _delivered(self, incident_id: str, states: list[PromiseState]) -> None:
        self._show_promises(incident_id, states)
        self.delivered.emit(states)

    def _show(self, incident_id: str, proposal: Proposal) -> None:
        if incident_id != self._incident_id:
            return
        self.proposal = proposal
        self.offers.clear()  # two reads of one incident (a tap, then a reload) show once
        if not proposal.events:
            self.events_label.setText(
                self.tr("No recovery event for this incident yet (within its SLA).")
            )
        else:
            events = ", ".join(event_label(e) for e in proposal.events)
            self.events_label.setText(self.tr("Recovery due: {events}").format(events=events))
        for item in proposal.offers:
            row = QStandardItem(item_text(item, proposal.currency))
            row.setCheckable(True)
            row.setCheckState(Qt.CheckState.Checked)
            row.setEditable(False)
            row.setData(item, ITEM_ROLE)
            self.offers.appendRow(row)
        if proposal.refused:
            refused = ", ".join(item.label for item in proposal.refused)
            self.refused_label.setText(
                self.tr("Not offered: {items}. {reason}").format(
                    items=refused, reason=self._reason(proposal)
                )
            )
            self.refused_label.show()
        self.promise_button.setEnabled(bool(proposal.offers))

    def _reason(self, proposal: Proposal) -> str:
        reason = proposal.refusal_reason
        return error_text(reason) if reason is not None else ""

    def chosen(self) -> list[CompensationItem]:
        return [
            self.offers.item(r).data(ITEM_ROLE)
            for r in range(self.offers.rowCount())
            if self.offers.item(r).checkState() == Qt.CheckState.Checked
        ]

    def record_promise(self) -> None:
        if self._actor is None or self._incident_id is None:
            return
        self._ops.run(
            self._service.promise,
            self._actor,
            self._incident_id,
            self.chosen(),
            self.note_edit.text(),
            on_success=self._promised,
            on_error=self._failed,
            busy=self.promise_button,
        )

    def _promised(self, incident: Any) -> None:
        self.message.hide()
        self.recorded.show()
        self.note_edit.clear()
        self._read_promises()
        self.promised.emit(incident)

    def _delivery_failed(self, exc: BaseException) -> bool:
        handled = self._failed(exc)
        if handled:
            self._read_promises()  # delivered meanwhile (another tablet): show it so
        return handled

    def _failed(self, exc: BaseException) -> bool:
        if not isinstance(exc, ServiceError):
            return False
        self.recorded.hide()
        self.message.setText(error_text(exc))
        self.message.show()
        return True
