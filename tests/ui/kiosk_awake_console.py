"""Run in a child process by tests/ui/test_kiosk_awake.py: the real console as a kiosk on
a demo data directory, offscreen, on the session bus that ``DBUS_SESSION_BUS_ADDRESS``
names (the test's private one, never the user's). A pit boss signs in (the board shows),
the console locks, the pit boss unlocks, signs out; after each step the kiosk's
keep-awake takes its poll's tick at once and the step is printed with how the screen
is held ("dbus", "systemd-inhibit" or "none"). IT's PIN then closes the console.
With RECORD (a stand-in ``systemd-inhibit``'s file), a step that started one waits for
its line there before the next step kills it.

    python -m tests.ui.kiosk_awake_console DATA_DIR [RECORD]
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

STEP_LIMIT_S = 60.0  # a step the console never reaches fails the run, never hangs it


async def until(what: str, condition: Callable[[], bool]) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + STEP_LIMIT_S
    while not condition():
        if loop.time() > deadline:
            raise SystemExit(f"never reached: {what}")
        await asyncio.sleep(0.02)


async def journey(window, guard, pin: str, record: Path | None) -> None:  # noqa: ANN001
    from ui.application import board_shows

    held = 0

    async def step(name: str) -> None:
        nonlocal held
        guard.awake.follow()  # the poll's tick, now rather than within 3 s
        how = guard.awake.inhibitor.how
        print(f"{name}: {how or 'none'}", flush=True)
        if how == "systemd-inhibit" and record is not None:
            held += 1  # the stand-in has written its line before it is killed
            await until("systemd-inhibit started", lambda: _lines(record) == held)

    async def sign_in(pad, where: str) -> None:  # noqa: ANN001 - a SignInPad
        pad.staff_edit.setText("P001")  # a pit boss: the board is their first page
        pad.pin_edit.setText(pin)
        pad.submit()
        await until(where, lambda: board_shows(window))

    await until("the sign-in screen", window.sign_in.isVisible)
    await step("sign-in")
    await sign_in(window.sign_in.pad, "the board")
    await step("board")
    window.lock()
    await until("the lock screen", lambda: window.guard.locked)
    await step("locked")
    await sign_in(window.lock_screen.pad, "the board, unlocked")
    await step("unlocked")
    window.sign_out()
    await until("the sign-in screen again", window.sign_in.isVisible)
    await step("signed-out")
    await sign_in(window.sign_in.pad, "the board, signed in again")
    await step("board")
    guard.let_close()  # what IT's PIN does: the hold goes with the kiosk
    print(f"closed: {guard.awake.inhibitor.how or 'none'}", flush=True)
    window.close()


def _lines(record: Path) -> int:
    return len(record.read_text().splitlines()) if record.exists() else 0


def main(data_dir: str, record: str | None = None) -> int:
    from app.bootstrap import build_context
    from app.demo.generator import DEMO_PIN
    from app.security.store_key import DEMO_STORE_KEY
    from ui.application import board_shows, build_application
    from ui.async_ops import AsyncOps
    from ui.event_loop import ConsoleEventLoop
    from ui.kiosk.guard import KioskGuard
    from ui.main_window import MainWindow

    app = build_application([], "en")
    loop = ConsoleEventLoop(app)
    asyncio.set_event_loop(loop)
    context = build_context(Path(data_dir), store_key=DEMO_STORE_KEY)
    kiosk = context.kiosk_exit("kiosk")
    assert kiosk is not None
    failures: list[BaseException] = []
    ops = AsyncOps(present_error=failures.append)
    window = MainWindow(context.services, ops, demo_hint=context.demo_hint)
    guard = KioskGuard(window, kiosk, ops, board_visible=lambda: board_shows(window))
    guard.show()
    closing = asyncio.Event()  # as the console runs: until the application quits
    app.aboutToQuit.connect(closing.set)
    app.aboutToQuit.connect(ops.shutdown)
    try:
        with loop:
            stub_record = Path(record) if record else None
            walk = loop.create_task(journey(window, guard, DEMO_PIN, stub_record))
            walk.add_done_callback(lambda _walk: closing.set())
            loop.run_until_complete(closing.wait())
            walk.result()  # a step never reached ends the run here
    finally:
        context.close()
    for failure in failures:
        print(f"failed: {failure!r}", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
