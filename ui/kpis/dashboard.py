"""The KPI dashboard page (issue 14, item 4), for roles with ``kpi.view``.

Every KPI of docs/kpis.md beside the seed's target, met or missed in words and a marker;
the mean times of the onsite clocks; P1s and triggers; and two charts where a look says
more than a table: the backlog by age and SLA attainment by priority and tier. The line
under the title says where the figures come from (the helpdesk, the whole property; or
this console's store when offline) and when they were counted. Live through its
``KpiFeed``: it reads again within seconds of any write on the floor.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import Category, Priority, Tier
from app.kpis import KpiReport, Ratio, Target
from app.services.kpis import LiveKpis
from ui.board.labels import category_label
from ui.board.rows import BoardRow
from ui.kpis.charts import Bar, BarChart
from ui.kpis.feed import KpiFeed
from ui.kpis.text import (
    MISSED,
    backlog_name,
    kpi_name,
    mean_time,
    percent,
    period_text,
    ratio_text,
    source_text,
    target_bound,
    target_text,
    time_name,
    verdict_state,
    verdict_text,
)
from ui.shell.pages import PageDefaults, PageEnv

SLA_TARGET = "sla"


def _label(text: str = "", variant: str | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    if variant is not None:
        label.setProperty("variant", variant)
    return label


class KpiDashboardPage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiDashboard")
        self.feed = KpiFeed(env, self)
        self.feed.updated.connect(self.show_kpis)
        self.title = _label(
            QCoreApplication.translate("KpiDashboard", "Key performance indicators"), "title"
        )
        self.source = _label(
            QCoreApplication.translate("KpiDashboard", "Reading the figures…"), "subtle"
        )
        self.source.setObjectName("kpiSource")
        self.period = _label("", "subtle")
        self.period.setObjectName("kpiPeriod")
        self.figures: dict[str, tuple[QLabel, QLabel, QLabel]] = {}
        self.times: dict[str, QLabel] = {}
        self.backlog = BarChart(QCoreApplication.translate("KpiDashboard", "Backlog by age"))
        self.backlog.setObjectName("kpiBacklogChart")
        self.sla_chart = BarChart(
            QCoreApplication.translate("KpiDashboard", "SLA attainment by priority and tier")
        )
        self.sla_chart.setObjectName("kpiSlaChart")
        self.sla_title = _label(
            QCoreApplication.translate("KpiDashboard", "SLA attainment by priority and tier"),
            "section",
        )
        # Side by side; one above the other where the words need more than the width
        # (a 1024-px tablet at a larger text size): ``_arrange``.
        self.rows: list[QBoxLayout] = []
        self._arrange_soon = QTimer(self)
        self._arrange_soon.setSingleShot(True)
        self._arrange_soon.setInterval(0)
        self._arrange_soon.timeout.connect(self._arrange)
        charts = QHBoxLayout()
        charts.addLayout(
            _titled(
                _label(QCoreApplication.translate("KpiDashboard", "Backlog by age"), "section"),
                self.backlog,
            ),
            2,
        )
        charts.addLayout(_titled(self.sla_title, self.sla_chart), 3)
        figures = QHBoxLayout()
        figures.addWidget(self._ratios(), 3)
        figures.addWidget(self._times(), 2)
        self.rows = [charts, figures]
        inside = QWidget()
        inside.setObjectName("kpiDashboardBody")
        column = QVBoxLayout(inside)
        column.setContentsMargins(8, 0, 8, 4)
        column.setSpacing(4)
        column.addWidget(self.title)
        column.addWidget(self.source)
        column.addWidget(self.period)
        column.addLayout(charts, 1)
        column.addLayout(figures)
        self.area = QScrollArea()
        self.area.setObjectName("kpiDashboardScroll")
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setWidget(inside)
        # a scroll bar that comes (the figures arrived) narrows the viewport, not the page
        self.area.viewport().installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.area)

    def _ratios(self) -> QFrame:
        """Each share beside its target: the value, met or missed (marker and words)."""
        frame, grid = _panel("kpiTable")
        grid.setColumnStretch(0, 1)
        for column, text in enumerate(
            (
                QCoreApplication.translate("KpiDashboard", "KPI"),
                QCoreApplication.translate("KpiDashboard", "Value"),
                QCoreApplication.translate("KpiDashboard", "Target"),
            )
        ):
            grid.addWidget(_label(text, "subtle", wrap=False), 0, column)
        for row, key in enumerate(
            ("sla", "response", "reach", "decide", "fcr", "reopen", "csat", "recovery"), 1
        ):
            name, value, verdict = _label(kpi_name(key)), _label(wrap=False), _label(wrap=False)
            value.setObjectName(f"kpiValue_{key}")
            verdict.setObjectName(f"kpiVerdict_{key}")
            verdict.setProperty("variant", "kpi-verdict")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(verdict, row, 2)
            self.figures[key] = (value, verdict, name)
        return frame

    def _times(self) -> QFrame:
        """The clocks' mean times, P1s and triggers, the guests not asked."""
        frame, grid = _panel("kpiTimes")
        grid.setColumnStretch(0, 1)
        grid.addWidget(
            _label(
                QCoreApplication.translate("KpiDashboard", "Mean time from the opening"), "subtle"
            ),
            0,
            0,
            1,
            2,
        )
        for row, key in enumerate(("ack", "response", "reach", "decide"), 1):
            value = _label(wrap=False)
            value.setObjectName(f"kpiTime_{key}")
            grid.addWidget(_label(time_name(key)), row, 0)
            grid.addWidget(value, row, 1)
            self.times[key] = value
        self.p1 = _label()
        self.p1.setObjectName("kpiP1")
        self.csat_not_asked = _label("", "subtle")
        self.csat_not_asked.setObjectName("kpiCsatNotAsked")
        grid.addWidget(self.p1, 5, 0, 1, 2)
        grid.addWidget(self.csat_not_asked, 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        return frame

    # What the feed brings -----------------------------------------------------------------

    def show_kpis(self, live: LiveKpis) -> None:
        report = live.report
        self.source.setText(source_text(live))
        self.source.setProperty("source", live.source.value)
        self.period.setText(period_text(report))
        for key, (value, verdict, _name) in self.figures.items():
            reached = report.reached(key)
            value.setText(ratio_text(report.ratios[key]))
            verdict.setText(f"{verdict_text(reached)} ({target_bound(report.targets[key])})")
            _restyle(verdict, verdict_state(reached))
        for key, label in self.times.items():
            duration = report.times[key]
            text = mean_time(duration.mean_s)
            label.setText(
                QCoreApplication.translate("KpiDashboard", "{mean} (over {n})").format(
                    mean=text, n=duration.count
                )
            )
        self.p1.setText(_p1_text(report))
        self.csat_not_asked.setText(
            QCoreApplication.translate(
                "KpiDashboard", "Guests not asked for their satisfaction: {n}"
            ).format(n=report.csat_not_asked)
        )
        self._charts(report)
        self._arrange_soon.start()  # once the new words' sizes are laid out

    def _charts(self, report: KpiReport) -> None:
        counts = list(report.backlog.items())
        self.backlog.set_bars(
            [Bar(backlog_name(k), float(n), str(n)) for k, n in counts],
            top=float(max([n for _k, n in counts] + [1])),
        )
        target = report.targets[SLA_TARGET]
        bars = [_sla_bar(p.value, report.sla_by_priority[p], target) for p in Priority]
        bars += [_sla_bar(t.value, report.sla_by_tier[t], target) for t in Tier]
        self.sla_chart.set_bars(bars, top=1.0, target=(target.value, percent(target.value)))
        self.sla_title.setText(
            QCoreApplication.translate(
                "KpiDashboard", "SLA attainment by priority and tier ({target})"
            ).format(target=target_text(target))
        )

    # Page ----------------------------------------------------------------------------------

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        self.feed.poke()  # the board reloaded: the sync brought changes, or its own poll

    def suspend(self) -> None:
        self.feed.suspend()

    def resume(self) -> None:
        self.feed.resume()

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self._arrange()
        self.feed.shown()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        # The viewport, not the page: a scroll bar coming or going resizes it alone.
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self._arrange()
        return False

    def _arrange(self) -> None:
        viewport = self.area.viewport().width()
        room = viewport - 16  # the body's margins
        for row in self.rows:
            wide = _side_by_side_width(row)
            direction = LTR if wide <= room else TTB
            if row.direction() != direction:
                row.setDirection(direction)
        # A row's parts can hint their old words' sizes for a turn (the figures just
        # came): the page is never left wider than what shows it, one row stacked at a time.
        inside = self.area.widget()
        for row in self.rows:
            if inside is None or inside.minimumSizeHint().width() <= viewport:
                break
            if row.direction() == LTR:
                row.setDirection(TTB)


def _sla_bar(name: str, ratio: Ratio, target: Target) -> Bar:
    share = ratio.share
    reached = target.reached(share)
    text = percent(share) if reached is not False else f"{MISSED} {percent(share)}"
    return Bar(name, share, text, verdict_state(reached))


def _p1_text(report: KpiReport) -> str:
    triggers = ", ".join(
        f"{category_label(Category(name))} {n}" for name, n in report.triggers.items()
    )
    if not triggers:
        return QCoreApplication.translate(
            "KpiDashboard", "P1 opened: {p1} · no trigger incident"
        ).format(p1=report.p1)
    return QCoreApplication.translate(
        "KpiDashboard", "P1 opened: {p1} · triggers: {triggers}"
    ).format(p1=report.p1, triggers=triggers)


LTR, TTB = QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.TopToBottom


def _side_by_side_width(row: QBoxLayout) -> int:
    """What ``row``'s parts need side by side, whatever its direction now."""
    items = [row.itemAt(i) for i in range(row.count())]
    widths = [item.minimumSize().width() for item in items if item is not None]
    return sum(widths) + row.spacing() * max(len(widths) - 1, 0)


def _panel(name: str) -> tuple[QFrame, QGridLayout]:
    frame = QFrame()
    frame.setObjectName(name)
    frame.setProperty("variant", "panel")
    grid = QGridLayout(frame)
    grid.setContentsMargins(8, 4, 8, 4)
    grid.setHorizontalSpacing(10)
    grid.setVerticalSpacing(2)
    return frame, grid


def _titled(title: QLabel, chart: BarChart) -> QVBoxLayout:
    column = QVBoxLayout()
    column.setSpacing(0)
    column.addWidget(title)
    column.addWidget(chart, 1)
    return column


def _restyle(label: QLabel, state: str) -> None:
    if label.property("state") != state:
        label.setProperty("state", state)
        label.style().unpolish(label)
        label.style().polish(label)
