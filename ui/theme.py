"""The dark floor theme: QSS loaded from ``resources/theme`` and touch-size constants."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

MIN_TOUCH = 48  # px: the smallest hit target anything clickable may have
KEYPAD_KEY = 52  # px: the sign-in keypad keys (ten columns fit a 1024-px screen)

# Colours used from code (roles of the board model); the QSS holds the rest.
P1_BACKGROUND = QColor("#7a1020")
P1_FOREGROUND = QColor("#ffffff")
BREACHED_BACKGROUND = QColor("#b00020")
BREACHED_FOREGROUND = QColor("#ffffff")
WAITING_FOREGROUND = QColor("#b8c2d6")
WARNING_FOREGROUND = QColor("#ffcc4d")


def stylesheet(name: str = "dark") -> str:
    return resources.files("resources.theme").joinpath(f"{name}.qss").read_text("utf-8")


def apply_theme(app: QApplication, name: str = "dark") -> None:
    app.setStyle("Fusion")
    app.setStyleSheet(stylesheet(name))
