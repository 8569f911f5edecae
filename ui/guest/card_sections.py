"""The pieces of a guest card, built once and filled again on every swipe.

A swipe must be painted within a frame: building the card's widgets again (and handing
a new body to the scroll area) cost most of it. A section's rows are texts handed to
one painted widget (ui/guest/field_rows.py); a section with none is hidden.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLayout,
    QLayoutItem,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from app.domain import Incident
from app.swipe import mask_card_number
from ui.board.labels import category_label, status_label
from ui.guest.field_rows import FieldRows
from ui.locale_format import format_date, format_money


class _HintAtOwnWidth:
    """Hints the height for the width the layout gave it last, not for its own width
    hint: Qt asks a layout's hint at that other width (``totalSizeHint``), and each new
    width lays every section's rows out again (a card's sections, at each swipe)."""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        if not self.testAttribute(Qt.WidgetAttribute.WA_Resized):  # type: ignore[attr-defined]
            hint: QSize = super().sizeHint()  # type: ignore[misc]
            return hint  # never laid out yet: its own hint
        width = self.width()  # type: ignore[attr-defined]
        return QSize(width, self.heightForWidth(width))  # type: ignore[attr-defined]


class CardSection(_HintAtOwnWidth, QFrame):
    """A titled panel of label/value rows: ``begin()``, ``add()`` each row, ``finish()``.
    The rows are painted by one ``FieldRows``; a widget given to ``add_widget`` (a
    button) comes under them. A section with no row is hidden. ``values``: as in
    ``FieldRows``."""

    def __init__(self, title: str, *, values: str = "value") -> None:
        super().__init__()
        self.setProperty("variant", "panel")
        self._outer = outer = QVBoxLayout(self)
        heading = QLabel(title)
        heading.setProperty("variant", "section")
        heading.setWordWrap(True)  # a long title (French) on a narrow card: never cut
        outer.addWidget(heading)
        self.rows = FieldRows(values=values)
        self.rows.setAccessibleName(title)
        outer.addWidget(self.rows)
        self._pending: list[tuple[str, str]] = []
        self.empty = True

    def begin(self) -> None:
        self._pending = []
        self.empty = True

    def add(self, label: str, value: str) -> None:
        self._pending.append((label, value))
        self.empty = False

    def add_widget(self, widget: QWidget) -> None:
        self._outer.addWidget(widget)

    def finish(self) -> None:
        """The rows added since ``begin()`` replace the ones shown; the section is
        hidden when it has none."""
        self.rows.set_rows(self._pending)
        if self.isHidden() != self.empty:
            self.setVisible(not self.empty)


class CardBody(_HintAtOwnWidth, QWidget):
    """The card's content: as narrow as its scroll area, whatever the longest line wants
    (labels wrap; nothing is cut on the right).

    Opaque: it paints its own (theme's) background, so a swipe's repaint stops here
    rather than painting the window, the shell, the page and the card's frame under it
    first (Qt counts a style sheet's background as see-through)."""

    def __init__(self) -> None:
        super().__init__()
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        option = QStyleOption()
        option.initFrom(self)
        painter = QPainter(self)
        painter.setClipRegion(event.region())
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_Widget, option, painter, self)


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
        elif isinstance(child, FieldRows):
            texts.extend(child.texts())
        elif (own := child.layout()) is not None:
            _layout_texts(own, top, texts)


def _items_in_order(layout: QLayout) -> list[QLayoutItem]:
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
