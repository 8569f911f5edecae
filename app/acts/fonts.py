"""Embedded fonts for acts, and text split into runs by glyph coverage.

reportlab draws a string in one font and never falls back to another, so a guest
name like "Ли Вэй 李伟" must be cut into runs: each character goes to the first font
whose cmap has it (DejaVu Sans for Latin and Cyrillic, Droid Sans Fallback for CJK).
Spaces and combining marks stay in the run of the character before them, so a run
never splits a base letter from its accent. A character no font covers is drawn
as U+FFFD from the primary font.

The fonts come from ``resources/fonts`` through ``importlib.resources`` and are
registered with reportlab once per process (``load_fonts``); every font of an act is
embedded as a subset.
"""

import io
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

REGULAR = "VIPActSans"
BOLD = "VIPActSans-Bold"
CJK = "VIPActCJK"

FONT_FILES: Mapping[str, str] = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
}
FALLBACKS: tuple[str, ...] = (CJK,)
REPLACEMENT = "\ufffd"
_WIDTH_CACHE = 20_000

Run = tuple[str, str]  # (font name, text)


@dataclass(frozen=True)
class FontSet:
    coverage: Mapping[str, frozenset[int]]  # font name -> code points in its cmap
    # Widths of words already measured (line wrapping measures the same words often).
    _widths: dict[tuple[str, float, bool], float] = field(
        default_factory=dict, compare=False, repr=False
    )

    def covers(self, font: str, char: str) -> bool:
        return ord(char) in self.coverage[font]

    def runs(self, text: str, bold: bool = False) -> list[Run]:
        """``text`` cut into (font, text) runs by glyph coverage."""
        primary = BOLD if bold else REGULAR
        runs: list[Run] = []
        font = primary
        chunk: list[str] = []
        for char in text:
            chosen = self._font_for(char, primary, font if chunk else None)
            if chosen is None:
                char, chosen = (REPLACEMENT if self.covers(primary, REPLACEMENT) else "?"), primary
            if chunk and chosen != font:
                runs.append((font, "".join(chunk)))
                chunk = []
            font = chosen
            chunk.append(char)
        if chunk:
            runs.append((font, "".join(chunk)))
        return runs

    def _font_for(self, char: str, primary: str, current: str | None) -> str | None:
        if current is not None and _sticks(char) and self.covers(current, char):
            return current
        for candidate in (primary, *FALLBACKS):
            if self.covers(candidate, char):
                return candidate
        if _sticks(char) and current is not None:
            return current
        return None

    def width(self, runs: list[Run], size: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return float(sum(stringWidth(text, font, size) for font, text in runs))

    def text_width(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        found = self._widths.get(key)
        if found is None:
            if len(self._widths) > _WIDTH_CACHE:
                self._widths.clear()
            found = self._widths[key] = self.width(self.runs(text, bold), size)
        return found


def _sticks(char: str) -> bool:
    """Whitespace and combining marks stay with the run before them."""
    return char.isspace() or unicodedata.combining(char) != 0


_lock = threading.Lock()
_fonts: FontSet | None = None


def load_fonts() -> FontSet:
    """Register the act fonts with reportlab (once) and return their coverage."""
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            from reportlab import rl_config
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            # Binary (Flate only) streams: ASCII85 on top costs 25 % in size and, without
            # reportlab's optional C accelerator, milliseconds per act.
            rl_config.useA85 = 0

            package = resources.files("resources.fonts")
            coverage: dict[str, frozenset[int]] = {}
            for name, filename in FONT_FILES.items():
                data = package.joinpath(filename).read_bytes()
                font: Any = TTFont(name, io.BytesIO(data))
                pdfmetrics.registerFont(font)
                coverage[name] = frozenset(font.face.charToGlyph)
            _fonts = FontSet(coverage)
    return _fonts
