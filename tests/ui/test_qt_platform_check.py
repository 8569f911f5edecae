"""The xcb pre-flight check decides without Qt; its libraries are faked here."""

import subprocess
import sys

import pytest

from ui.qt_platform_check import XCB_REQUIREMENTS, check


def _present_except(*missing_packages: str):
    missing_names = {XCB_REQUIREMENTS[p][0] for p in missing_packages}
    return lambda name, soname: name not in missing_names


def _never(name: str, soname: str) -> bool:
    raise AssertionError("libraries must not be probed here")


@pytest.mark.parametrize(
    ("platform", "env"),
    [
        ("darwin", {}),
        ("win32", {}),
        ("linux", {"QT_QPA_PLATFORM": "offscreen"}),
        ("linux", {"QT_QPA_PLATFORM": "minimal", "DISPLAY": ":0"}),
        ("linux", {"WAYLAND_DISPLAY": "wayland-0"}),
        ("linux", {"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}),
    ],
)
def test_no_xcb_check_needed(platform: str, env: dict[str, str]) -> None:
    assert check(platform, env, _never).ok


def test_no_display_at_all_says_so_and_suggests_offscreen() -> None:
    verdict = check("linux", {}, _never)
    assert not verdict.ok
    assert "No display" in verdict.message
    assert "QT_QPA_PLATFORM=offscreen" in verdict.message
    assert "xvfb-run" in verdict.message


def test_all_libraries_present_passes() -> None:
    assert check("linux", {"DISPLAY": ":0"}, lambda name, soname: True).ok


def test_missing_libraries_are_named_with_the_apt_line() -> None:
    verdict = check(
        "linux", {"DISPLAY": ":0"}, _present_except("libxcb-cursor0", "libxkbcommon-x11-0")
    )
    assert not verdict.ok
    assert "  libxcb-cursor0\n" in verdict.message
    assert "  libxkbcommon-x11-0\n" in verdict.message
    assert "apt-get install -y libxcb-cursor0 libxkbcommon-x11-0" in verdict.message
    assert "libgl1" not in verdict.message


def test_every_required_package_is_checked() -> None:
    expected = {
        "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
        "libxcb-render-util0", "libxcb-xinerama0", "libxcb-xkb1", "libxkbcommon-x11-0",
        "libxcb-shape0", "libxcb-randr0", "libegl1", "libgl1", "libfontconfig1", "libdbus-1-3",
    }  # fmt: skip
    assert set(XCB_REQUIREMENTS) == expected


def test_module_does_not_import_pyside6() -> None:
    script = (
        "import sys, ui.qt_platform_check\n"
        "print(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "False", out.stderr
