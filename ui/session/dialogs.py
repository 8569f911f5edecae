"""Dialogs open over the console when it locks: hidden with it, shown again by the
same staff member's unlock, closed for good when someone else takes the tablet."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication, QDialog
from shiboken6 import isValid

log = logging.getLogger(__name__)


class DialogsBehindLock:
    def __init__(self) -> None:
        self._hidden: list[QDialog] = []

    def hide(self) -> None:
        """Dialogs open over the console (a TTR prompt and its amount) hide with it.

        They keep their state and come back with the console: a decision still to
        be recorded is not lost by a lock."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.hide()
                self._hidden.append(widget)

    def show_again(self) -> None:
        hidden, self._hidden = self._hidden, []
        for dialog in hidden:
            if isValid(dialog):  # not deleted with the pages of a switched user
                dialog.show()

    def forget(self) -> None:
        """Never shown to another staff member (their role, not ours): closed for good."""
        hidden, self._hidden = self._hidden, []
        if hidden:
            log.warning("%d dialog(s) of the previous user closed by a switch of user", len(hidden))
        for dialog in hidden:
            if isValid(dialog):
                dialog.reject()
