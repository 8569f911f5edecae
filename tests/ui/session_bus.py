"""A private D-Bus session bus for one test: its own ``dbus-daemon`` on a socket in the
test's directory, so no test ever reaches the real user's session bus."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@contextmanager
def private_session_bus(directory: Path) -> Iterator[str]:
    """Starts ``dbus-daemon`` with a configuration of its own (no service directories, no
    user files read); yields its address; stops it."""
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("dbus-daemon is not installed (Debian: dbus-daemon)")
    config = directory / "bus.conf"
    config.write_text(CONFIG.format(socket=directory / "bus"), encoding="utf-8")
    process = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # "Failed to set fd limit" as an unprivileged daemon
        text=True,
    )
    try:
        assert process.stdout is not None
        address = process.stdout.readline().strip()  # "" if it died at once
        assert address.startswith("unix:"), f"dbus-daemon did not start ({process.poll()})"
        yield address
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()
