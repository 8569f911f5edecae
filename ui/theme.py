"""The floor themes: QSS loaded from ``resources/theme`` and touch-size constants.

The dark theme is the console's own; the device's ``high_contrast`` setting lays
``high_contrast.qss`` over it (black, white, yellow) and ``text_scale`` makes every
font size of the sheet 125, 150 or 200 % (app/settings.py declares both).
"""

from __future__ import annotations

import re
from importlib import resources

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

MIN_TOUCH = 48  # px: the smallest hit target anything clickable may have
KEYPAD_KEY = 52  # px: the sign-in keypad keys (ten columns fit a 1024-px screen)
HIGH_CONTRAST = "high_contrast"

# Colours used from code (roles of the board model); the QSS holds the rest. The
# high-contrast theme replaces them (``apply_theme``): modules read them when painting.
P1_BACKGROUND = QColor("#7a1020")
P1_FOREGROUND = QColor("#ffffff")
BREACHED_BACKGROUND = QColor("#b00020")
BREACHED_FOREGROUND = QColor("#ffffff")
WAITING_FOREGROUND = QColor("#b8c2d6")
WARNING_FOREGROUND = QColor("#ffcc4d")
_CODE_COLOURS = {
    "dark": {
        "P1_BACKGROUND": "#7a1020",
        "BREACHED_BACKGROUND": "#b00020",
        "WAITING_FOREGROUND": "#b8c2d6",
        "WARNING_FOREGROUND": "#ffcc4d",
    },
    HIGH_CONTRAST: {
        "P1_BACKGROUND": "#6a0010",
        "BREACHED_BACKGROUND": "#8c0018",
        "WAITING_FOREGROUND": "#ffffff",
        "WARNING_FOREGROUND": "#ffff00",
    },
}
_TEXT_SCALE = [100]  # percent, as the last ``apply_theme`` set it
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")


def stylesheet(name: str = "dark", text_scale: int = 100) -> str:
    """The sheet ``name`` (the high-contrast one laid over the dark one), its font
    sizes at ``text_scale`` percent."""
    folder = resources.files("resources.theme")
    sheets = ["dark", HIGH_CONTRAST] if name == HIGH_CONTRAST else [name]
    qss = "\n".join(folder.joinpath(f"{sheet}.qss").read_text("utf-8") for sheet in sheets)
    return scale_fonts(qss, text_scale)


def scale_fonts(qss: str, text_scale: int) -> str:
    if text_scale == 100:
        return qss

    def grown(match: re.Match[str]) -> str:
        return f"font-size: {float(match.group(1)) * text_scale / 100:g}pt"

    return _FONT_SIZE.sub(grown, qss)


def scaled(px: int) -> int:
    """``px`` at the text scale: a width laid out for words grows with them."""
    return round(px * _TEXT_SCALE[0] / 100)


def apply_theme(app: QApplication, name: str = "dark", text_scale: int = 100) -> None:
    app.setStyle("Fusion")
    _TEXT_SCALE[0] = text_scale
    for key, colour in _CODE_COLOURS[name if name in _CODE_COLOURS else "dark"].items():
        globals()[key] = QColor(colour)
    app.setStyleSheet(stylesheet(name, text_scale))


def theme_name(high_contrast: bool) -> str:
    return HIGH_CONTRAST if high_contrast else "dark"
