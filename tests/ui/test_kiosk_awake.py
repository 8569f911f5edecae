"""The kiosk keeps the screen awake while the board shows (ui/kiosk/awake.py), with real
parts: a private ``dbus-daemon`` with a stand-in ``org.freedesktop.ScreenSaver`` for the
console in a child process; a stand-in ``systemd-inhibit`` first on PATH; neither.

No test reaches the real user's session bus: the child's ``DBUS_SESSION_BUS_ADDRESS`` is
the private bus, and this process's is a socket that does not exist (tests/conftest.py).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection

from tests.ui.session_bus import private_session_bus
from ui.kiosk.awake import APP, REASON, BoardAwake

ROOT = Path(__file__).parents[2]
RUN_LIMIT_S = 180  # the console's whole journey; a hang fails, never blocks the suite


def _child_env(tmp_path: Path, bus: str, path: str) -> dict[str, str]:
    home = tmp_path / "home"
    return {
        "PATH": path,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "DBUS_SESSION_BUS_ADDRESS": bus,
        "PYTHONPATH": str(ROOT),
    }


def _console_journey(
    tmp_path: Path, demo_data: Path, bus: str, path: str, *record: Path
) -> list[str]:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(demo_data, data)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.kiosk_awake_console", str(data), *map(str, record)],
        env=_child_env(tmp_path, bus, path),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT_S,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return [line for line in done.stdout.splitlines() if ":" in line]


def _start_screensaver(tmp_path: Path, bus: str, calls: Path) -> subprocess.Popen[str]:
    service = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.fake_screensaver", bus, str(calls)],
        cwd=ROOT,
        env={**_child_env(tmp_path, bus, os.environ["PATH"])},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert service.stdout is not None
    assert service.stdout.readline().strip() == "ready"
    return service


def _stub_systemd_inhibit(directory: Path, record: Path) -> Path:
    """A ``systemd-inhibit`` that writes its pid and arguments, then waits to be killed."""
    directory.mkdir()
    stub = directory / "systemd-inhibit"
    stub.write_text(f'#!/bin/sh\necho "$$ $*" >> "{record}"\nexec sleep 600\n')
    stub.chmod(0o755)
    return directory


@pytest.mark.slow
def test_the_console_inhibits_the_screen_saver_while_the_board_shows(
    tmp_path: Path, small_demo_data: Path
) -> None:
    calls = tmp_path / "screensaver-calls.txt"
    with private_session_bus(tmp_path) as bus:
        service = _start_screensaver(tmp_path, bus, calls)
        try:
            steps = _console_journey(tmp_path, small_demo_data, bus, os.environ["PATH"])
        finally:
            service.kill()
            service.wait(timeout=10)
            if service.stdout is not None:
                service.stdout.close()
    assert steps == [
        "sign-in: none",
        "board: dbus",
        "locked: none",
        "unlocked: dbus",
        "signed-out: none",
        "board: dbus",
        "closed: none",
    ]
    lines = calls.read_text(encoding="utf-8").splitlines()
    inhibits = [line.split("\t") for line in lines if line.startswith("Inhibit")]
    assert [(app, why) for _, app, why, _ in inhibits] == [(APP, REASON)] * 3
    cookies = [cookie for *_, cookie in inhibits]
    assert len(set(cookies)) == 3
    # Each hold given back with its own cookie, in order: lock, sign-out, IT's exit.
    assert lines == [
        f"Inhibit\t{APP}\t{REASON}\t{cookies[0]}",
        f"UnInhibit\t{cookies[0]}",
        f"Inhibit\t{APP}\t{REASON}\t{cookies[1]}",
        f"UnInhibit\t{cookies[1]}",
        f"Inhibit\t{APP}\t{REASON}\t{cookies[2]}",
        f"UnInhibit\t{cookies[2]}",
    ]


@pytest.mark.slow
def test_without_a_screensaver_service_the_console_holds_systemd_inhibit(
    tmp_path: Path, small_demo_data: Path
) -> None:
    record = tmp_path / "inhibit-calls.txt"
    stubs = _stub_systemd_inhibit(tmp_path / "bin", record)
    with private_session_bus(tmp_path) as bus:  # a bus, but nobody owns the ScreenSaver
        path = f"{stubs}:{os.environ['PATH']}"
        steps = _console_journey(tmp_path, small_demo_data, bus, path, record)
    assert [step.split(": ")[1] for step in steps] == [
        "none", "systemd-inhibit", "none", "systemd-inhibit", "none", "systemd-inhibit", "none"
    ]  # fmt: skip
    started = [line.split(" ", 1) for line in record.read_text().splitlines()]
    assert len(started) == 3
    for pid, args in started:
        assert args == f"--what=idle --who={APP} --why={REASON} --mode=block sleep infinity"
        assert not Path(f"/proc/{pid}").exists()  # killed at each release, not left behind


def test_this_process_never_reaches_a_session_bus() -> None:
    """The suite's own D-Bus address leads nowhere (the user's bus is never touched)."""
    assert "no-session-bus" in os.environ["DBUS_SESSION_BUS_ADDRESS"]
    assert not QDBusConnection.sessionBus().isConnected()


def test_the_systemd_inhibit_child_lives_exactly_while_the_board_shows(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # noqa: ANN001
    record = tmp_path / "inhibit-calls.txt"
    stubs = _stub_systemd_inhibit(tmp_path / "bin", record)
    monkeypatch.setenv("PATH", f"{stubs}:{os.environ['PATH']}")
    board = [True]
    awake = BoardAwake(lambda: board[0])
    try:
        awake.follow()
        assert awake.inhibitor.how == "systemd-inhibit"
        qtbot.waitUntil(lambda: record.exists() and record.read_text().strip() != "")
        pid = record.read_text().split()[0]
        awake.follow()  # still showing: the same child, not a second one
        board[0] = False
        awake.follow()
        assert awake.inhibitor.how is None
        assert not Path(f"/proc/{pid}").exists()
        assert len(record.read_text().splitlines()) == 1
    finally:
        awake.release()


def test_with_no_way_to_keep_awake_the_log_says_so_once(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:  # noqa: ANN001
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no systemd-inhibit
    awake = BoardAwake(lambda: True)
    try:
        with caplog.at_level(logging.INFO, logger="ui.kiosk.awake"):
            for _tick in range(3):
                awake.follow()
        assert awake.inhibitor.how is None
        said = [r for r in caplog.records if "no way to keep the screen awake" in r.message]
        assert len(said) == 1
    finally:
        awake.release()
