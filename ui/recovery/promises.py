"""The promises recorded on an incident, each with its delivery: *Mark delivered* records
that one was handed over (``RecoveryService.deliver``), for a role with the right.

An incident holds one or a few promises: a row of words and a button each, rebuilt
from the service's answer (``PromiseState``), never edited in place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.recovery.delivery import PromiseState
from ui.form_parts import scrolling_body
from ui.locale_format import format_date_time, format_money
from ui.theme import MIN_TOUCH

Deliver = Callable[[str, QPushButton], None]  # the promise's event id, its button


def promise_text(state: PromiseState) -> str:
    """ "Immediate room upgrade, F&B credit (AUD 300)" — the items, the values shown."""
    promise = state.promise
    if promise is None:
        return QCoreApplication.translate("recovery", "Promise (details not shown)")
    labels = ", ".join(
        item.label
        if item.amount is None
        else f"{item.label} ({format_money(item.amount, promise.currency)})"
        for item in promise.items
    )
    return labels or QCoreApplication.translate("recovery", "Promise")


def state_text(state: PromiseState) -> str:
    if state.delivered_at is not None:
        return QCoreApplication.translate("recovery", "Delivered {when}").format(
            when=format_date_time(state.delivered_at)
        )
    return QCoreApplication.translate("recovery", "Promised {when}").format(
        when=format_date_time(state.promised_at)
    )


class PromiseRow(QWidget):
    def __init__(self, state: PromiseState, can_deliver: bool, deliver: Deliver) -> None:
        super().__init__()
        self.setObjectName("promiseRow")
        self.state = state
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        words = QVBoxLayout()
        self.items_label = QLabel(promise_text(state))
        self.items_label.setWordWrap(True)
        self.status_label = QLabel(state_text(state))
        self.status_label.setObjectName("promiseDelivered" if state.delivered else "promiseOpen")
        self.status_label.setProperty("variant", "subtle")
        self.status_label.setWordWrap(True)
        words.addWidget(self.items_label)
        words.addWidget(self.status_label)
        layout.addLayout(words, 1)
        self.deliver_button: QPushButton | None = None
        if can_deliver and not state.delivered:
            button = QPushButton(QCoreApplication.translate("recovery", "Mark delivered"))
            button.setObjectName("markDelivered")
            button.setMinimumHeight(MIN_TOUCH)
            button.setAccessibleName(
                QCoreApplication.translate("recovery", "Mark delivered: {items}").format(
                    items=self.items_label.text()
                )
            )
            button.clicked.connect(lambda: deliver(state.event_id, button))
            layout.addWidget(button)
            self.deliver_button = button


class PromiseList(QWidget):
    """Every promise of the chosen incident, in an area that scrolls up and down when a
    small screen has no room for them all (a row is never squeezed); hidden while there
    is none."""

    def __init__(self, deliver: Deliver, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryPromises")
        self._deliver = deliver
        self.rows: list[PromiseRow] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(QCoreApplication.translate("recovery", "Promises on this incident"))
        heading.setProperty("variant", "section")
        layout.addWidget(heading)
        self.area, body = scrolling_body("recoveryPromiseRows")
        self._rows_box = QVBoxLayout(body)
        self._rows_box.setContentsMargins(0, 0, 0, 0)
        self._rows_box.addStretch(1)
        layout.addWidget(self.area, 1)
        self.hide()

    def show_states(self, states: Sequence[PromiseState], can_deliver: bool) -> None:
        for row in self.rows:
            self._rows_box.removeWidget(row)
            row.deleteLater()
        self.rows = [PromiseRow(state, can_deliver, self._deliver) for state in states]
        for n, row in enumerate(self.rows):
            self._rows_box.insertWidget(n, row)
        self._fit_first_row()
        self.setVisible(bool(self.rows))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_first_row()

    def _fit_first_row(self) -> None:
        """The first promise in view whole at the width it has, the others a scroll away."""
        if not self.rows:
            return
        row = self.rows[0]
        height = row.heightForWidth(self.area.viewport().width())
        height = max(height, row.sizeHint().height())
        self.area.setMinimumHeight(min(height, 4 * MIN_TOUCH))

    def clear(self) -> None:
        self.show_states((), False)
