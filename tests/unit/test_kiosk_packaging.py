"""The system restarts a kiosk that dies: the systemd user unit and the Windows task.

The unit passes ``systemd-analyze verify`` where the tool is (a fake console at the
path ``%h`` names, in a home of the test's own); its keys are checked in any case.
The Windows task and its restart loop cannot run here: their content is checked.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

PACKAGING = Path(__file__).parents[2] / "packaging"
UNIT = PACKAGING / "linux" / "vip-console.service"
TASK = PACKAGING / "windows" / "vip-console-task.xml"
LOOP = PACKAGING / "windows" / "vip-console-kiosk.ps1"
NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment, method-assign] - keys keep their case
    parser.read_string(UNIT.read_text())
    return parser


def test_the_unit_restarts_the_console_when_it_dies_not_when_it_it_closes_it() -> None:
    unit = _unit()
    service = unit["Service"]
    assert service["Restart"] == "on-failure"  # exit 0 (IT's PIN) stays down
    assert service["ExecStart"].split()[1:] == ["run", "--kiosk"]
    assert service["ExecStart"].startswith("%h/")  # a user unit: the user's own install
    # the launcher: the install directory's current version, again after an update
    assert service["ExecStart"].split()[0].endswith("/vip-console-launch")
    assert unit["Install"]["WantedBy"] == "graphical-session.target"
    assert int(unit["Unit"]["StartLimitBurst"]) > 1


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    home = tmp_path / "home"
    console = home / ".local" / "opt" / "vip-console" / "vip-console-launch"
    console.parent.mkdir(parents=True)
    console.write_text("#!/bin/sh\n")
    console.chmod(0o755)
    unit = tmp_path / UNIT.name
    shutil.copy(UNIT, unit)
    env = {**os.environ, "HOME": str(home)}
    done = subprocess.run(
        ["systemd-analyze", "verify", str(unit)], env=env, capture_output=True, text=True
    )
    # verify exits 0 on unknown keys and bad values too: it warns, naming the file.
    assert done.returncode == 0, done.stderr
    assert UNIT.name not in done.stderr, done.stderr


def test_the_windows_task_starts_the_restart_loop_at_logon() -> None:
    task = ElementTree.parse(TASK).getroot()
    assert task.find("t:Triggers/t:LogonTrigger", NS) is not None
    assert task.findtext("t:Settings/t:ExecutionTimeLimit", namespaces=NS) == "PT0S"
    arguments = task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=NS) or ""
    assert LOOP.name in arguments
    loop = LOOP.read_text()
    assert '"run", "--kiosk"' in loop
    assert "while ($code -ne 0)" in loop  # again after a death, never after IT's exit
    assert "$restartForUpdate = 75" in loop  # an installed update is not a death
    assert '. (Join-Path $PSScriptRoot "vip-console-current.ps1")' in loop
    assert "$console = Get-VipConsole $root" in loop  # the versioned install's current one
    current = (LOOP.parent / "vip-console-current.ps1").read_text()
    assert 'Join-Path $Root "current"' in current
