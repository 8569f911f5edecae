"""The daily report and the monthly VIP summary as an (unsigned) PDF: the figures beside
their targets, charts, the breached incidents. reportlab, in the acts' embedded fonts,
deterministic (``invariant=1``) so the same figures give the same bytes."""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF

from app.acts.fonts import BOLD, REGULAR
from app.acts.layout import MARGIN, PAGE_WIDTH
from app.display import countdown_text
from app.kpis.totals import BACKLOG_NAMES
from app.reports import charts
from app.reports.figures import ReportFigures
from app.reports.page import WIDTH, PageWriter, draw_document

# The KPIs in the order a manager reads them (docs/kpis.md names each).
KPI_LABELS = {
    "sla": "SLA attainment",
    "response": "First response on time",
    "reach": "Manager at the table on time",
    "decide": "Decision on time",
    "fcr": "First-contact resolution",
    "reopen": "Reopened within 7 days",
    "recovery": "Recovery promises kept",
    "csat": "Guest satisfaction (CSAT)",
}
BACKLOG_LABELS = {"under_1h": "< 1 h", "1h_4h": "1-4 h", "4h_24h": "4-24 h", "over_24h": "> 24 h"}
CHANNELS = ("phone", "chat", "messenger", "email", "onsite")


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def mean_text(seconds: float | None) -> str:
    return "—" if seconds is None else countdown_text(seconds)


def kpi_rows(figures: ReportFigures) -> list[tuple[str, ...]]:
    """(KPI, value, [the month before,] counted, target, verdict) for the table and the
    tests; the month before in a monthly summary only."""
    report, before = figures.total, figures.previous
    rows = []
    for name, label in KPI_LABELS.items():
        ratio, target = report.ratios[name], report.targets[name]
        reached = report.reached(name)
        verdict = "—" if reached is None else ("met" if reached else "MISSED")
        sign = "≥" if target.at_least else "≤"
        counted = f"{ratio.numerator} / {ratio.denominator}"
        previous = () if before is None else (share_text(before.ratios[name].share),)
        target_text = f"{sign} {target.value:.0%}"
        rows.append((label, share_text(ratio.share), *previous, counted, target_text, verdict))
    return rows


def render_report(figures: ReportFigures) -> bytes:
    def draw(canvas: Any) -> None:
        _Page(canvas, figures).draw()

    return draw_document(figures.title, figures.property_name, draw)


class _Page(PageWriter):
    def __init__(self, canvas: Any, figures: ReportFigures) -> None:
        super().__init__(canvas, figures.property_name, figures.title, figures.period.zone)
        self.f = figures

    def draw(self) -> None:
        f = self.f
        self.text(MARGIN, f.property_name, 10)
        self.line(20)
        self.text(MARGIN, f.title, 18, bold=True)
        self.line(16)
        first, last = f.period.first.isoformat(), f.period.last.isoformat()
        days = first if first == last else f"{first} to {last}"
        self.text(MARGIN, f"{days} ({f.period.zone.key}) · from the {f.source}", 9)
        self.line(12)
        self.text(MARGIN, f"Made {self.local(f.made_at)}; clocks still running count as of then.")
        self.line(22)
        self.summary()
        self.kpi_table()
        self.charts()
        self.breaches()
        self.footer()

    def summary(self) -> None:
        r = self.f.total
        open_now = self.f.open_by_priority
        items = (
            ("Incidents opened", str(r.opened)),
            ("of which P1", str(r.p1)),
            ("SLA breaches", str(self.f.breach_count)),
            ("Mean first response", mean_text(r.times["response"].mean_s)),
            ("Mean time to acknowledge", mean_text(r.times["ack"].mean_s)),
            ("Open now: P1 / P2", f"{open_now.get('P1', 0)} / {open_now.get('P2', 0)}"),
        )
        box = WIDTH / 3
        for n, (label, value) in enumerate(items):
            x = MARGIN + (n % 3) * box
            if n % 3 == 0 and n:
                self.line(34)
            self.c.setFillGray(0.94)
            self.c.rect(x, self.y - 12, box - 6, 30, stroke=0, fill=1)
            self.c.setFillGray(0)
            self.c.setFont(REGULAR, 7.5)
            self.c.drawString(x + 6, self.y + 8, label)
            self.c.setFont(BOLD, 13)
            self.c.drawString(x + 6, self.y - 7, value)
        self.line(40)

    def kpi_table(self) -> None:
        if self.f.previous is None:
            offsets: tuple[float, ...] = (0, 200, 275, 365, 440)
            heads: tuple[str, ...] = ("KPI", "value", "counted", "target", "")
        else:
            offsets = (0, 175, 240, 320, 395, 450)
            heads = ("KPI", "value", "month before", "counted", "target", "")
        columns = [MARGIN + offset for offset in offsets]
        for x, head in zip(columns, heads, strict=True):
            self.text(x, head, 8, bold=True)
        self.c.setLineWidth(0.5)
        self.c.line(MARGIN, self.y - 4, PAGE_WIDTH - MARGIN, self.y - 4)
        self.line(15)
        for row in kpi_rows(self.f):
            for x, cell in zip(columns, row, strict=True):
                if cell == "MISSED":
                    self.c.setFillColor(charts.MISSED)
                self.text(x, cell, 9, bold=cell == "MISSED")
                self.c.setFillGray(0)
            self.line(13)
        self.line(8)

    def place(self, drawing: Any, x: float) -> None:
        renderPDF.draw(drawing, self.c, x, self.y - drawing.height)

    def charts(self) -> None:
        f, half = self.f, WIDTH / 2
        height = 150.0
        self.room_for(height)
        volume = [f.channels.get(name, 0) for name in CHANNELS]
        self.place(
            charts.bar_chart("Volume by channel", CHANNELS, volume, half - 10, height), MARGIN
        )
        backlog = [f.total.backlog[name] for name in BACKLOG_NAMES]
        labels = [BACKLOG_LABELS[name] for name in BACKLOG_NAMES]
        self.place(
            charts.bar_chart("Open now, by age", labels, backlog, half - 10, height), MARGIN + half
        )
        self.y -= height + 14
        if f.period.kind == "monthly":
            self.room_for(height)
            days = [str(day.day) for day, _ in f.days]
            opened = [report.opened for _, report in f.days]
            self.place(charts.bar_chart("Opened per day", days, opened, WIDTH, height), MARGIN)
            self.y -= height + 14
            self.room_for(height)
            for n, name in enumerate(("sla", "recovery")):
                shares = [report.ratios[name].share for _, report in f.days]
                title = f"{KPI_LABELS[name]} per day"
                target = f.total.targets[name].value
                drawing = charts.share_line(title, shares, target, half - 10, height)
                self.place(drawing, MARGIN + n * half)
            self.y -= height + 14

    def breaches(self) -> None:
        f = self.f
        self.heading(f"SLA breaches ({f.breach_count})")
        if not f.breaches:
            self.text(MARGIN, "No incident of the period missed its resolution target.")
            self.line()
            return
        offsets = (0, 90, 140, 280, 390)
        self.row(offsets, ("ticket", "priority", "category", "opened", "due"), bold=True)
        for b in f.breaches:
            category = b.category.replace("_", " ")
            self.row(
                offsets,
                (b.number, b.priority, category, self.local(b.opened_at), self.local(b.due_at)),
            )
        if f.breach_count > len(f.breaches):
            self.text(MARGIN, f"… and {f.breach_count - len(f.breaches)} more.")
            self.line()
