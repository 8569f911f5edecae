"""The seam between the shell and its pages: typed services without the store, and every
page speaking ``Page`` (no probing)."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

import ui
from app.services.console import ConsoleServices
from tests.ui.shell_fixtures import actor, make_context, make_window
from tests.ui.waits import WAIT_MS
from ui.guest.card_widget import GuestCardWidget
from ui.shell.pages import Page
from ui.shell.registry import PROVIDERS

UI = Path(ui.__file__).parent
PAGE_METHODS = [name for name in dir(Page) if not name.startswith("_")]


def _lines(paths, pattern: str) -> list[str]:
    return [
        f"{path.relative_to(UI.parent)}:{n}"
        for path in sorted(paths)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(pattern, line) and not line.lstrip().startswith("#")
    ]


def test_the_ui_never_holds_the_store() -> None:
    assert _lines(UI.rglob("*.py"), r"unit_of_work|\.store\b|\bstore=") == []


def test_the_shell_asks_its_pages_nothing_by_probing() -> None:
    assert _lines((UI / "shell").glob("*.py"), r"\bgetattr\(|\bhasattr\(|findChildren") == []


def test_the_services_a_page_gets_hold_no_store(tmp_path, clock) -> None:
    context = make_context(tmp_path, clock)
    try:
        services = context.services
        assert type(services) is ConsoleServices
        assert {f.name for f in fields(services)}.isdisjoint({"store", "settings", "data_dir"})
        assert services.guests is context.guests and services.incidents is context.incidents
    finally:
        context.close()


@pytest.mark.parametrize("staff", ["H001", "P001", "D001", "C001"])
def test_every_page_of_every_role_speaks_page(qtbot, tmp_path, clock, ops, staff) -> None:
    context = make_context(tmp_path, clock)
    window = make_window(context, ops, clock, providers=PROVIDERS)
    qtbot.addWidget(window)
    try:
        window.open_console(actor(staff))
        assert window.shell.pages
        for key, page in window.shell.pages.items():
            assert all(callable(getattr(page, m)) for m in PAGE_METHODS), key
            card = page.guest_card()
            assert card is None or isinstance(card, GuestCardWidget), key
    finally:
        window.sign_out()
        qtbot.waitUntil(lambda: ops.pending == 0, timeout=WAIT_MS)
        context.close()
