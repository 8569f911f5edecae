"""Input first (ui/input_first.py): a clock's tick waits while a swipe's card is on its
way, never longer than LONGEST_WAIT_S, and a lookup's end always ends the wait."""

from __future__ import annotations

import time

from PySide6.QtCore import QObject

from tests.ui.test_guest_lookup import held_panel
from tests.ui.waits import WAIT_MS
from ui import input_first
from ui.input_first import tick_after_input, user_waiting, user_waits


def test_a_tick_runs_at_once_when_nobody_waits(qtbot) -> None:
    ticks: list[float] = []
    tick_after_input(QObject(), lambda: ticks.append(time.monotonic()))
    assert len(ticks) == 1


def test_a_tick_waits_for_the_users_answer(qtbot) -> None:
    owner = QObject()
    ticks: list[float] = []
    answered = user_waits()
    tick_after_input(owner, lambda: ticks.append(time.monotonic()))
    qtbot.wait(3 * input_first.RETRY_MS)
    assert ticks == []  # the card first
    answered()
    qtbot.waitUntil(lambda: len(ticks) == 1, timeout=WAIT_MS)
    answered()  # twice: nothing more
    assert not user_waiting()


def test_a_lost_answer_holds_the_clocks_only_so_long(qtbot) -> None:
    owner = QObject()
    ticks: list[float] = []
    started = time.monotonic()
    user_waits()  # never answered: a bug must not freeze the countdowns
    tick_after_input(owner, lambda: ticks.append(time.monotonic()))
    qtbot.waitUntil(lambda: len(ticks) == 1, timeout=WAIT_MS)
    assert ticks[0] - started >= input_first.LONGEST_WAIT_S
    assert not user_waiting()


def test_a_swipe_holds_the_clocks_until_its_card_is_shown(qtbot, guest_service, ops) -> None:
    panel, held, opened = held_panel(qtbot, guest_service, ops, "9001234567890")
    panel.lookup_card("9001234567890")
    assert user_waiting()
    held.release.set()
    qtbot.waitUntil(lambda: opened == ["Charlotte Whitfield"], timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not user_waiting(), timeout=WAIT_MS)
    panel.lookup_card("0000")  # a garbled read fails: its wait ends too
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
    assert not user_waiting()
