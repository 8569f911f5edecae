"""A top-down writer on a reportlab canvas for the reports' pages: lines of text in the
acts' fonts, page breaks with a running footer, tables of plain cells; and the canvas
itself, deterministic (``invariant=1``), in the acts' embedded fonts."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.pdfgen.canvas import Canvas

from app import __version__
from app.acts.fonts import REGULAR, load_fonts
from app.acts.layout import MARGIN, PAGE_HEIGHT, PAGE_WIDTH
from app.acts.pdf import RENDER_LOCK

WIDTH = PAGE_WIDTH - 2 * MARGIN


class PageWriter:
    def __init__(self, canvas: Any, property_name: str, title: str, zone: ZoneInfo) -> None:
        self.c = canvas
        self.property_name = property_name
        self.title = title
        self.zone = zone
        self.y = PAGE_HEIGHT - MARGIN
        self.page = 1

    def local(self, at: datetime | None, short: bool = False) -> str:
        """The property's wall time; ``short`` without the year (narrow columns)."""
        if at is None:
            return "—"
        return at.astimezone(self.zone).strftime("%m-%d %H:%M" if short else "%Y-%m-%d %H:%M")

    def text(self, x: float, text: str, size: float = 9, bold: bool = False) -> None:
        draw_text(self.c, x, self.y, text, size, bold)

    def line(self, advance: float = 13) -> None:
        self.y -= advance
        if self.y < MARGIN + 30:
            self.new_page()

    def room_for(self, height: float) -> None:
        if self.y - height < MARGIN + 30:
            self.new_page()

    def new_page(self) -> None:
        self.footer()
        self.c.showPage()
        self.page += 1
        self.y = PAGE_HEIGHT - MARGIN

    def footer(self) -> None:
        self.c.setFont(REGULAR, 7)
        self.c.setFillGray(0.4)
        draw_text(self.c, MARGIN, MARGIN - 12, f"{self.property_name} · {self.title}", 7)
        self.c.drawRightString(PAGE_WIDTH - MARGIN, MARGIN - 12, f"page {self.page}")
        self.c.setFillGray(0)

    def heading(self, text: str) -> None:
        self.room_for(40)
        self.line(6)
        self.text(MARGIN, text, 11, bold=True)
        self.line(16)

    def row(self, offsets: Sequence[float], cells: Sequence[str], bold: bool = False) -> None:
        for offset, cell in zip(offsets, cells, strict=True):
            self.text(MARGIN + offset, cell, 8.5, bold=bold)
        self.line(12)


def draw_text(canvas: Any, x: float, y: float, text: str, size: float, bold: bool = False) -> None:
    """``text`` at (x, y), each character in the first of the acts' fonts that has it: a
    guest named 刘磊 is drawn in the CJK font, not as empty boxes."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for font, run in load_fonts().runs(text, bold):
        canvas.setFont(font, size)
        canvas.drawString(x, y, run)
        x += stringWidth(run, font, size)


def draw_document(title: str, author: str, draw: Callable[[Any], None]) -> bytes:
    """A PDF whose pages ``draw(canvas)`` writes (the footer of the last one included)."""
    load_fonts()
    buffer = io.BytesIO()
    with RENDER_LOCK:  # reportlab's font subsetting state is shared (app.acts.pdf)
        canvas = Canvas(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,
            initialFontSize=10,
        )
        canvas.setTitle(f"{author}: {title}")
        canvas.setAuthor(author)
        canvas.setSubject(title)
        canvas.setCreator(f"VIP Host Console {__version__}")
        draw(canvas)
        canvas.save()
    return buffer.getvalue()
