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

from app.sla import Urgency

MIN_TOUCH = 48  # px: the smallest hit target anything clickable may have
KEYPAD_KEY = 52  # px: the sign-in keypad keys (ten columns fit a 1024-px screen)
HIGH_CONTRAST = "high_contrast"
# The console's QApplication is made with Fusion (Qt makes the style when it first
# draws) and says so: no style object crosses into Python during the start, where
# PySide would create the 11 enums of QStyle (some 9 ms) to ask its name.
FUSION_ARGUMENTS = ("-style", "Fusion")
DRAWS_WITH_FUSION = "drawsWithFusion"  # the application's property

# Colours used from code (roles of the board model); the QSS holds the rest.
# Urgency marks the clock cell alone, never a whole row: a wall of red hid which
# breach was new and which P1 could still be saved (issue 14). The high-contrast
# theme replaces them (``apply_theme``): modules read them when painting.
_CODE_COLOURS = {
    "dark": {
        "BREACHED_BACKGROUND": "#4a0d16",
        "BREACHED_FOREGROUND": "#ff8a8a",
        "SOON_BACKGROUND": "#3d2e00",
        "SOON_FOREGROUND": "#ffc233",
        "WAITING_FOREGROUND": "#b8c2d6",
        "WARNING_FOREGROUND": "#ffcc4d",
    },
    HIGH_CONTRAST: {  # on black, each state in its own colour at 7:1 or more
        "BREACHED_BACKGROUND": "#000000",
        "BREACHED_FOREGROUND": "#ff9e9e",
        "SOON_BACKGROUND": "#000000",
        "SOON_FOREGROUND": "#ffff00",
        "WAITING_FOREGROUND": "#ffffff",
        "WARNING_FOREGROUND": "#ffff00",
    },
}
BREACHED_BACKGROUND = QColor("#4a0d16")
BREACHED_FOREGROUND = QColor("#ff8a8a")
SOON_BACKGROUND = QColor("#3d2e00")
SOON_FOREGROUND = QColor("#ffc233")
WAITING_FOREGROUND = QColor("#b8c2d6")
WARNING_FOREGROUND = QColor("#ffcc4d")
URGENCY_BACKGROUNDS: dict[Urgency, QColor] = {}
URGENCY_FOREGROUNDS: dict[Urgency, QColor] = {}
_TEXT_SCALE = [100]  # percent, as the last ``apply_theme`` set it
_FONT_SIZE = re.compile(r"font-size:\s*(\d+(?:\.\d+)?)pt")


def _use_code_colours(name: str) -> None:
    names = globals()
    for key, colour in _CODE_COLOURS[name if name in _CODE_COLOURS else "dark"].items():
        names[key] = QColor(colour)
    URGENCY_BACKGROUNDS.clear()
    URGENCY_BACKGROUNDS.update(
        {Urgency.BREACHED: names["BREACHED_BACKGROUND"], Urgency.SOON: names["SOON_BACKGROUND"]}
    )
    URGENCY_FOREGROUNDS.clear()
    URGENCY_FOREGROUNDS.update(
        {Urgency.BREACHED: names["BREACHED_FOREGROUND"], Urgency.SOON: names["SOON_FOREGROUND"]}
    )


_use_code_colours("dark")


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
    # Setting a style or a style sheet re-polishes every widget there is: only a change.
    if not _draws_with_fusion(app):
        app.setStyle("Fusion")
        app.setProperty(DRAWS_WITH_FUSION, True)
    _TEXT_SCALE[0] = text_scale
    _use_code_colours(name)
    sheet = stylesheet(name, text_scale)
    if app.styleSheet() != sheet:
        app.setStyleSheet(sheet)


def _draws_with_fusion(app: QApplication) -> bool:
    """Under a style sheet ``app.style()`` is Qt's style sheet style, whose ``name()`` is
    empty: the style it draws with is its child. (Asking only ``name()`` set Fusion
    again at every call, re-polishing every widget there was.)"""
    if app.property(DRAWS_WITH_FUSION):
        return True
    from PySide6.QtWidgets import QStyle

    style = app.style()
    return any(s.name().lower() == "fusion" for s in (style, *style.findChildren(QStyle)))


def theme_name(high_contrast: bool) -> str:
    return HIGH_CONTRAST if high_contrast else "dark"
