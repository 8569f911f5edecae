"""The dark floor theme: QSS loaded from ``resources/theme`` and touch-size constants."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from app.sla import Urgency

MIN_TOUCH = 48  # px: the smallest hit target anything clickable may have
KEYPAD_KEY = 52  # px: the sign-in keypad keys (ten columns fit a 1024-px screen)

# Colours used from code (roles of the board model); the QSS holds the rest.
# Urgency marks the clock cell alone, never a whole row: a wall of red hid which
# breach was new and which P1 could still be saved (issue 14).
BREACHED_BACKGROUND = QColor("#4a0d16")
BREACHED_FOREGROUND = QColor("#ff8a8a")
SOON_BACKGROUND = QColor("#3d2e00")
SOON_FOREGROUND = QColor("#ffc233")
WAITING_FOREGROUND = QColor("#b8c2d6")
WARNING_FOREGROUND = QColor("#ffcc4d")
URGENCY_BACKGROUNDS = {Urgency.BREACHED: BREACHED_BACKGROUND, Urgency.SOON: SOON_BACKGROUND}
URGENCY_FOREGROUNDS = {Urgency.BREACHED: BREACHED_FOREGROUND, Urgency.SOON: SOON_FOREGROUND}


def stylesheet(name: str = "dark") -> str:
    return resources.files("resources.theme").joinpath(f"{name}.qss").read_text("utf-8")


def apply_theme(app: QApplication, name: str = "dark") -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet(name))
