"""The shift handover as a PDF (signed by ``app.services.handover``)."""

from __future__ import annotations

from typing import Any

from app.acts.layout import MARGIN
from app.display import countdown_text
from app.reports.handover import Handover, HandoverItem
from app.reports.page import PageWriter, draw_document

_OFFSETS = (0, 100, 140, 200, 300, 345, 405)
_HEADS = ("ticket", "priority", "status", "guest", "owner", "opened", "")


def render_handover(handover: Handover) -> bytes:
    def draw(canvas: Any) -> None:
        page = PageWriter(canvas, handover.property_name, handover.title, handover.zone)
        _draw(page, handover)
        page.footer()

    return draw_document(handover.title, handover.property_name, draw)


def _draw(page: PageWriter, h: Handover) -> None:
    page.text(MARGIN, h.property_name, 10)
    page.line(20)
    page.text(MARGIN, h.title, 18, bold=True)
    page.line(16)
    page.text(MARGIN, f"For the incoming team, from {h.made_by} on console {h.device_id}.")
    page.line(12)
    counts = (
        f"{len(h.breached)} breached · {len(h.waiting)} waiting · {len(h.open)} other open · "
        f"{len(h.promises)} promises to keep"
    )
    page.text(MARGIN, counts, 9, bold=True)
    page.line(14)
    _section(page, h, "Breached: act first", h.breached, "due")
    _section(page, h, "Waiting: the guest's next update", h.waiting, "update")
    _section(page, h, "Other open incidents", h.open, "due")
    page.heading(f"Promises to keep ({len(h.promises)})")
    if not h.promises:
        page.text(MARGIN, "No promise is owed.")
        page.line()
    for promise in h.promises:
        note = f" ({promise.note})" if promise.note else ""
        # A provisional number is as wide as the tables' ticket column (80 pt overlapped
        # the guest); the items keep the rest of the line.
        offsets = (_OFFSETS[0], _OFFSETS[1], _OFFSETS[3])
        page.row(offsets, (promise.number, promise.guest[:20], promise.items + note))


def _section(
    page: PageWriter, h: Handover, title: str, items: tuple[HandoverItem, ...], clock: str
) -> None:
    page.heading(f"{title} ({len(items)})")
    if not items:
        page.text(MARGIN, "None.")
        page.line()
        return
    heads = (*_HEADS[:-1], "next update" if clock == "update" else "due")
    page.row(_OFFSETS, heads, bold=True)
    for item in items:
        at = item.next_update_at if clock == "update" else item.due_at
        when = page.local(at, short=True)
        if at is not None and clock == "due":
            when = f"{when} ({countdown_text(at - h.made_at)})"
        cells = (
            item.number,
            item.priority,
            item.status.replace("_", " "),
            item.guest[:20],
            item.owner or "—",
            page.local(item.opened_at, short=True),
            when,
        )
        page.row(_OFFSETS, cells)
