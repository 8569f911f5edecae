"""The Windows floor tablet's lockdown (packaging/windows, docs/kiosk.md): Shell Launcher
v2 makes the console the kiosk user's shell, Keyboard Filter and policies take away the
keys that lead out. None of it can run on the Linux machines this project is built on;
the files' content is checked: well-formed, the right schema, the right program, the
right user, the keys that must be blocked and the one that must not."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

PACKAGING = Path(__file__).parents[2] / "packaging"
WINDOWS = PACKAGING / "windows"
SHELL_LAUNCHER = WINDOWS / "vip-console-shell-launcher.xml"
SHELL = WINDOWS / "vip-console-shell.ps1"
FILTER = WINDOWS / "vip-console-keyboard-filter.xml"
LOCKDOWN = WINDOWS / "vip-console-lockdown.ps1"
NS = {
    "s": "http://schemas.microsoft.com/ShellLauncher/2018/Configuration",
    "v2": "http://schemas.microsoft.com/ShellLauncher/2019/Configuration",
}
V2 = "{" + NS["v2"] + "}"


def _shell_launcher() -> ElementTree.Element:
    return ElementTree.parse(SHELL_LAUNCHER).getroot()


def test_shell_launcher_v2_makes_the_console_the_kiosk_users_shell() -> None:
    root = _shell_launcher()
    assert root.tag == "{" + NS["s"] + "}ShellLauncherConfiguration"
    assert 'xmlns:V2="' + NS["v2"] + '"' in SHELL_LAUNCHER.read_text()  # v2, not eshell
    profile = root.find("s:Profiles/s:Profile", NS)
    assert profile is not None
    config = root.find("s:Configs/s:Config", NS)
    assert config is not None
    assert config.find("s:Profile", NS).get("Id") == profile.get("Id")  # type: ignore[union-attr]
    assert config.find("s:Account", NS).get("Name") == "vipkiosk"  # type: ignore[union-attr]
    shell = profile.find("s:Shell", NS)
    assert shell is not None
    assert shell.get(V2 + "AppType") == "Desktop"
    assert shell.get(V2 + "AllAppsFullScreen") == "true"
    command = shell.get("Shell") or ""
    assert command.startswith("%SystemRoot%\\System32\\WindowsPowerShell\\v1.0\\powershell.exe ")
    assert f'-File "%ProgramData%\\vip-console\\{SHELL.name}"' in command
    # IT's PIN (0): the script signed the user out; anything else: the shell again.
    actions = {
        a.get("ReturnCode"): a.get("Action")
        for a in shell.iter("{" + NS["s"] + "}ReturnCodeAction")
    }
    assert actions == {"0": "DoNothing"}
    assert shell.find("s:DefaultAction", NS).get("Action") == "RestartShell"  # type: ignore[union-attr]
    # Every other account (IT's) keeps Explorer.
    default = root.find("s:Profiles/s:DefaultProfile/s:Shell", NS)
    assert default is not None and default.get("Shell") == "%SystemRoot%\\explorer.exe"


def test_the_shell_starts_the_current_console_as_a_kiosk_and_signs_out_after_its_pin() -> None:
    script = SHELL.read_text()
    spec = (PACKAGING / "vip-console.spec").read_text()
    assert re.search(r'name="vip-console"', spec)  # PyInstaller makes vip-console.exe
    assert '. (Join-Path $PSScriptRoot "vip-console-current.ps1")' in script
    assert "$console = Get-VipConsole $PSScriptRoot" in script  # docs/updates.md
    current = (WINDOWS / "vip-console-current.ps1").read_text()
    assert '"versions\\$version\\vip-console.exe"' in current
    assert '-ArgumentList "run", "--kiosk" -Wait' in script
    assert re.search(
        r"if \(\$code -eq 0\) \{\s*& \"\$env:SystemRoot\\System32\\logoff.exe\"", script
    )
    assert script.rstrip().endswith("exit $code")


def test_the_keyboard_filter_blocks_the_ways_out_and_leaves_alt_f4_to_the_console() -> None:
    root = ElementTree.parse(FILTER).getroot()
    blocked = {key.get("Id") for key in root.iter("Key")}
    assert {"Ctrl+Alt+Del", "Windows", "Win+L", "Alt+Tab", "Ctrl+Esc", "Shift+Ctrl+Esc"} <= blocked
    assert "Alt+F4" not in blocked  # the console answers it with the IT PIN dialog
    settings = {s.get("Name"): s.get("Value") for s in root.iter("Setting")}
    assert settings["DisableKeyboardFilterForAdministrators"] == "true"  # IT keeps its keys
    user = {p.get("Name") for p in root.iterfind("UserPolicies/Policy")}
    # The security screen's Lock, Change a password, Task Manager and Sign out.
    assert user == {"DisableLockWorkstation", "DisableChangePassword", "DisableTaskMgr", "NoLogoff"}
    machine = {p.get("Name") for p in root.iterfind("MachinePolicies/Policy")}
    assert machine == {"HideFastUserSwitching"}


def test_the_lockdown_script_applies_both_files_with_windows_own_providers() -> None:
    script = LOCKDOWN.read_text()
    for name in (SHELL_LAUNCHER.name, FILTER.name):
        assert f'Join-Path $here "{name}"' in script
    assert '"Client-EmbeddedShellLauncher", "Client-KeyboardFilter"' in script
    assert '-ClassName "MDM_AssignedAccess"' in script and "$bridge.ShellLauncher =" in script
    assert '"WEKF_PredefinedKey"' in script and '"WEKF_Settings"' in script
    assert '[string]$KioskUser = "vipkiosk"' in script
    assert "Write-Warning" in script  # an unknown key name is said, never skipped silently
