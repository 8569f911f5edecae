"""How the console's window shows: full screen on a floor tablet, maximised on a desk,
a frameless kiosk, or a plain window (``--window``, ``--kiosk``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.console_args import WINDOW_MODES


def show_in_mode(window: QWidget, mode: str = "auto") -> None:
    """Show ``window`` as ``MainWindow.show_on_screen`` says (the provisioning screen too)."""
    screen = window.screen().availableGeometry()
    mode = window_mode(mode, screen.width(), screen.height())
    if mode == "kiosk":
        window.setWindowFlags(
            window.windowFlags()
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        window.showFullScreen()
    elif mode == "fullscreen":
        window.showFullScreen()
    elif mode == "maximised":
        window.showMaximized()
    else:
        window.resize(1280, 800)
        window.show()


TABLET_MAX = (1366, 900)  # a screen this size or smaller is a floor tablet


def window_mode(mode: str, width: int, height: int) -> str:
    """``auto`` made concrete for a screen of ``width`` x ``height``: full screen on a
    tablet, maximised on a desk screen; any other mode as given."""
    if mode not in WINDOW_MODES:
        raise ValueError(f"unknown window mode {mode!r}; known: {', '.join(WINDOW_MODES)}")
    if mode != "auto":
        return mode
    tablet = width <= TABLET_MAX[0] or height <= TABLET_MAX[1]
    return "fullscreen" if tablet else "maximised"
