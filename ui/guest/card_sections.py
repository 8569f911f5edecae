"""The pieces of a guest card, built once and filled again on every swipe.

A swipe must be painted within a frame: building the card's widgets again (and handing
a new body to the scroll area) cost most of it. Sections keep their rows and show only
as many as the guest needs; a section with none is hidden.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QVBoxLayout,
    QWidget,
)

from app.domain import Incident
from app.swipe import mask_card_number
from ui.board.model import category_label, status_label
from ui.locale_format import format_date, format_money


class CardSection(QFrame):
    """A titled panel of label/value rows: ``begin()``, ``add()`` each row, ``finish()``.
    Rows kept from an earlier guest are filled again, the surplus removed; full-width rows added to
    ``form`` directly (a button, a line) come after them."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setProperty("variant", "panel")
        outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("variant", "section")
        heading.setWordWrap(True)  # a long title (French) on a narrow card: never cut
        outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setHorizontalSpacing(16)
        outer.addLayout(self.form)
        self._rows: list[tuple[QLabel, QLabel]] = []
        self._used = 0
        self._shown = 0  # rows visible now
        self.empty = True

    def begin(self) -> None:
        self._used = 0
        self.empty = True

    def add(self, label: str, value: str) -> None:
        if self._used == len(self._rows):
            self._rows.append(self._new_row())
        key, text = self._rows[self._used]
        if not label and key.text():  # Qt sizes an emptied label unlike an empty one
            fresh = self._key_label()
            self.form.replaceWidget(key, fresh)
            fresh.show()
            key.setParent(None)
            key.deleteLater()
            key = fresh
            self._rows[self._used] = (key, text)
        key.setText(label)
        text.setText(value)
        self._used += 1
        self.empty = False

    def finish(self) -> None:
        """Rows beyond those added are hidden (kept for a later guest); the section is
        hidden when it has none."""
        for row in range(min(self._used, self._shown), max(self._used, self._shown)):
            self.form.setRowVisible(row, row < self._used)  # only the rows that change
        self._shown = self._used
        if self.isHidden() != self.empty:
            self.setVisible(not self.empty)

    def _key_label(self) -> QLabel:
        key = QLabel()
        key.setProperty("variant", "subtle")
        key.setWordWrap(True)
        return key

    def _new_row(self) -> tuple[QLabel, QLabel]:
        key = self._key_label()
        text = QLabel()
        text.setProperty("variant", "value")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.form.insertRow(len(self._rows), key, text)  # before any full-width row
        key.show()  # now: a layout shows what it adopts only on a later turn of the loop
        text.show()
        return key, text


class CardBody(QWidget):
    """The card's content: as narrow as its scroll area, whatever the longest line wants
    (labels wrap; nothing is cut on the right)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())


def banner(text: str, variant: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setProperty("variant", variant)
    label.setWordWrap(True)
    return label


def visible_texts(widget: QWidget) -> list[str]:
    """The text of every label ``widget`` shows, in the order of its layouts."""
    texts: list[str] = []
    layout = widget.layout()
    if layout is not None:
        _layout_texts(layout, widget, texts)
    return texts


def _layout_texts(layout: QLayout, top: QWidget, texts: list[str]) -> None:
    for item in _items_in_order(layout):
        child = item.widget()
        if child is None:
            inner = item.layout()
            if inner is not None:
                _layout_texts(inner, top, texts)
        elif not child.isVisibleTo(top):
            continue
        elif isinstance(child, QLabel):
            texts.append(child.text())
        elif (own := child.layout()) is not None:
            _layout_texts(own, top, texts)


def _items_in_order(layout: QLayout) -> list[QLayoutItem]:
    """A layout's items top to bottom (a form's by row: its rows are inserted)."""
    if isinstance(layout, QFormLayout):
        roles = (
            QFormLayout.ItemRole.LabelRole,
            QFormLayout.ItemRole.FieldRole,
            QFormLayout.ItemRole.SpanningRole,
        )
        found = (layout.itemAt(row, role) for row in range(layout.rowCount()) for role in roles)
        return [item for item in found if item is not None]
    return [item for n in range(layout.count()) if (item := layout.itemAt(n)) is not None]


def mask(card_number: str) -> str:
    return mask_card_number(card_number) if card_number else ""


def money(value: Decimal | None, currency: str) -> str:
    return "" if value is None else format_money(value, currency)


def incident_line(incident: Incident) -> str:
    when = format_date(incident.opened_at.astimezone().date())
    parts = [
        incident.priority.value,
        category_label(incident.category),
        status_label(incident.status),
        when,
    ]
    return " · ".join(parts)
