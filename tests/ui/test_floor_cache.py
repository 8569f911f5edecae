"""The floor map's tables stay in Qt's pixmap cache: a tick after the page opened redraws
the changed countdowns only, not the 200 tables around them (at Qt's default 10 MB cache
they pushed each other out, and the first ticks drew every table again)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QApplication

from app.domain import Priority
from app.floor_layout import grid_layout, synthetic_tables
from ui.floor.scene import TableItem, cached_pixmap_bytes
from ui.floor.state import TableState
from ui.floor.view import FloorPage


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (1920, 1080)])
def test_a_tick_redraws_no_table_once_the_floor_is_shown(
    qtbot, clock, monkeypatch: pytest.MonkeyPatch, width: int, height: int
) -> None:
    drawn: list[str] = []
    paint = TableItem.paint
    monkeypatch.setattr(
        TableItem, "paint", lambda item, *a: (drawn.append(item.table_id), paint(item, *a))
    )
    tables = synthetic_tables(200)
    layout = grid_layout(tables, per_row=5, pits_per_row=5)
    page = FloorPage(layout, {t: "Baccarat" for t, _ in tables}, clock, {})
    qtbot.addWidget(page)
    page.resize(width, height)
    page.show()
    qtbot.waitExposed(page)
    now = clock.now()
    far = now + timedelta(hours=3)  # countdowns tick; no table changes colour
    states = {t: TableState(t, 1, Priority.P3, far, False, ()) for t, _ in tables[:100]}
    page.scene.set_states(states, now)
    for _ in range(2):  # the page's opening: every table drawn once, into the cache
        page.map.viewport().repaint()
        QApplication.processEvents()
    scale = page.map.text_scale
    assert QPixmapCache.cacheLimit() * 1024 >= cached_pixmap_bytes(page.scene, scale)
    assert drawn  # the tables in view drawn (into their pixmaps) as the page opened
    drawn.clear()
    for _ in range(3):
        clock.advance(timedelta(seconds=1))
        assert page.tick() == 100  # every countdown changed...
        page.map.viewport().repaint()
        QApplication.processEvents()
    assert drawn == []  # ...and no table was drawn again: their pixmaps stayed cached
