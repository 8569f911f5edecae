"""Small pieces every form repeats: the primary/cancel row, the error line, the refusal."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, Qt, SignalInstance
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QWidget,
)

from app.messages import KeyedError
from app.services.errors import ServiceError
from ui.error_text import error_text


def action_row(primary: QPushButton, cancelled: SignalInstance, cancel_name: str) -> QHBoxLayout:
    """``primary`` then a Cancel button that emits ``cancelled``, left-aligned."""
    row = QHBoxLayout()
    row.addWidget(primary)
    row.addWidget(_cancel_button(cancelled, cancel_name))
    row.addStretch(1)
    return row


def _cancel_button(cancelled: SignalInstance, name: str) -> QPushButton:
    cancel = QPushButton(QCoreApplication.translate("FormParts", "Cancel"))
    cancel.setObjectName(name)
    cancel.clicked.connect(cancelled)
    return cancel


def error_line(name: str) -> QLabel:
    """A hidden, word-wrapped error label, shown when a form is refused."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("variant", "error")
    label.setWordWrap(True)
    label.hide()
    return label


def show_refusals(
    line: QLabel,
    field_names: Mapping[str, str],
    kinds: tuple[type[KeyedError], ...] = (ServiceError,),
) -> Callable[[BaseException], bool]:
    """An ``on_error`` for ``AsyncOps.run``: a refusal of the core shown in ``line``,
    translated, naming fields as the form labels them; anything else is not handled
    (the crash presenter shows it)."""

    def handle(exc: BaseException) -> bool:
        if not isinstance(exc, kinds) or not isinstance(exc, KeyedError):
            return False
        line.setText(error_text(exc, field_names))
        line.show()
        return True

    return handle


def scrolling_body(name: str) -> tuple[QScrollArea, QWidget]:
    """A form's fields in an area that scrolls up and down (never sideways) when a small
    screen or a longer language needs it; its actions stay in a bar outside, in view."""
    area = QScrollArea()
    area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.TouchGesture)
    body = QWidget()
    area.setWidget(body)
    return area, body
