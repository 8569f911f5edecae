"""The alert's WAV reaches a player the tablet has (PySide6-Essentials has no Qt
Multimedia): a sound server's command-line player on the PATH, started detached; with
none, the platform's beep; off, nothing."""

from __future__ import annotations

import stat
import sys
import wave
from pathlib import Path

import pytest

from ui.alerts.sound import AlertSound, alert_wav

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="players on the PATH: POSIX")


def _fake_player(directory: Path, name: str, record: Path) -> None:
    """A player that writes down what it was asked to play."""
    player = directory / name
    player.write_text(f'#!/bin/sh\necho "$@" >> "{record}"\n')
    player.chmod(player.stat().st_mode | stat.S_IXUSR)


def test_the_shipped_alert_is_a_wav_a_player_can_read() -> None:
    with wave.open(str(alert_wav())) as sound:
        seconds = sound.getnframes() / sound.getframerate()
    assert 0.2 <= seconds <= 3  # heard over a casino, never a siren


def test_the_alert_goes_to_the_sound_server_s_player(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = tmp_path / "played.txt"
    _fake_player(tmp_path, "paplay", record)
    _fake_player(tmp_path, "aplay", tmp_path / "not-me.txt")  # the older server: second
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)  # as the lock file has it
    sound = AlertSound(lambda: True)
    assert (sound.player, sound.uses_wav) == ("paplay", True)
    sound.play()
    qtbot.waitUntil(record.exists, timeout=10_000)
    assert record.read_text().split() == [str(alert_wav())]
    assert not (tmp_path / "not-me.txt").exists()


def test_without_a_player_it_beeps_and_off_it_is_silent(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing to play with
    monkeypatch.setitem(sys.modules, "PySide6.QtMultimedia", None)
    beeps: list[bool] = []
    monkeypatch.setattr("ui.alerts.sound.QApplication.beep", lambda: beeps.append(True))
    sound = AlertSound(lambda: True)
    assert (sound.player, sound.uses_wav) == ("beep", False)
    sound.play()
    assert beeps == [True]
    record = tmp_path / "played.txt"
    _fake_player(tmp_path, "pw-play", record)
    silent = AlertSound(lambda: False)  # the device's setting: sound off
    silent.play()
    qtbot.wait(300)
    assert silent.played == 0 and not record.exists()
