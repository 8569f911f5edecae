"""Page layout for acts as a display list: positioned text runs, lines, ink, a QR code.

The act is laid out once, Qt-free; two back ends draw the same list: reportlab
(``app.acts.pdf``, the signed PDF) and QPainter (``ui.acts.print_copy``, the guest's
paper copy). Coordinates are PDF points, origin bottom-left, on A4.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from app.acts.fonts import FontSet, Run
from app.acts.strokes import Segment

PAGE_WIDTH = 595.28
PAGE_HEIGHT = 841.89
MARGIN = 42.0
TOP = PAGE_HEIGHT - MARGIN - 28  # below the running header
BOTTOM = MARGIN + 22  # above the running footer
LEADING = 1.32  # line height / font size


@dataclass(frozen=True, slots=True)
class TextOp:
    x: float
    y: float  # baseline
    size: float
    runs: tuple[Run, ...]
    gray: float = 0.0  # 0 black .. 1 white


@dataclass(frozen=True, slots=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    gray: float = 0.0


@dataclass(frozen=True, slots=True)
class RectOp:
    x: float
    y: float
    w: float
    h: float
    stroke_gray: float | None = 0.0
    fill_gray: float | None = None
    width: float = 0.5


@dataclass(frozen=True, slots=True)
class InkOp:
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class QrOp:
    x: float
    y: float
    size: float
    rows: tuple[str, ...]  # "1" dark module, "0" light; first row at the top


Op = TextOp | LineOp | RectOp | InkOp | QrOp


@dataclass(frozen=True, slots=True)
class FieldBox:
    """Where a signature field's widget goes: page index and (x1, y1, x2, y2)."""

    page: int
    rect: tuple[float, float, float, float]


@dataclass(frozen=True)
class PageLayout:
    pages: tuple[tuple[Op, ...], ...]
    fields: dict[str, FieldBox]
    width: float = PAGE_WIDTH
    height: float = PAGE_HEIGHT


# A break may follow any CJK character; elsewhere only whitespace breaks a line.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\U00020000-\U0002fa1f"
_TOKENS = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+|[ \t]+")


