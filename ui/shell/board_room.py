"""The board page's height shared out: the incident rows first (``app.board_room``).

Measures, at the page's width, the KPI strip and the two notices above the board
(report reminder, sign-offs) in their full and compact forms, and the board's top line
and table for ``ROWS`` rows; then shows each part in the form ``give_way`` chose. The
KPI strip steps aside first (the KPIs page is on the rail for the roles that read the
figures), then the notices take their one-line form.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.board_room import Part, give_way

if TYPE_CHECKING:
    from ui.acts.notice_banner import NoticeBanner
    from ui.shell.board_page import BoardPage

ROWS = 3  # the incident rows the board keeps whole, however large the text


def _height(widget: QWidget, width: int) -> int:
    if widget.hasHeightForWidth():
        return max(widget.heightForWidth(width), widget.minimumSizeHint().height())
    return widget.sizeHint().height()


def _spacing(widget: QWidget) -> int:
    layout = widget.layout()
    return max(layout.spacing(), 0) if layout is not None else 0


def fit_height(page: BoardPage) -> None:
    board, width = page.board, page.width()
    if width <= 0:
        return
    notices: list[NoticeBanner] = [n for n in (page.reminder_banner, page.sign_offs) if n]
    parts = [Part("kpis", _height(page.kpis, width) if page.kpis else 0, 0)]
    for notice in notices:
        shown = not notice.isHidden()
        full = notice.height_for(width, compact=False) if shown else 0
        compact = notice.height_for(width, compact=True) if shown else 0
        parts.append(Part(notice.objectName(), full, compact))
    table = 0  # the guest's card in the board's place: nothing to keep room for
    if not board.isHidden():
        table = board.top_height() + _spacing(board) + board.table_height(ROWS)
    chosen = give_way(page.height(), table, parts, _spacing(page))
    if page.kpis is not None:
        page.kpis.setVisible("kpis" not in chosen)
    for notice in notices:
        notice.set_compact(notice.objectName() in chosen)
