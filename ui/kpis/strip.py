"""The strip of the three KPIs that matter on the floor, above every board (the board,
the floor map; docs/kpis.md):
the seed's real-time dashboard is "SLA, queue, P1 triggers" (SPEC §8), so:

- SLA attainment beside its target, met or missed in words and a marker;
- the queue: incidents open now, and how many have waited over 4 h;
- P1 incidents and trigger incidents opened in the period.

Compact (two short lines a tile, wrapped rather than cut), for roles with ``kpi.view``
only; "All KPIs" opens the dashboard. It reads through its own ``KpiFeed``: live.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.kpis import LiveKpis
from ui.kpis.feed import KpiFeed
from ui.kpis.text import percent, source_text, target_text, verdict_state, verdict_text
from ui.shell.pages import PageEnv
from ui.theme import MIN_TOUCH

DASHBOARD = "kpis"
AGED = ("4h_24h", "over_24h")  # the queue's "waiting over 4 h"


class KpiTile(QFrame):
    def __init__(self, name: str, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setProperty("variant", "kpi-tile")
        self.name = QLabel(name)
        self.name.setProperty("variant", "subtle")
        self.name.setWordWrap(True)
        self.value = QLabel("\u2013")
        self.value.setProperty("variant", "kpi-value")
        self.value.setWordWrap(True)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 2, 8, 2)
        column.setSpacing(0)
        column.addWidget(self.name)
        column.addWidget(self.value)

    def show_value(self, text: str, state: str = "plain") -> None:
        self.value.setText(text)
        if self.value.property("state") != state:
            self.value.setProperty("state", state)
            self.value.style().unpolish(self.value)
            self.value.style().polish(self.value)
        self.setAccessibleName(f"{self.name.text()}: {text}")


class KpiStrip(QFrame):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kpiStrip")
        self.setAccessibleName(QCoreApplication.translate("KpiStrip", "Key figures"))
        self.feed = KpiFeed(env, self)
        self.feed.updated.connect(self.show_kpis)
        self.sla = KpiTile(QCoreApplication.translate("KpiStrip", "SLA attainment"), "kpiStripSla")
        self.queue = KpiTile(
            QCoreApplication.translate("KpiStrip", "Open now (queue)"), "kpiStripQueue"
        )
        self.p1 = KpiTile(
            QCoreApplication.translate("KpiStrip", "P1 and triggers, 24 h"), "kpiStripP1"
        )
        self.more = QPushButton(QCoreApplication.translate("KpiStrip", "All KPIs"))
        self.more.setObjectName("kpiStripMore")
        self.more.setMinimumHeight(MIN_TOUCH)
        self.more.clicked.connect(lambda: env.nav.show_page(DASHBOARD))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.setSpacing(6)
        for tile in (self.sla, self.queue, self.p1):
            row.addWidget(tile, 1)
        row.addWidget(self.more)

    def show_kpis(self, live: LiveKpis) -> None:
        report = live.report
        sla = report.ratios["sla"]
        reached = report.reached("sla")
        self.sla.name.setText(
            QCoreApplication.translate("KpiStrip", "SLA attainment · {target}").format(
                target=target_text(report.targets["sla"])
            )
        )
        self.sla.show_value(
            f"{percent(sla.share)} · {verdict_text(reached)}", verdict_state(reached)
        )
        open_now = sum(report.backlog.values())
        aged = sum(report.backlog.get(key, 0) for key in AGED)
        self.queue.show_value(
            QCoreApplication.translate("KpiStrip", "{open} open · {aged} over 4 h").format(
                open=open_now, aged=aged
            )
        )
        triggers = sum(report.triggers.values())
        self.p1.show_value(
            QCoreApplication.translate("KpiStrip", "{p1} P1 · {triggers} triggers").format(
                p1=report.p1, triggers=triggers
            )
        )
        where = source_text(live)
        self.setToolTip(where)
        self.setAccessibleDescription(where)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self.feed.shown()
