"""A virtual X display (Xvfb) for the benchmarks that start a real window.

A tablet runs the console on X (Qt's xcb plugin), not offscreen: the start figures of
issue 17 are taken under Xvfb when it is installed (``apt-get install xvfb``).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SCREEN = "1280x800x24"  # the 10-inch tablet


@contextmanager
def virtual_display() -> Iterator[str | None]:
    """The DISPLAY of a fresh Xvfb for the block (None where Xvfb is not installed)."""
    program = shutil.which("Xvfb")
    if program is None:
        yield None
        return
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    server = subprocess.Popen(
        [program, f":{number}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def platform_env(display: str | None) -> dict[str, str]:
    """The environment that puts Qt on ``display`` (offscreen without one)."""
    if display is None:
        return dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
