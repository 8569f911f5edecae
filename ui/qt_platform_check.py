"""Pre-flight check for Qt's xcb platform plugin, run before Qt is imported.

``make run`` calls ``python -m ui.qt_platform_check``. On Linux, with a display and no
``QT_QPA_PLATFORM=offscreen``, the xcb plugin needs a set of system libraries that a
bare Debian/Ubuntu image lacks; Qt's own message ("could not load the Qt platform
plugin xcb") does not say which. This module names the missing Debian packages and
prints the ``apt-get`` line. It must never import PySide6.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

# Debian package -> (library name for find_library, soname to try with CDLL).
XCB_REQUIREMENTS: dict[str, tuple[str, str]] = {
    "libxcb-cursor0": ("xcb-cursor", "libxcb-cursor.so.0"),
    "libxcb-icccm4": ("xcb-icccm", "libxcb-icccm.so.4"),
    "libxcb-keysyms1": ("xcb-keysyms", "libxcb-keysyms.so.1"),
    "libxcb-image0": ("xcb-image", "libxcb-image.so.0"),
    "libxcb-render-util0": ("xcb-render-util", "libxcb-render-util.so.0"),
    "libxcb-xinerama0": ("xcb-xinerama", "libxcb-xinerama.so.0"),
    "libxcb-xkb1": ("xcb-xkb", "libxcb-xkb.so.1"),
    "libxkbcommon-x11-0": ("xkbcommon-x11", "libxkbcommon-x11.so.0"),
    "libxcb-shape0": ("xcb-shape", "libxcb-shape.so.0"),
    "libxcb-randr0": ("xcb-randr", "libxcb-randr.so.0"),
    "libegl1": ("EGL", "libEGL.so.1"),
    "libgl1": ("GL", "libGL.so.1"),
    "libfontconfig1": ("fontconfig", "libfontconfig.so.1"),
    "libdbus-1-3": ("dbus-1", "libdbus-1.so.3"),
}

HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb"})


@dataclass(frozen=True, slots=True)
class Verdict:
    ok: bool
    message: str


def library_present(name: str, soname: str) -> bool:
    """True when the dynamic loader can find the library."""
    if ctypes.util.find_library(name):
        return True
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_packages(present: Callable[[str, str], bool] = library_present) -> list[str]:
    return [pkg for pkg, (name, soname) in XCB_REQUIREMENTS.items() if not present(name, soname)]


def check(
    platform: str,
    env: Mapping[str, str],
    present: Callable[[str, str], bool] = library_present,
) -> Verdict:
    """Decide whether Qt can start here; pure apart from ``present``."""
    if not platform.startswith("linux"):
        return Verdict(True, "")
    qpa = env.get("QT_QPA_PLATFORM", "").split(":")[0].strip().lower()
    if qpa in HEADLESS_PLATFORMS:
        return Verdict(True, "")
    has_x = bool(env.get("DISPLAY"))
    has_wayland = bool(env.get("WAYLAND_DISPLAY"))
    if not has_x and not has_wayland:
        return Verdict(
            False,
            "No display found: neither DISPLAY nor WAYLAND_DISPLAY is set.\n"
            "Run on a desktop session, or headless with one of:\n"
            "  QT_QPA_PLATFORM=offscreen make run\n"
            "  xvfb-run -a make run",
        )
    if qpa == "wayland" or (has_wayland and not has_x):
        return Verdict(True, "")
    missing = missing_packages(present)
    if not missing:
        return Verdict(True, "")
    lines = [
        "Qt's xcb platform plugin cannot start: these system packages are missing:",
        *(f"  {pkg}" for pkg in missing),
        "Install them with:",
        f"  sudo apt-get install -y {' '.join(missing)}",
        "(or run headless with QT_QPA_PLATFORM=offscreen)",
    ]
    return Verdict(False, "\n".join(lines))


def main() -> int:
    verdict = check(sys.platform, os.environ)
    if not verdict.ok:
        print(verdict.message, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
