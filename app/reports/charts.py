"""The reports' charts, drawn with reportlab's own graphics (no other dependency): bars
for counts, a line for a daily share against its target. Each returns a ``Drawing`` the
page places with ``renderPDF.draw``."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from app.acts.fonts import BOLD, REGULAR

BAR = colors.HexColor("#2f5d8a")
MISSED = colors.HexColor("#b0413e")
TARGET = colors.HexColor("#7a7a7a")


def bar_chart(
    title: str, labels: Sequence[str], values: Sequence[int], width: float, height: float
) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    chart = VerticalBarChart()
    chart.x, chart.y = 28, 22
    chart.width, chart.height = width - 36, height - 42
    chart.data = [list(values) or [0]]
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(max(values, default=0), 1) * 1.15
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.valueStep = _step(max(values, default=0))
    chart.categoryAxis.categoryNames = list(labels) or [""]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7 if len(labels) <= 12 else 5
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 6 if len(labels) <= 12 else 0.01
    chart.barLabels.nudge = 5
    drawing.add(chart)
    return drawing


def share_line(
    title: str,
    shares: Sequence[float | None],
    target: float,
    width: float,
    height: float,
) -> Drawing:
    """Daily shares (None: no incident counted that day, left out) and the target."""
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    plot = LinePlot()
    plot.x, plot.y = 28, 22
    plot.width, plot.height = width - 36, height - 54
    points = [(n + 1, share * 100) for n, share in enumerate(shares) if share is not None]
    days = max(len(shares), 2)
    plot.data = [points or [(1, 0)], [(1, target * 100), (days, target * 100)]]
    plot.lines[0].strokeColor = BAR
    plot.lines[0].strokeWidth = 1.5
    plot.lines[1].strokeColor = TARGET
    plot.lines[1].strokeDashArray = (3, 2)
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 1, days
    plot.xValueAxis.valueStep = 5 if days > 10 else 1
    plot.xValueAxis.labels.fontName = REGULAR
    plot.xValueAxis.labels.fontSize = 7
    plot.xValueAxis.labelTextFormat = "%d"
    plot.yValueAxis.valueMin, plot.yValueAxis.valueMax, plot.yValueAxis.valueStep = 0, 100, 25
    plot.yValueAxis.labels.fontName = REGULAR
    plot.yValueAxis.labels.fontSize = 7
    plot.yValueAxis.labelTextFormat = "%d %%"
    drawing.add(plot)
    legend_y = height - 24
    line = Line(0, legend_y + 3, 15, legend_y + 3, strokeColor=TARGET, strokeDashArray=(3, 2))
    drawing.add(line)
    drawing.add(String(20, legend_y, f"target {target:.0%}", fontName=REGULAR, fontSize=7))
    if not points:
        drawing.add(String(width / 2 - 40, height / 2, "no incident counted", fontName=REGULAR))
    return drawing


def _step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if top / step <= 6:
            return step
    return 10000
