"""Every screen of every role on the real console, reached the way a user reaches it.

Each builder takes a signed-out ``Console`` (tests/ui/demo_console.py), signs in the
role the screen belongs to, brings the screen up and returns the widget that is it:
a page, the window, or a dialog over the window. The fit tests check each at both
tablet sizes in English and French; the French test checks that none of its text is
left in English. ``TYPED`` holds what the builders type as staff would (names, notes),
which is the property's data, not the console's words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from app.demo.generator import DEMO_PIN
from app.domain import Category, IncidentStatus, Priority
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, acts_in_process, sign_in, swipe
from tests.ui.screens_base import CARD, UNKNOWN, WALK_IN_NAME, guest, wait
from tests.ui.screens_duty import DUTY_SCREENS
from tests.ui.screens_host import HOST_SCREENS
from tests.ui.screens_incidents import (
    act_dialog,
    act_signed,
    act_viewer,
    floor,
    incident_confirm,
    incident_desk,
    incident_form,
    incident_form_details,
    incident_photo,
    incident_photo_note,
    incident_resolved,
    incident_satisfaction,
    incident_tabs,
    incident_view,
    photo_viewer,
    report_form,
    sync_review_tab,
    ttr_prompt,
)

# Sign-in and lock ---------------------------------------------------------------------


def sign_in_screen(console: Console) -> QWidget:
    return console.window.sign_in


def sign_in_refused(console: Console) -> QWidget:
    screen = console.window.sign_in
    screen.staff_edit.setText("H001")
    screen.pin_edit.setText("1111")
    screen.submit()
    wait(console, screen.message.isVisible)
    return screen


def sign_in_code(console: Console) -> QWidget:
    """A property that asks for the authenticator's code: the step after a right PIN."""
    from app.security.totp import generate_secret

    with console.context.store.unit_of_work() as uow:
        uow.staff.set_totp_secret("H001", generate_secret())
    console.context.auth._require_totp = True  # as the property's require_totp sets it
    screen = console.window.sign_in
    screen.staff_edit.setText("H001")
    screen.pin_edit.setText(DEMO_PIN)
    screen.submit()
    wait(console, lambda: not screen.code_edit.isHidden())
    return screen


