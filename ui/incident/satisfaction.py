"""The guest's one tap on resolve: the tablet turned to the guest, five large faces.

Shown over the console window right after Resolve (and from the "Ask the guest" step
while no answer is recorded for this resolution). The guest taps a face; the staff
member may instead tap "Not asked" (the guest left, declined, or it was no moment to
ask). The dialog only gathers the answer: ``answered(Satisfaction)``; the incident
screen records it through the core (``IncidentService.record_satisfaction``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import Satisfaction

S = Satisfaction
FACES = (S.VERY_UNHAPPY, S.UNHAPPY, S.NEUTRAL, S.HAPPY, S.VERY_HAPPY)
# The mouth's curve (-1 a frown, +1 a smile) and the face's colour, left to right.
_MOOD = {
    S.VERY_UNHAPPY: (-1.0, "#c0392b"),
    S.UNHAPPY: (-0.5, "#e67e22"),
    S.NEUTRAL: (0.0, "#c9a227"),
    S.HAPPY: (0.5, "#7cb342"),
    S.VERY_HAPPY: (1.0, "#2e8b57"),
}
FACE_PX = 112


def face_text(answer: Satisfaction) -> str:
    texts = {
        S.VERY_UNHAPPY: QCoreApplication.translate("Satisfaction", "Very unhappy"),
        S.UNHAPPY: QCoreApplication.translate("Satisfaction", "Unhappy"),
        S.NEUTRAL: QCoreApplication.translate("Satisfaction", "Neither"),
        S.HAPPY: QCoreApplication.translate("Satisfaction", "Happy"),
        S.VERY_HAPPY: QCoreApplication.translate("Satisfaction", "Very happy"),
        S.NOT_ASKED: QCoreApplication.translate("Satisfaction", "Not asked"),
    }
    return texts[answer]


def face_icon(answer: Satisfaction, size: int = FACE_PX) -> QIcon:
    """A face drawn here (no emoji font needed on the tablets): colour and mouth say
    the mood, the label under it says it in words."""
    curve, colour = _MOOD[answer]
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#1b1b1b"), size / 28))
    painter.setBrush(QColor(colour))
    margin = size * 0.06
    painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
    painter.setBrush(QColor("#1b1b1b"))
    eye = size * 0.07
    for x in (0.36, 0.64):
        painter.drawEllipse(QPointF(size * x, size * 0.4), eye, eye)
    mouth = QPainterPath(QPointF(size * 0.3, size * 0.68 - curve * size * 0.04))
    mouth.quadTo(
        QPointF(size * 0.5, size * (0.68 + curve * 0.16)),
        QPointF(size * 0.7, size * 0.68 - curve * size * 0.04),
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(QColor("#1b1b1b"), size / 18)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.drawPath(mouth)
    painter.end()
    return QIcon(pixmap)


class SatisfactionDialog(QDialog):
    """Five faces for the guest, "Not asked" for the staff member."""

    answered = Signal(object)  # Satisfaction

    def __init__(self, ticket: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("satisfactionDialog")
        self.setWindowTitle(self.tr("Guest satisfaction"))
        self.setModal(True)
        heading = QLabel(self.tr("How did we do today?"))
        heading.setObjectName("satisfactionQuestion")
        heading.setProperty("variant", "title")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        heading.setFont(font)
        hint = QLabel(self.tr("One tap. Thank you."))
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons: dict[Satisfaction, QPushButton] = {}
        faces = QGridLayout()
        for column, answer in enumerate(FACES):
            button = QPushButton(face_icon(answer), "")
            button.setObjectName(f"satisfaction:{answer.value}")
            button.setIconSize(QSize(FACE_PX, FACE_PX))
            button.setMinimumSize(QSize(FACE_PX + 24, FACE_PX + 24))
            button.setAccessibleName(face_text(answer))
            button.setToolTip(face_text(answer))
            button.clicked.connect(lambda _checked=False, a=answer: self._answer(a))
            label = QLabel(face_text(answer))
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            faces.addWidget(button, 0, column, Qt.AlignmentFlag.AlignCenter)
            faces.addWidget(label, 1, column)
            self.buttons[answer] = button
        staff_note = QLabel(self.tr("Staff: incident {ticket}").format(ticket=ticket))
        staff_note.setObjectName("satisfactionTicket")
        not_asked = QPushButton(face_text(S.NOT_ASKED))
        not_asked.setObjectName("satisfaction:not_asked")
        not_asked.setMinimumHeight(48)
        not_asked.clicked.connect(lambda: self._answer(S.NOT_ASKED))
        self.buttons[S.NOT_ASKED] = not_asked
        for button in self.buttons.values():
            button.setAutoDefault(False)  # Enter never answers for the guest
        not_asked.setFocus()  # no face is picked before the guest picks one
        footer = QHBoxLayout()
        footer.addWidget(staff_note, 1)
        footer.addWidget(not_asked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 16)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addSpacing(24)
        layout.addLayout(faces)
        layout.addStretch(2)
        layout.addLayout(footer)

    def _answer(self, answer: Satisfaction) -> None:
        self.answered.emit(answer)
        self.accept()


def ask_guest(parent: QWidget, ticket: str) -> SatisfactionDialog:
    """The dialog over the whole console window (the tablet is turned to the guest)."""
    dialog = SatisfactionDialog(ticket, parent)
    window = parent.window()
    dialog.setGeometry(window.geometry())
    dialog.open()
    return dialog
