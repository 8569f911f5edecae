"""``main.py run``: build the core's console context and start the window.

Kept tiny and import-light: the core context is built first (a policy or settings
error is reported on the terminal before any window), then ``run_console``.
"""

from __future__ import annotations

import argparse
import logging
import sys

log = logging.getLogger(__name__)


def launch_console(args: argparse.Namespace) -> int:
    from app.bootstrap import build_context
    from app.policy import PolicyError

    try:
        context = build_context(
            getattr(args, "data_dir", None),
            policy_file=getattr(args, "policy", None),
            device_id=getattr(args, "device_id", None),
            defer_store=True,  # its data layer loads once the window is up
        )
    except (PolicyError, ValueError) as exc:  # SettingsError is a ValueError too
        print(f"vip-console: {exc}", file=sys.stderr)
        return 2
    for notice in context.notices:
        log.warning("%s", notice)

    from app.cli import helpdesk_choice
    from ui.application import run_console

    helpdesk = helpdesk_choice(args, demo_store=context.demo_store)
    window_mode = "kiosk" if getattr(args, "kiosk", False) else getattr(args, "window", None)
    window_mode = window_mode or "auto"
    from app.kiosk import KioskRefused

    try:  # a real device without IT's PIN never starts as a kiosk
        kiosk = context.kiosk_exit(window_mode)
    except KioskRefused as exc:
        print(f"vip-console: {exc}", file=sys.stderr)
        context.close()
        return 2
    window_mode = "kiosk" if kiosk is not None else window_mode
    code = getattr(args, "enrol", None)
    refusal = context.helpdesk_refusal(helpdesk, code)
    if refusal is not None:
        print(f"vip-console: {refusal}", file=sys.stderr)
        context.close()
        return 2
    if code is None and helpdesk is not None and context.needs_provisioning(helpdesk):
        from app.gc_rest import start_made
        from ui.provisioning.run import provision_console

        start_made()  # the provisioning screen may wait for IT a long while

        provisioned = provision_console(
            context,
            helpdesk,
            window_mode=window_mode,
            exit_when_ready=getattr(args, "exit_at_provisioning", False),
        )
        if provisioned is None:  # closed before the tablet was enrolled
            context.close()
            return 0
        if provisioned.device_id != context.device_id:  # the console is built for its id
            context.close()
            context = build_context(
                getattr(args, "data_dir", None),
                policy_file=getattr(args, "policy", None),
                device_id=provisioned.device_id,
                defer_store=True,
            )
    return run_console(
        context,
        helpdesk=helpdesk,
        enrolment_code=code,
        window_mode=window_mode,
        exit_when_ready=getattr(args, "exit_when_ready", False),
        kiosk=kiosk,
    )
