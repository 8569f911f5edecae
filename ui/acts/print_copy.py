"""The guest's paper copy: the act's own layout painted with QPainter on a QPrinter.

The layout is the one the signed PDF was drawn from (``ActService.guest_copy`` lays
it out again from the ``act.json`` inside the newest signed revision), so the paper
shows the same text, timeline, drawn signatures and QR code. A paper copy carries no
digital signature: where the PDF has its signature stamps, the copy names the signed
file (SHA-256) that the QR code and ``vip-console act verify`` lead back to.

``paint_layout`` is the QPainter back end of ``app.acts.layout`` (the reportlab one
is ``app.acts.pdf``). Painting happens on the GUI thread: it is a few ms per page;
laying out and reading the PDF ran in the executor.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPen,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from app.acts.document import SEAL_FIELD, STAFF_FIELD
from app.acts.fonts import BOLD, CJK
from app.acts.layout import InkOp, LineOp, PageLayout, QrOp, RectOp, TextOp
from app.acts.reading import GuestCopy
from ui.fonts import load_bundled_fonts

_FAMILIES = {CJK: "Droid Sans Fallback"}
PRIMARY = "DejaVu Sans"


class _Painter:
    """Maps layout points (origin bottom-left) onto a device at its resolution."""

    def __init__(self, painter: QPainter, layout: PageLayout, dpi: float) -> None:
        self.p = painter
        self.layout = layout
        self.k = dpi / 72.0

    def pt(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.k, (self.layout.height - y) * self.k)

    def font(self, name: str, size: float) -> QFont:
        font = QFont(_FAMILIES.get(name, PRIMARY))
        font.setPointSizeF(size)
        font.setBold(name == BOLD)
        # No ligatures where a script does not need them: "ff" in a hash or an act
        # number must print as two letters, as the PDF's text does.
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        return font

    def text(self, op: TextOp) -> None:
        self.p.setPen(QColor.fromRgbF(op.gray, op.gray, op.gray))
        x = op.x
        for name, text in op.runs:
            font = self.font(name, op.size)
            self.p.setFont(font)
            self.p.drawText(self.pt(x, op.y), text)
            # Advance by the PDF's metrics, so runs stay where the layout put them.
            from app.acts.fonts import load_fonts

            x += load_fonts().width([(name, text)], op.size)

    def line(self, op: LineOp) -> None:
        self.p.setPen(QPen(QColor.fromRgbF(op.gray, op.gray, op.gray), op.width * self.k))
        self.p.drawLine(self.pt(op.x1, op.y1), self.pt(op.x2, op.y2))

    def rect(self, op: RectOp) -> None:
        top_left = self.pt(op.x, op.y + op.h)
        rect = QRectF(top_left.x(), top_left.y(), op.w * self.k, op.h * self.k)
        if op.fill_gray is not None:
            self.p.fillRect(rect, QColor.fromRgbF(op.fill_gray, op.fill_gray, op.fill_gray))
        if op.stroke_gray is not None:
            g = op.stroke_gray
            self.p.setPen(QPen(QColor.fromRgbF(g, g, g), op.width * self.k))
            self.p.setBrush(Qt.BrushStyle.NoBrush)
            self.p.drawRect(rect)

    def ink(self, op: InkOp) -> None:
        color = QColor.fromRgbF(0.05, 0.1, 0.35)
        for seg in op.segments:
            pen = QPen(color, seg.width * self.k, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            self.p.setPen(pen)
            self.p.drawLine(self.pt(seg.x1, seg.y1), self.pt(seg.x2, seg.y2))

    def qr(self, op: QrOp) -> None:
        count = len(op.rows)
        module = op.size / (count + 4)
        left, top = op.x + 2 * module, op.y + op.size - 2 * module
        for r, row in enumerate(op.rows):
            for c, cell in enumerate(row):
                if cell == "1":
                    corner = self.pt(left + c * module, top - r * module)
                    size = module * self.k
                    self.p.fillRect(
                        QRectF(corner.x(), corner.y(), size + 0.5, size + 0.5), Qt.GlobalColor.black
                    )

    def stamp_note(self, rect: tuple[float, float, float, float], text: str) -> None:
        x1, y1, x2, y2 = rect
        corner = self.pt(x1, y2)
        box = QRectF(corner.x(), corner.y(), (x2 - x1) * self.k, (y2 - y1) * self.k)
        self.p.setPen(QColor(40, 60, 120))
        self.p.setFont(self.font("", 7))
        self.p.drawText(
            box.adjusted(6 * self.k, 4 * self.k, -6 * self.k, -4 * self.k),
            Qt.TextFlag.TextWordWrap,
            text,
        )


def paint_layout(painter: QPainter, device: QPagedPaintDevice, copy: GuestCopy) -> None:
    """Paint every page of ``copy`` on ``device`` (``newPage`` between pages)."""
    for index in range(len(copy.layout.pages)):
        if index:
            device.newPage()
        paint_page(painter, copy, index, device.logicalDpiX())


def paint_page(painter: QPainter, copy: GuestCopy, index: int, dpi: float) -> None:
    """Page ``index`` of ``copy`` at ``dpi`` (a printer's, or a screen image's)."""
    load_bundled_fonts()
    layout = copy.layout
    target = _Painter(painter, layout, dpi)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    note = (
        "Paper copy — the original is the signed PDF "
        f"{copy.revision.sha256[:16]}… (PAdES {copy.revision.level.value}). "
        "Check it with the QR code or: vip-console act verify."
    )
    for op in layout.pages[index]:
        if isinstance(op, TextOp):
            target.text(op)
        elif isinstance(op, LineOp):
            target.line(op)
        elif isinstance(op, RectOp):
            target.rect(op)
        elif isinstance(op, InkOp):
            target.ink(op)
        elif isinstance(op, QrOp):
            target.qr(op)
    boxes = [
        layout.fields[name].rect
        for name in (STAFF_FIELD, SEAL_FIELD)
        if name in layout.fields and layout.fields[name].page == index
    ]
    if boxes:
        # Under the signature frames: this paper carries no digital signature.
        left = min(b[0] for b in boxes)
        right = max(b[2] for b in boxes)
        bottom = min(b[1] for b in boxes)
        target.stamp_note((left, bottom - 26, right, bottom - 2), note)


def page_image(copy: GuestCopy, index: int, width_px: int) -> QImage:
    """Page ``index`` as an image ``width_px`` wide, white, for the act viewer."""
    layout = copy.layout
    dpi = 72.0 * width_px / layout.width
    image = QImage(width_px, round(layout.height * dpi / 72.0), QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    # Fonts are sized in points: the image's resolution is the page's, as a printer's is.
    dots_per_metre = round(dpi / 0.0254)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    painter = QPainter(image)
    try:
        paint_page(painter, copy, index, dpi)
    finally:
        painter.end()
    return image


def configure(printer: QPrinter, copy: GuestCopy) -> None:
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)  # the layout has its own margins
    printer.setDocName(f"Act {copy.act.number}")


def print_copy(printer: QPrinter, copy: GuestCopy) -> None:
    configure(printer, copy)
    painter = QPainter(printer)
    try:
        paint_layout(painter, printer, copy)
    finally:
        painter.end()


def ask_and_print(copy: GuestCopy, parent: QWidget | None = None) -> bool:
    """The system print dialog, then the copy; False when the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure(printer, copy)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintCopy", "Print the guest's copy"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    print_copy(printer, copy)
    return True
