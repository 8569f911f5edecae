"""The alert's sound: ``resources/sounds/alert.wav``, loud enough for a casino floor.

The console installs PySide6-Essentials, which has no Qt Multimedia, so the WAV goes to
the first player the tablet has: ``QSoundEffect`` where Qt Multimedia is installed,
``winsound`` on Windows (the standard library), else a command-line player on the
PATH (PipeWire's ``pw-play``, PulseAudio's ``paplay``, ALSA's ``aplay``), started
detached so the GUI never waits for it. With none of them, the platform's beep.
Off (a device setting) plays nothing.
"""

from __future__ import annotations

import logging
import shutil
import sys
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QUrl
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)

PLAYERS = ("pw-play", "paplay", "aplay")  # newest sound server first


def alert_wav() -> Path:
    return Path(str(resources.files("resources.sounds").joinpath("alert.wav")))


class AlertSound(QObject):
    def __init__(self, enabled: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = enabled  # read at each alert: the device setting, as it is now
        self.played = 0  # how many times a sound was started (the beep included)
        self._effect = _sound_effect(self)
        self._command: str | None = None
        if self._effect is not None:
            self.player = "Qt Multimedia"
        elif sys.platform == "win32":
            self.player = "winsound"
        elif (command := _command_player()) is not None:
            self._command, self.player = command, Path(command).name
        else:
            self.player = "beep"
        log.info("alert sound: %s", self.player)

    def play(self) -> None:
        if not self.enabled():
            return
        self.played += 1
        if self._effect is not None:
            self._effect.play()
        elif self.player == "winsound":
            _play_with_winsound(alert_wav())
        elif self._command is None or not QProcess.startDetached(self._command, [str(alert_wav())]):
            QApplication.beep()

    @property
    def uses_wav(self) -> bool:
        return self.player != "beep"


def _sound_effect(parent: QObject) -> Any:
    """A loaded ``QSoundEffect`` at full volume, or None without Qt Multimedia."""
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(alert_wav())))
    effect.setVolume(1.0)
    return effect


def _command_player() -> str | None:
    return next((found for name in PLAYERS if (found := shutil.which(name))), None)


def _play_with_winsound(wav: Path) -> None:
    import winsound  # type: ignore[import-not-found,unused-ignore]  # Windows only

    # Asynchronous: PlaySound returns at once and the sound plays on Windows' side.
    winsound.PlaySound(str(wav), winsound.SND_FILENAME | winsound.SND_ASYNC)  # type: ignore[attr-defined,unused-ignore]
