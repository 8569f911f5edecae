"""WCAG 2.2 contrast: the relative luminance of a colour and the ratio of two.

Thresholds (success criteria 1.4.3, 1.4.6 and 1.4.11): text needs 4.5:1 (AA) and
7:1 (AAA); large text (18 pt, or 14 pt bold) and the indicators of a control's state
(focus ring, checked, priority) need 3:1 (AA) and 4.5:1 (AAA).
"""

from dataclasses import dataclass
from enum import StrEnum

AA_TEXT, AA_LARGE, AA_STATE = 4.5, 3.0, 3.0
AAA_TEXT, AAA_LARGE = 7.0, 4.5
LARGE_PT, LARGE_BOLD_PT = 18.0, 14.0


class Kind(StrEnum):
    TEXT = "text"
    LARGE_TEXT = "large text"
    STATE = "state indicator"


def parse_hex(colour: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as three 0-255 channels; ValueError otherwise."""
    digits = colour.strip().removeprefix("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    value = int(digits, 16)
    return value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF


def relative_luminance(colour: str) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in parse_hex(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (same luminance) to 21 (black on white), whichever is lighter."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_large(points: float, bold: bool) -> bool:
    return points >= LARGE_PT or (bold and points >= LARGE_BOLD_PT)


def required_ratio(kind: Kind, *, enhanced: bool = False) -> float:
    """The least ratio WCAG asks of ``kind``: level AA, or AAA when ``enhanced``."""
    if kind is Kind.TEXT:
        return AAA_TEXT if enhanced else AA_TEXT
    return AAA_LARGE if enhanced else AA_LARGE


@dataclass(frozen=True, slots=True)
class ColourPair:
    """A foreground on a background somewhere in a theme, and what it shows."""

    where: str
    foreground: str
    background: str
    kind: Kind

    @property
    def ratio(self) -> float:
        return contrast_ratio(self.foreground, self.background)

    def passes(self, *, enhanced: bool = False) -> bool:
        return self.ratio >= required_ratio(self.kind, enhanced=enhanced)