class Flow:
    """Top-down flow of blocks over as many pages as needed."""

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self.pages: list[list[Op]] = []
        self.fields: dict[str, FieldBox] = {}
        self.left = MARGIN
        self.right = PAGE_WIDTH - MARGIN
        self.y = TOP
        self.new_page()

    @property
    def page_index(self) -> int:
        return len(self.pages) - 1

    @property
    def ops(self) -> list[Op]:
        return self.pages[-1]

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` fits above the bottom margin."""
        if self.y - height < BOTTOM and self.y < TOP:
            self.new_page()

    def space(self, height: float) -> None:
        self.y -= height

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[list[Run]]:
        """Lines of runs no wider than ``width``; newlines in ``text`` are kept."""
        lines: list[list[Run]] = []
        for paragraph in text.split("\n"):
            lines.extend(self._wrap_paragraph(paragraph, width, size, bold))
        return lines

    def _wrap_paragraph(self, text: str, width: float, size: float, bold: bool) -> list[list[Run]]:
        # Widths add up character by character (reportlab does no kerning), so a
        # line's width is the sum of its tokens'.
        measure = self.fonts.text_width
        lines: list[str] = []
        line, line_width = "", 0.0
        for token in _TOKENS.findall(text):
            token_width = measure(token, size, bold)
            if line and line_width + token_width <= width:
                line, line_width = line + token, line_width + token_width
                continue
            if line:
                lines.append(line.rstrip())
                line, line_width = "", 0.0
            if token.isspace():
                continue
            if token_width <= width:
                line, line_width = token, token_width
                continue
            *full, line = self._split_long(token, width, size, bold)
            lines.extend(full)
            line_width = measure(line, size, bold)
        lines.append(line.rstrip())
        return [self.fonts.runs(item, bold) for item in lines]

    def _split_long(self, token: str, width: float, size: float, bold: bool) -> list[str]:
        """A token wider than the line, cut between characters."""
        pieces: list[str] = []
        piece, piece_width = "", 0.0
        for char in token:
            char_width = self.fonts.text_width(char, size, bold)
            if piece and piece_width + char_width > width:
                pieces.append(piece)
                piece, piece_width = "", 0.0
            piece, piece_width = piece + char, piece_width + char_width
        pieces.append(piece)
        return pieces

    def text_lines(
        self,
        lines: Sequence[Sequence[Run]],
        x: float,
        size: float,
        gray: float = 0.0,
    ) -> None:
        step = size * LEADING
        for runs in lines:
            self.need(step)
            self.y -= step
            if runs:
                self.ops.append(TextOp(x, self.y + size * 0.28, size, tuple(runs), gray))

    def heading(self, text: str, size: float = 12.5, keep_with_next: float = 48) -> None:
        """A section title; it moves to the next page unless ``keep_with_next`` points
        of what follows fit under it (no title alone at the foot of a page)."""
        self.need(size * 3 + keep_with_next)
        self.space(size * 0.7)
        self.text_lines(self.wrap(text, self.right - self.left, size, bold=True), self.left, size)
        self.ops.append(LineOp(self.left, self.y - 2, self.right, self.y - 2, 0.6, 0.55))
        self.space(6)

    def paragraph(self, text: str, size: float = 10, bold: bool = False, gray: float = 0.0) -> None:
        lines = self.wrap(text, self.right - self.left, size, bold)
        self.text_lines(lines, self.left, size, gray)

    def fields_table(self, rows: Sequence[tuple[str, str]], label_width: float = 130) -> None:
        """Label / value rows; long values wrap under their own column."""
        size = 10
        value_x = self.left + label_width
        for label, value in rows:
            value_lines = self.wrap(value or "—", self.right - value_x, size)
            label_lines = self.wrap(label, label_width - 8, size, bold=True)
            self.need(size * LEADING * max(len(value_lines), len(label_lines)))
            top = self.y
            self.text_lines(label_lines, self.left, size, gray=0.25)
            label_bottom = self.y
            self.y = top
            self.text_lines(value_lines, value_x, size)
            self.y = min(self.y, label_bottom)
            self.space(2)

    def table(
        self, widths: Sequence[float], header: Sequence[str], rows: Sequence[Sequence[str]]
    ) -> None:
        """A ruled table; the header row repeats on every page it runs onto."""
        size = 9
        step = size * LEADING

        def draw_row(cells: Sequence[str], bold: bool) -> None:
            wrapped = [self.wrap(c, w - 6, size, bold) for c, w in zip(cells, widths, strict=True)]
            height = step * max(1, *(len(lines) for lines in wrapped)) + 4
            if self.y - height < BOTTOM:
                self.new_page()
                if not bold:
                    draw_row(header, True)
            top = self.y
            x = self.left
            for lines, width in zip(wrapped, widths, strict=True):
                self.y = top - 2
                self.text_lines(lines, x + 3, size, gray=0.2 if bold else 0.0)
                x += width
            self.y = top - height
            self.ops.append(LineOp(self.left, self.y, self.left + sum(widths), self.y, 0.3, 0.7))

        draw_row(header, True)
        for row in rows:
            draw_row(row, False)
        self.space(4)

    def block(self, height: float) -> tuple[int, float]:
        """Reserve ``height`` points on one page: (page index, top y) of the space."""
        self.need(height)
        top = self.y
        self.y -= height
        return self.page_index, top

    def add_field(self, name: str, page: int, rect: tuple[float, float, float, float]) -> None:
        self.fields[name] = FieldBox(page, rect)

    def finish(self, decorate: Callable[[int, int], list[Op]]) -> PageLayout:
        """Add each page's running header/footer (``decorate(index, count)``)."""
        count = len(self.pages)
        pages = tuple(tuple(decorate(i, count) + ops) for i, ops in enumerate(self.pages))
        return PageLayout(pages=pages, fields=dict(self.fields))
