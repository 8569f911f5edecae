"""The visible signature stamp: a small one-page PDF drawn with the act's fonts.

pyHanko's own text stamps use Courier, a font it does not embed; an act has no
non-embedded font. So the stamp is drawn with reportlab (embedded subsets, runs by
coverage) and pyHanko imports that page as the signature widget's appearance.
"""

import binascii
import io
import uuid
from collections.abc import Sequence
from typing import Any

from pyhanko.pdf_utils.content import PdfContent
from pyhanko.pdf_utils.layout import AxisAlignment, BoxConstraints, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.stamp import StaticStampStyle

from app.acts.fonts import REGULAR, load_fonts

SEAL_BLUE = (0.09, 0.24, 0.52)


class ImportedPdfBytes(PdfContent):
    """The first page of an in-memory PDF as a form XObject (pyHanko's own reads files)."""

    def __init__(self, data: bytes) -> None:
        super().__init__()
        self._data = data

    def render(self) -> bytes:
        writer = self._ensure_writer
        reader = PdfFileReader(io.BytesIO(self._data))
        xobject = writer.import_page_as_xobject(reader, page_ix=0)
        name = "/Stamp" + binascii.hexlify(uuid.uuid4().bytes).decode("ascii")
        self.resources.xobject[name] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name.encode("ascii") + b" Do"


def stamp_pdf(width: float, height: float, title: str, lines: Sequence[str]) -> bytes:
    """A ``width`` x ``height`` stamp: a seal mark, a bold title, small lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen.canvas import Canvas

    from app.acts.pdf import _render_lock

    fonts = load_fonts()
    buffer = io.BytesIO()
    with _render_lock:
        c: Any = Canvas(
            buffer,
            pagesize=(width, height),
            invariant=1,
            initialFontName=REGULAR,
            pageCompression=1,
        )
        c.setFillColorRGB(0.95, 0.97, 1.0)
        c.setStrokeColorRGB(*SEAL_BLUE)
        c.setLineWidth(0.8)
        c.roundRect(0.5, 0.5, width - 1, height - 1, 4, stroke=1, fill=1)
        radius = min(16.0, height / 2 - 6)
        cx, cy = 8 + radius, height / 2
        c.setLineWidth(1.4)
        c.circle(cx, cy, radius, stroke=1, fill=0)
        c.setLineWidth(2)
        c.setLineCap(1)
        c.setLineJoin(1)
        check = c.beginPath()
        check.moveTo(cx - radius * 0.45, cy)
        check.lineTo(cx - radius * 0.1, cy - radius * 0.38)
        check.lineTo(cx + radius * 0.5, cy + radius * 0.42)
        c.drawPath(check, stroke=1, fill=0)
        x0 = cx + radius + 8
        y = height - 14
        c.setFillColorRGB(*SEAL_BLUE)
        for i, text in enumerate((title, *lines)):
            size = 8.8 if i == 0 else 6.8
            x = x0
            # One font for the whole stamp: every extra subset is parsed again at signing.
            for font, run in fonts.runs(_fit(fonts, text, size, False, width - x0 - 4)):
                c.setFont(font, size)
                c.drawString(x, y, run)
                x += stringWidth(run, font, size)
            y -= size + 3
            c.setFillGray(0.2)
        c.showPage()
        c.save()
    return buffer.getvalue()


def _fit(fonts: Any, text: str, size: float, bold: bool, width: float) -> str:
    if fonts.text_width(text, size, bold) <= width:
        return str(text)
    while text and fonts.text_width(text + "…", size, bold) > width:
        text = text[:-1]
    return str(text) + "…"


def stamp_style(data: bytes) -> StaticStampStyle:
    """Use the stamp PDF ``data`` as the whole appearance, edge to edge."""
    return StaticStampStyle(
        background=ImportedPdfBytes(data),
        background_opacity=1.0,
        border_width=0,
        background_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MID,
            y_align=AxisAlignment.ALIGN_MID,
            margins=Margins(left=0, right=0, top=0, bottom=0),
        ),
    )
