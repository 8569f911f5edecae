"""The readable looks of ``make screenshots`` (tools/screenshots.py runs it last).

The main screens in the high-contrast theme (``*_high_contrast.png``) and with text at
150 % and 200 % (``*_text_150.png``, ``*_text_200.png``), at 1280 x 800, each look on a
console window built after its theme is applied, as a device with those settings
starts; then the kiosk's IT PIN dialog over the board (``kiosk_exit.png``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from app.bootstrap import ConsoleContext
from app.kiosk import KioskExit, it_pin_verifier
from tools.screenshots import TABLET, Shots, first_guest, settle, sign_in
from ui.async_ops import AsyncOps
from ui.main_window import MainWindow
from ui.theme import HIGH_CONTRAST, apply_theme

# The device settings each look stands for: (theme, text scale in percent).
LOOKS = {
    "high_contrast": (HIGH_CONTRAST, 100),
    "text_150": ("dark", 150),
    "text_200": ("dark", 200),
}


def take_readable(shots: Shots, context: ConsoleContext, ops: AsyncOps) -> None:
    """In English: the staff who spoke French for the French screens speak it again."""
    from tools.screenshots_more import sign_in_speaking

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for staff in ("H001", "P001"):
        sign_in_speaking(shots.window, staff, "en")
    shots.window.sign_out()
    try:
        for look, (theme, scale) in LOOKS.items():
            apply_theme(app, theme, scale)
            window = MainWindow(context.services, ops, demo_hint=context.demo_hint)
            window.show()
            try:
                _main_screens(Shots(shots.out, window), context, look)
            finally:
                window.sign_out()
                window.close()
                window.deleteLater()
                settle()
    finally:
        apply_theme(app)
    _kiosk_exit(shots, context, ops)


def _main_screens(shots: Shots, context: ConsoleContext, look: str) -> None:
    window = shots.window
    plain = first_guest(
        context, lambda g: not g.quiet.enabled and bool(g.room) and not g.rg.self_excluded
    )
    shots.grab(f"sign_in_{look}")
    shell = sign_in(window, "H001")
    shell.route_swipe(plain.card_number)
    shots.grab(f"console_{look}")
    window.lookup.search_edit.setText(plain.name.split()[0])
    window.lookup._search()
    shots.grab(f"search_{look}")
    window.lookup.search_edit.clear()
    window.lock()
    shots.grab(f"lock_screen_{look}")
    shell = sign_in(window, "P001")
    window.reload_board()
    shots.grab(f"board_{look}")
    shell.new_incident(None)
    shots.grab(f"incident_form_{look}")
    assert shell.actor is not None
    rows = context.incidents.board(shell.actor)
    shell.open_incident(rows[0].incident.id)
    shell.page("incident.view").stop()  # the clocks stand still for the picture
    shots.grab(f"incident_view_{look}")
    shell.show_page("floor")
    shots.grab(f"floor_map_{look}")


def _kiosk_exit(shots: Shots, context: ConsoleContext, ops: AsyncOps) -> None:
    from ui.kiosk.exit_dialog import KioskExitDialog

    verifier = it_pin_verifier(context.settings, demo=True)
    kiosk = KioskExit(context.store, context.clock, context.device_id, verifier)
    sign_in(shots.window, "P001")
    dialog = KioskExitDialog(kiosk, ops, shots.window)
    dialog.show()
    dialog.adjustSize()
    shots.grab_over("kiosk_exit", dialog, TABLET)
    dialog._answered(kiosk.try_exit("000000"))  # a wrong PIN: refused, and audited
    dialog.adjustSize()
    shots.grab_over("kiosk_exit_refused", dialog, TABLET)
    dialog.close()