def lock(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.window.lock()
    screen = console.window.lock_screen
    wait(console, screen.summary.isVisible)
    return screen


def lock_sign_out(console: Console) -> QWidget:
    screen = lock(console)
    screen.sign_out_button.click()
    return screen


def switch_user(console: Console) -> QWidget:
    sign_in(console, "H001")
    console.window.switch_user()
    return console.window.lock_screen


def help_overlay(console: Console) -> QWidget:
    sign_in(console, "D001")
    console.shell.show_help()
    return console.shell.help


# The board --------------------------------------------------------------------------


def _board(console: Console, staff: str) -> QWidget:
    sign_in(console, staff)
    page = console.shell.page("board")
    wait(console, lambda: page.board.model.rowCount() > 0)
    return page


def board_pit_boss(console: Console) -> QWidget:
    return _board(console, "P001")


def board_desk(console: Console) -> QWidget:
    return _board(console, "D001")


def board_card(console: Console) -> QWidget:
    page = _board(console, "H001")
    swipe(console, CARD)
    wait(console, lambda: page.card.view is not None)
    return page


def board_next_columns(console: Console) -> QWidget:
    """The board's other columns, one tap away on a narrow screen."""
    page = _board(console, "P001")
    if page.board.more_columns.isVisible():
        page.board.more_columns.click()
    return page


def report_reminder(console: Console) -> QWidget:
    """A resolved P1 without its post-incident report: the board's reminder."""
    acts_in_process(console)
    sign_in(console, "P001")
    return report_due(console)


def report_due(console: Console) -> QWidget:
    """The board of the pit boss signed in, once a P1 they resolved waits for its report."""
    incidents, actor = console.context.incidents, console.window.actor
    opened = incidents.open(actor, IncidentDraft(Priority.P1, Category.PAYMENT_FAILED))
    incidents.change_status(actor, opened.id, IncidentStatus.RESOLVED)
    page = console.shell.page("board")
    page.reminder.refresh()
    wait(console, lambda: page.findChild(QWidget, "writeReport").isVisible())
    return page


# Guests: search, card, drawer, walk-in -------------------------------------------------


def search(console: Console) -> QWidget:
    sign_in(console, "C001")
    lookup = console.window.lookup
    lookup.search_edit.setText("Patel")
    wait(console, lookup.results_view.isVisible)
    return console.window


def search_nobody(console: Console) -> QWidget:
    sign_in(console, "H001")
    lookup = console.window.lookup
    lookup.search_edit.setText("Zzyzx")
    wait(console, lookup.not_found.isVisible)
    return console.window


def card_not_found(console: Console) -> QWidget:
    sign_in(console, "H001")
    swipe(console, UNKNOWN)
    wait(console, console.window.lookup.not_found.isVisible)
    return console.window


def card_not_found_pit_boss(console: Console) -> QWidget:
    sign_in(console, "P001")
    swipe(console, UNKNOWN)
    wait(console, console.window.lookup.not_found.isVisible)
    return console.window


def card_drawer(console: Console) -> QWidget:
    sign_in(console, "P001")
    console.shell.show_page("floor")
    swipe(console, CARD)
    drawer = console.shell.drawer
    wait(console, lambda: drawer.card.view is not None)
    return drawer


def _card_of(console: Console, staff: str, wanted: Callable[[Any], bool]) -> QWidget:
    found = guest(console, wanted)
    sign_in(console, staff)
    swipe(console, found.card_number)
    page = console.shell.page("board")
    wait(console, lambda: page.card.view is not None)
    return page


def card_quiet(console: Console) -> QWidget:
    return _card_of(console, "H002", lambda g: g.quiet.enabled and bool(g.quiet.alias))


def card_self_excluded(console: Console) -> QWidget:
    return _card_of(console, "H002", lambda g: g.rg.self_excluded and not g.quiet.enabled)


def card_paging_disabled(console: Console) -> QWidget:
    quiet = guest(console, lambda g: g.quiet.enabled)
    sign_in(console, "D001")
    console.shell.show_page("desk.guests")
    swipe(console, quiet.card_number)
    desk = console.shell.page("desk.guests")
    wait(console, lambda: desk.current is not None)
    return desk


def walk_in(console: Console) -> QWidget:
    sign_in(console, "D001")
    console.shell.start_walk_in(UNKNOWN)
    form = console.shell.page("desk.walk_in")
    wait(console, lambda: len(form.host_picker.buttons) > 1)
    form.name_edit.setText(WALK_IN_NAME)
    return form


def walk_in_refused(console: Console) -> QWidget:
    form = walk_in(console)
    form.phone_edit.setText("0412")
    form.register_button.click()
    wait(console, form.message.isVisible)
    return form


# Host ----------------------------------------------------------------------------------


# VIP desk and concierge ------------------------------------------------------------------


def desk_card(console: Console) -> QWidget:
    sign_in(console, "D001")
    console.shell.show_page("desk.guests")
    desk = console.shell.page("desk.guests")
    swipe(console, CARD)
    wait(console, lambda: desk.current is not None)
    return desk


def desk_request(console: Console) -> QWidget:
    desk = desk_card(console)
    desk.open_request.click()
    return desk


def concierge(console: Console) -> QWidget:
    sign_in(console, "C001")
    swipe(console, CARD)
    page = console.shell.page("concierge.preferences")
    wait(console, lambda: page.card.view is not None)
    return page


# The screens a shift spends most of its time on: the keyboard and readable-look tests.
MAIN_SCREENS = (
    "sign_in",
    "lock",
    "board_pit_boss",
    "board_card",
    "search",
    "walk_in",
    "host_card",
    "desk_card",
    "desk_request",
    "concierge",
    "floor",
    "incident_form",
    "incident_view",
    "act_dialog",
    "report_form",
    "sync_review",
    "board_duty",
    "board_kpis",
    "kpi_dashboard",
)


SCREENS: dict[str, Callable[[Console], QWidget]] = {
    "sign_in": sign_in_screen,
    "sign_in_refused": sign_in_refused,
    "sign_in_code": sign_in_code,
    "lock": lock,
    "lock_sign_out": lock_sign_out,
    "switch_user": switch_user,
    "help": help_overlay,
    "board_pit_boss": board_pit_boss,
    "board_desk": board_desk,
    "board_card": board_card,
    "board_next_columns": board_next_columns,
    "report_reminder": report_reminder,
    "search": search,
    "search_nobody": search_nobody,
    "card_not_found": card_not_found,
    "card_not_found_pit_boss": card_not_found_pit_boss,
    "card_drawer": card_drawer,
    "card_quiet": card_quiet,
    "card_self_excluded": card_self_excluded,
    "card_paging_disabled": card_paging_disabled,
    "walk_in": walk_in,
    "walk_in_refused": walk_in_refused,
    "desk_card": desk_card,
    "desk_request": desk_request,
    "concierge": concierge,
    "floor": floor,
    "incident_form": incident_form,
    "incident_form_details": incident_form_details,
    "incident_view": incident_view,
    "incident_confirm": incident_confirm,
    "incident_satisfaction": incident_satisfaction,
    "incident_resolved": incident_resolved,
    "incident_acts": incident_tabs(1),
    "incident_photos": incident_tabs(2),
    "incident_photo": incident_photo,
    "incident_photo_note": incident_photo_note,
    "photo_viewer": photo_viewer,
    "incident_desk": incident_desk,
    "ttr_prompt": ttr_prompt,
    "act_dialog": act_dialog,
    "act_signed": act_signed,
    "act_viewer": act_viewer,
    "report_form": report_form,
    "sync_review": sync_review_tab(0),
    "sync_review_conflicts": sync_review_tab(1),
    "sync_review_set_aside": sync_review_tab(2),
    **HOST_SCREENS,  # the host's page (tests/ui/screens_host.py)
    **DUTY_SCREENS,  # the duty manager's (tests/ui/screens_duty.py)
}
