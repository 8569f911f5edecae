"""reportlab back end of the act layout: the unsigned PDF.

Deterministic (``invariant=1``: no creation date, fixed document id), so the same
layout gives the same bytes. Text is drawn run by run, each in the font that covers
it (``app.acts.fonts``); every font is an embedded subset: the canvas starts in the
act font, so not even Helvetica is referenced.
"""

import io
import threading
from typing import Any

from app import __version__
from app.acts.fonts import REGULAR, load_fonts
from app.acts.layout import InkOp, LineOp, PageLayout, QrOp, RectOp, TextOp

QR_QUIET_ZONE = 2  # modules of white around the code (the page margin adds more)

# reportlab keeps per-document subsetting state on the shared font objects.
RENDER_LOCK = threading.Lock()


def draw_pdf(layout: PageLayout, *, title: str, author: str, subject: str, keywords: str) -> bytes:
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    load_fonts()
    buffer = io.BytesIO()
    with RENDER_LOCK:
        canvas = Canvas(
            buffer,
            pagesize=(layout.width, layout.height),
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,
            initialFontSize=10,
        )
        canvas.setTitle(title)
        canvas.setAuthor(author)
        canvas.setSubject(subject)
        canvas.setKeywords(keywords)
        canvas.setCreator(f"VIP Host Console {__version__}")
        for ops in layout.pages:
            for op in ops:
                if isinstance(op, TextOp):
                    canvas.setFillGray(op.gray)
                    x = op.x
                    for font, text in op.runs:
                        canvas.setFont(font, op.size)
                        canvas.drawString(x, op.y, text)
                        x += stringWidth(text, font, op.size)
                elif isinstance(op, LineOp):
                    canvas.setStrokeGray(op.gray)
                    canvas.setLineWidth(op.width)
                    canvas.line(op.x1, op.y1, op.x2, op.y2)
                elif isinstance(op, RectOp):
                    _rect(canvas, op)
                elif isinstance(op, InkOp):
                    _ink(canvas, op)
                elif isinstance(op, QrOp):
                    _qr(canvas, op)
            canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def _rect(c: Any, op: RectOp) -> None:
    if op.fill_gray is not None:
        c.setFillGray(op.fill_gray)
    if op.stroke_gray is not None:
        c.setStrokeGray(op.stroke_gray)
        c.setLineWidth(op.width)
    c.rect(
        op.x,
        op.y,
        op.w,
        op.h,
        stroke=int(op.stroke_gray is not None),
        fill=int(op.fill_gray is not None),
    )
    c.setFillGray(0)


def _ink(c: Any, op: InkOp) -> None:
    """The strokes as raw path operators: consecutive segments of the same (rounded)
    width form one subpath; coordinates at 0.01 pt."""
    parts = ["0.05 0.1 0.35 RG 1 J 1 j"]
    width = -1.0
    last: tuple[float, float] | None = None
    for seg in op.segments:
        w = round(seg.width, 1)
        if w != width:
            if last is not None:
                parts.append("S")
            parts.append(f"{w:.1f} w")
            width, last = w, None
        if last != (seg.x1, seg.y1):
            parts.append(f"{seg.x1:.2f} {seg.y1:.2f} m")
        parts.append(f"{seg.x2:.2f} {seg.y2:.2f} l")
        last = (seg.x2, seg.y2)
    parts.append("S")
    c.saveState()
    c.addLiteral(" ".join(parts))
    c.restoreState()


def _qr(c: Any, op: QrOp) -> None:
    """Dark modules as one filled path in module units (rows merged into runs)."""
    count = len(op.rows)
    module = op.size / (count + 2 * QR_QUIET_ZONE)
    left = op.x + QR_QUIET_ZONE * module
    top = op.y + op.size - QR_QUIET_ZONE * module
    rects = []
    for r, row in enumerate(op.rows):
        col = 0
        while col < count:
            if row[col] != "1":
                col += 1
                continue
            start = col
            while col < count and row[col] == "1":
                col += 1
            rects.append(f"{start} {r} {col - start} 1 re")
    c.saveState()
    # Module units, origin at the code's top-left corner, rows going down.
    c.transform(module, 0, 0, -module, left, top)
    c.setFillGray(0)
    c.addLiteral(" ".join(rects) + " f")
    c.restoreState()
