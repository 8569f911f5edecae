"""A tablet's first start, as its own process: ``python -m tests.ui.provisioning_launch
DATA_DIR HELPDESK_URL DEVICE_ID CODE``. The console starts (``ui.launch``) on a data
directory with no token, shows the provisioning screen, this harness types IT's device
id and code into it, and the console then starts for that device ("console-ready")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.cli import parse_args
from ui.application import build_application
from ui.launch import launch_console
from ui.provisioning.screen import ProvisioningScreen


def _type_when_shown(device_id: str, code: str) -> None:
    screens = [w for w in QApplication.allWidgets() if isinstance(w, ProvisioningScreen)]
    if not screens or not screens[0].isVisible():
        QTimer.singleShot(50, lambda: _type_when_shown(device_id, code))
        return
    screens[0].device_edit.setText(device_id)
    screens[0].code_edit.setText(code)
    screens[0].submit()


def main(data_dir: str, url: str, device_id: str, code: str) -> int:
    build_application()
    QTimer.singleShot(0, lambda: _type_when_shown(device_id, code))
    args = ["--data-dir", data_dir, "--helpdesk", url, "--window", "windowed"]
    return launch_console(parse_args([*args, "run", "--exit-when-ready"]))


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
