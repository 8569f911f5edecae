"""The language on the real console, at both tablet sizes: chosen on the sign-in screen
(spoken at once), kept as the staff member's own (in the store, audited), spoken again
at their next sign-in and after a switch of user, the tablet's own language for the
next person after a sign-out; no restart (the same window all along)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.ui.demo_console import Console, in_view, sign_in, tap, type_on_keypad
from tests.ui.waits import WAIT_MS
from ui.board.model import Col
from ui.i18n import current_language


def _texts(console: Console) -> str:
    return " ".join(w.text() for w in console.window.findChildren(QLabel) if w.isVisible())


def _choose(console: Console, code: str) -> None:
    button = console.window.sign_in.language_buttons[code]
    tap(console, button)
    assert console.window.sign_in.language_buttons[code].isChecked()


def test_french_chosen_at_sign_in_is_spoken_at_once_and_kept(qtbot, console: Console) -> None:
    window = console.window
    for button in window.sign_in.language_buttons.values():  # each language in its own words
        in_view(window, button)
    assert {b.text() for b in window.sign_in.language_buttons.values()} >= {"English", "Français"}
    _choose(console, "fr")
    screen = window.sign_in
    assert current_language() == "fr" and screen.submit_button.text() == "Se connecter"
    hint = screen.findChild(QLabel, "demoHint")
    assert "P001 (Chef de partie)" in hint.text() and "code PIN 2468" in hint.text()
    sign_in(console, "P001")
    assert window.sign_out_button.text() == "Se déconnecter"
    assert console.shell.rail.buttons["board"].text() == "Tableau"
    assert "Connecté" in window.who.text()
    assert console.context.languages.of(window.actor) == "fr"
    with console.context.store.unit_of_work() as uow:
        rows = [(e.action, e.staff_id, e.detail) for e in uow.audit.recent(10)]
    assert ("staff.language", "P001", "fr") in rows

    tap(console, window.sign_out_button)  # the next person finds the tablet's language
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.sign_in, timeout=WAIT_MS)
    assert current_language() == "en" and window.sign_in.submit_button.text() == "Sign in"
    assert window.sign_in.language_buttons["en"].isChecked()

    sign_in(console, "H001")  # never chose: the tablet's language
    assert console.shell.rail.buttons["board"].text() == "Board"
    tap(console, console.shell.rail.switch_button)  # the pit boss takes the tablet back
    pad = window.lock_screen.pad
    tap(console, pad.staff_edit)
    type_on_keypad(console, pad, "P001")
    tap(console, pad.pin_edit)
    type_on_keypad(console, pad, "2468")
    with qtbot.waitSignal(window.user_switched, timeout=WAIT_MS):
        tap(console, pad.submit_button)
    assert window.actor.staff_id == "P001" and current_language() == "fr"
    assert window.stack.currentWidget() is console.shell
    assert console.shell.rail.buttons["board"].text() == "Tableau"
    assert "Verrouiller" in console.shell.rail.lock_button.text()
    board = console.shell.page("board").board
    qtbot.waitUntil(lambda: board.model.rowCount() > 0, timeout=WAIT_MS)
    header = board.table.horizontalHeader().orientation()
    assert board.model.headerData(Col.PRIORITY, header, 0) == "Priorité"


def test_a_staff_id_typed_before_the_language_is_kept(qtbot, console: Console) -> None:
    window = console.window
    tap(console, window.sign_in.staff_edit)
    type_on_keypad(console, window.sign_in.pad, "D001")
    _choose(console, "fr")
    assert window.sign_in.staff_edit.text() == "D001"  # built again in French, the id kept
    assert window.sign_in.pin_edit.placeholderText() == "Code PIN"
    tap(console, window.sign_in.pin_edit)
    type_on_keypad(console, window.sign_in.pad, "2468")
    tap(console, window.sign_in.submit_button)
    qtbot.waitUntil(lambda: window.actor is not None, timeout=WAIT_MS)
    assert "Accueil VIP" in window.who.text()
    assert console.context.languages.of(window.actor) == "fr"  # the desk agent keeps French …
    window.sign_out()
    _choose(console, "en")  # … until they choose English on the sign-in screen
    sign_in(console, "D001")
    assert console.context.languages.of(window.actor) == "en"
    assert "VIP desk" in window.who.text() and current_language() == "en"
