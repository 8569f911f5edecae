"""Signature pad: pen (with pressure), touch or mouse strokes into ``app.acts.strokes``.

The widget only converts events: every point goes to a Qt-free ``StrokeRecorder`` in
the pad's fixed logical space (``app.acts.strokes.PAD_WIDTH`` x ``PAD_HEIGHT``, the
shape of the act's ink box), so the drawing does not depend on the window's size.

The box drawn on the screen is exactly the part of the widget that maps onto that
space: a layout asks for the pad's shape (``heightForWidth``), and where it gives the
widget another shape anyway the rest stays the window's colour and takes no ink. (The
first pad painted its whole, wider widget as paper and clamped every point outside
the middle 40 % to its edge: a stroke begun on the left became a vertical bar, on the
screen and in the signed PDF.) Pressure comes from
``QTabletEvent`` (a pen) or from a touch screen that reports it; a mouse, or a touch
screen without pressure, records ``None``. Tablet events are accepted, so Qt does not
also synthesise mouse events from them; mouse events Qt synthesised from touch are
ignored (the touch events already drew).

Painting is incremental: a new segment repaints only its own small rectangle.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QInputDevice,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPointingDevice,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.acts.strokes import (
    PAD_HEIGHT,
    PAD_WIDTH,
    DrawnSignature,
    InputKind,
    SignatureTooLong,
    StrokePoint,
    StrokeRecorder,
    line_width,
)

MIN_PEN = 1.2  # logical units at pressure 0
MAX_PEN = 4.5  # at pressure 1
INK = QColor(16, 32, 96)


class SignaturePad(QWidget):
    """Emits ``changed(bool)`` (has ink) whenever a stroke ends or the pad is cleared."""

    changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setMinimumSize(300, self.heightForWidth(300))
        self.setAccessibleName(self.tr("Signature pad"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._recorder = StrokeRecorder(PAD_WIDTH, PAD_HEIGHT)
        self._drawing = False
        self._ink: QPixmap | None = None
        self._hint = self.tr("Sign here")

    # Public API ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(int(PAD_WIDTH), int(PAD_HEIGHT))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt API
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        return round(width * PAD_HEIGHT / PAD_WIDTH)

    def pad_rect(self) -> QRectF:
        """The part of the widget that is the pad: the paper drawn, the only part taking ink."""
        scale, off_x, off_y = self._scale()
        return QRectF(off_x, off_y, PAD_WIDTH * scale, PAD_HEIGHT * scale)

    def signature(self) -> DrawnSignature:
        return self._recorder.signature()

    @property
    def is_empty(self) -> bool:
        return self.signature().is_empty

    def clear(self) -> None:
        self._recorder.clear()
        self._drawing = False
        self._ink = None
        self.update()
        self.changed.emit(False)

    # Geometry: pad space <-> widget ---------------------------------------------------------

    def _scale(self) -> tuple[float, float, float]:
        scale = min(self.width() / PAD_WIDTH, self.height() / PAD_HEIGHT)
        off_x = (self.width() - PAD_WIDTH * scale) / 2
        off_y = (self.height() - PAD_HEIGHT * scale) / 2
        return scale, off_x, off_y

    def _to_pad(self, pos: QPointF) -> tuple[float, float]:
        scale, off_x, off_y = self._scale()
        return (pos.x() - off_x) / scale, (pos.y() - off_y) / scale

    def _to_widget(self, point: StrokePoint) -> QPointF:
        scale, off_x, off_y = self._scale()
        return QPointF(off_x + point.x * scale, off_y + point.y * scale)

    # Input ------------------------------------------------------------------------------

    def _press(self, pos: QPointF, t_ms: int, pressure: float | None, kind: InputKind) -> None:
        if not self.pad_rect().contains(pos):
            return  # outside the paper: no stroke starts there
        x, y = self._to_pad(pos)
        self._recorder.begin(x, y, t_ms, pressure, kind)
        self._drawing = True
        self._update_last()

    def _move(self, pos: QPointF, t_ms: int, pressure: float | None) -> None:
        if not self._drawing:
            return
        x, y = self._to_pad(pos)
        try:
            if self._recorder.add(x, y, t_ms, pressure):
                self._update_last()
        except SignatureTooLong:
            self._release()

    def _release(self) -> None:
        if not self._drawing:
            return
        self._recorder.end()
        self._drawing = False
        self.changed.emit(not self.is_empty)

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802 - Qt API
        pressure = float(event.pressure())
        t = int(event.timestamp())
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._press(event.position(), t, pressure, InputKind.PEN)
        elif kind == QEvent.Type.TabletMove:
            self._move(event.position(), t, pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._move(event.position(), t, pressure)
            self._release()
        event.accept()

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd):
            assert isinstance(event, QTouchEvent)
            self._touch(event)
            return True
        if kind == QEvent.Type.TouchCancel:
            self._release()
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        points = event.points()
        if not points:
            return
        point = points[0]  # one finger signs; a palm's second contact is ignored
        device = event.pointingDevice()
        has_pressure = device is not None and bool(
            device.capabilities() & QInputDevice.Capability.Pressure
        )
        pressure = float(point.pressure()) if has_pressure else None
        t = int(event.timestamp())
        if event.type() == QEvent.Type.TouchBegin:
            self._press(point.position(), t, pressure, InputKind.TOUCH)
        elif event.type() == QEvent.Type.TouchUpdate:
            self._move(point.position(), t, pressure)
        else:
            self._move(point.position(), t, pressure)
            self._release()
        event.accept()

    @staticmethod
    def _synthesised(event: QMouseEvent) -> bool:
        device = event.pointingDevice()
        return device is not None and device.type() != QPointingDevice.DeviceType.Mouse

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._press(event.position(), int(event.timestamp()), None, InputKind.MOUSE)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if not self._synthesised(event):
            self._move(event.position(), int(event.timestamp()), None)
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton and not self._synthesised(event):
            self._move(event.position(), int(event.timestamp()), None)
            self._release()
        event.accept()

    # Painting ---------------------------------------------------------------------------
    # Ink is drawn once, into a pixmap the size of the widget; a paint event only copies
    # the exposed part. A resize redraws the pixmap from the recorded strokes.

    def _update_last(self) -> None:
        strokes = self._recorder.strokes
        if not strokes or not strokes[-1].points:
            return
        points = strokes[-1].points[-2:]
        self._ensure_ink()
        assert self._ink is not None
        painter = QPainter(self._ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._draw(painter, points)
        painter.end()
        scale, _x, _y = self._scale()
        margin = MAX_PEN * scale + 2
        xs = [self._to_widget(p).x() for p in points]
        ys = [self._to_widget(p).y() for p in points]
        rect = QRectF(min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys))
        self.update(rect.adjusted(-margin, -margin, margin, margin).toAlignedRect())

    def _ensure_ink(self) -> None:
        if self._ink is not None and self._ink.size() == self.size():
            return
        self._ink = QPixmap(self.size())
        self._ink.fill(Qt.GlobalColor.transparent)
        painter = QPainter(self._ink)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self._recorder.strokes:
            self._draw(painter, stroke.points)
        painter.end()

    def _draw(self, painter: QPainter, points: Sequence[StrokePoint]) -> None:
        scale, _x, _y = self._scale()
        if len(points) == 1:
            width = line_width(points[0].drawn_pressure, MIN_PEN, MAX_PEN) * scale
            painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawPoint(self._to_widget(points[0]))
            return
        for a, b in zip(points, points[1:], strict=False):
            width = line_width((a.drawn_pressure + b.drawn_pressure) / 2, MIN_PEN, MAX_PEN) * scale
            painter.setPen(QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
            painter.drawLine(self._to_widget(a), self._to_widget(b))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        self._ink = None
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().window())
        # A pad that takes no signature (the guest declined) is not paper to sign on.
        paper = QColor(250, 250, 247) if self.isEnabled() else QColor(58, 64, 78)
        painter.fillRect(self.pad_rect(), paper)
        scale, off_x, off_y = self._scale()
        baseline_y = off_y + PAD_HEIGHT * scale * 0.78
        painter.setPen(QPen(QColor(170, 170, 170), 1))
        painter.drawLine(
            QPointF(off_x + 20 * scale, baseline_y),
            QPointF(off_x + (PAD_WIDTH - 20) * scale, baseline_y),
        )
        if not self._recorder.strokes:
            if not self.isEnabled():
                return
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(self.pad_rect(), Qt.AlignmentFlag.AlignCenter, self._hint)
            return
        self._ensure_ink()
        assert self._ink is not None
        painter.drawPixmap(event.rect(), self._ink, event.rect())
