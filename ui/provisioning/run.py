"""``provision_console``: the provisioning screen alone, before the console starts.

``ui.launch`` calls it when ``ConsoleContext.needs_provisioning``: it shows the screen
on a qasync loop of its own until the helpdesk enrolled the tablet (the device id
chosen is returned, so the console is built for it) or the window is closed (None).
``exit_when_ready`` prints "provisioning-ready" once the screen is painted and closes
it (the packaged build's smoke test).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.bootstrap import ConsoleContext
    from app.sync.provisioning import Provisioned

log = logging.getLogger(__name__)


def provision_console(
    context: ConsoleContext,
    helpdesk_url: str,
    *,
    window_mode: str = "auto",
    exit_when_ready: bool = False,
) -> Provisioned | None:
    from PySide6.QtWidgets import QMainWindow

    from ui.application import build_application, install_crash_hook
    from ui.async_ops import AsyncOps
    from ui.event_loop import ConsoleEventLoop
    from ui.provisioning.screen import ProvisioningScreen
    from ui.window_mode import show_in_mode

    app = build_application()
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)
    ops = AsyncOps()
    window = QMainWindow()
    window.setWindowTitle(app.applicationName())

    provisioner = context.provisioner(helpdesk_url)
    screen = ProvisioningScreen(
        helpdesk_url, context.device_id, provisioner.enrol, ops, again=provisioner.again()
    )
    window.setCentralWidget(screen)
    result: list[Provisioned] = []
    done = asyncio.Event()

    def finished(provisioned: Provisioned) -> None:
        result.append(provisioned)
        done.set()

    screen.provisioned.connect(finished)
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the console's loop comes next
    app.lastWindowClosed.connect(done.set)
    install_crash_hook(window)
    show_in_mode(window, window_mode)
    screen.code_edit.setFocus()
    if exit_when_ready:  # the packaged build's smoke test: shown, painted, closed
        from PySide6.QtCore import QTimer

        def shown() -> None:
            window.repaint()
            print("provisioning-ready", flush=True)
            window.close()

        QTimer.singleShot(0, shown)
    try:
        with loop:
            loop.run_until_complete(done.wait())
    finally:
        ops.shutdown()
        app.lastWindowClosed.disconnect(done.set)
        window.close()
        app.setQuitOnLastWindowClosed(quit_on_close)
    if result:
        log.info("tablet provisioned as %s", result[0].device_id)
    return result[0] if result else None
