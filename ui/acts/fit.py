"""Dialogs that fit the console: laid over the console window's own area, never larger.

An act is signed on the tablet itself (1024×768 at the smallest, SPEC §11): a dialog
sized for its content would run off the screen, as the first act dialog did (955 px on
an 800-px screen). These dialogs take the window's area instead, without a frame of
their own (they carry their title inside), and lay out their content to fit it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QWidget

from ui.theme import scaled

FALLBACK = QSize(1024, 740)  # no window to cover (a test building the dialog alone)
MARGIN = 40  # px around a dialog sized within the window: the console shows around it


def fit_to_window(dialog: QDialog, parent: QWidget | None) -> None:
    dialog.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    window = parent.window() if parent is not None else None
    if window is None or not window.isVisible():
        dialog.resize(FALLBACK)
        return
    dialog.setGeometry(window.geometry())


def size_within_window(dialog: QDialog, parent: QWidget | None, wanted: QSize) -> None:
    """``wanted`` (grown with the text size), never larger than the console's window
    less a margin: a dialog over the console keeps its frame inside the screen."""
    window = parent.window() if parent is not None else None
    size = QSize(scaled(wanted.width()), scaled(wanted.height()))
    if window is not None:
        size = size.boundedTo(window.size() - QSize(MARGIN, MARGIN))
    dialog.resize(size)
