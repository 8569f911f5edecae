"""The alert's sound: ``resources/sounds/alert.wav`` through ``QSoundEffect`` where Qt
Multimedia is installed, else the platform's beep. Off (a device setting) plays nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from importlib import resources
from typing import Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class AlertSound(QObject):
    def __init__(self, enabled: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled  # read at each alert: the device setting, as it is now
        self.played = 0  # how many times a sound was started (the beep included)
        self._effect = _sound_effect(self)

    def play(self) -> None:
        if not self.enabled():
            return
        self.played += 1
        if self._effect is not None:
            self._effect.play()
        else:
            QApplication.beep()

    @property
    def uses_wav(self) -> bool:
        return self._effect is not None


def _sound_effect(parent: QObject) -> Any:
    """A loaded ``QSoundEffect`` at full volume, or None without Qt Multimedia."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        log.info("Qt Multimedia is not installed: alerts beep instead of playing alert.wav")
        return None
    effect = QSoundEffect(parent)
    path = resources.files("resources.sounds").joinpath("alert.wav")
    effect.setSource(QUrl.fromLocalFile(str(path)))
    effect.setVolume(1.0)
    return effect
