"""The board's rows are read on the UI's two workers, and two reads at once may answer
out of order: a read made before an incident was opened, answering after the read that
has it, must not put the board back as it was (ui/async_ops.py ``NewestAnswer``)."""

from __future__ import annotations

import threading

from app.domain import Category, Channel, Priority
from app.services.incidents import IncidentDraft
from tests.ui.demo_console import Console, sign_in
from tests.ui.waits import WAIT_MS
from ui.async_ops import NewestAnswer


def test_a_read_from_before_a_change_answering_last_is_dropped(console: Console) -> None:
    sign_in(console, "P001")
    page = console.shell.page("board")
    model = page.board.model
    console.qtbot.waitUntil(lambda: model.rowCount() >= 15, timeout=WAIT_MS)
    console.qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=WAIT_MS)
    before = model.rowCount()

    source = console.window._board_source
    read = source.rows
    held = threading.Event()
    first: list[bool] = []

    def rows(actor, now):  # noqa: ANN001, ANN202 - the source's own signature
        answer = read(actor, now)  # read now, before the incident below...
        if not first:
            first.append(True)
            held.wait(10)  # ...and answered last
        return answer

    source.rows = rows  # type: ignore[method-assign]
    try:
        console.window.guard.activity()
        console.shell.reload_board()  # the stale read, held
        console.qtbot.waitUntil(lambda: bool(first), timeout=WAIT_MS)
        boss = console.window.actor
        console.context.incidents.open(
            boss, IncidentDraft(Priority.P1, Category.GAME_UNAVAILABLE, channel=Channel.PHONE)
        )
        console.shell.reload_board()  # the fresh read, on the other worker
        console.qtbot.waitUntil(lambda: model.rowCount() == before + 1, timeout=WAIT_MS)
    finally:
        held.set()
        source.rows = read  # type: ignore[method-assign]
    console.qtbot.waitUntil(lambda: console.window._ops.pending == 0, timeout=WAIT_MS)
    assert model.rowCount() == before + 1  # the stale answer came, and was dropped


def test_only_an_answer_asked_after_the_shown_one_is_newest() -> None:
    answers = NewestAnswer()
    first, second, third = answers.ask(), answers.ask(), answers.ask()
    assert answers.is_newest(second)
    assert not answers.is_newest(first)  # read before what the screen shows now
    assert answers.is_newest(third)
    assert answers.is_newest(third)  # the same asking answered twice: still shown
