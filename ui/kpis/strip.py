"""The strip of the three KPIs that matter on the floor, above every board (the board,
the floor map; docs/kpis.md):
the seed's real-time dashboard is "SLA, queue, P1 triggers" (SPEC §8), so:

- SLA attainment beside its target, met or missed in words and a marker;
- the queue: incidents open now, and how many have waited over 4 h;
- P1 incidents and trigger incidents opened in the period.

Compact (two short lines a tile, wrapped rather than cut), for every role (``kpi.strip``:
the figures alone, no guest, amount or name); "All KPIs" opens the dashboard for the
roles that have it (``kpi.view``). It reads through its own ``KpiFeed``: live.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.permissions import Action, allowed
from app.services.kpis import LiveStrip
from ui.kpis.feed import KpiFeed
from ui.kpis.text import percent, source_text, target_text, verdict_state, verdict_text
from ui.shell.pages import PageEnv
from ui.theme import MIN_TOUCH

DASHBOARD = "kpis"


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
        self.feed = KpiFeed(env, self, strip=True)
        self.feed.updated.connect(self.show_kpis)
        self.sla = KpiTile(QCoreApplication.translate("KpiStrip", "SLA attainment"), "kpiStripSla")
        self.queue = KpiTile(
            QCoreApplication.translate("KpiStrip", "Open now (queue)"), "kpiStripQueue"
        )
        self.p1 = KpiTile(
            QCoreApplication.translate("KpiStrip", "P1 and triggers, 24 h"), "kpiStripP1"
        )
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 4)
        row.setSpacing(6)
        for tile in (self.sla, self.queue, self.p1):
            row.addWidget(tile, 1)
        # The dashboard is one tap away for the roles that may open it.
        self.more: QPushButton | None = None
        if allowed(env.actor, Action.KPI_VIEW):
            self.more = QPushButton(QCoreApplication.translate("KpiStrip", "All KPIs"))
            self.more.setObjectName("kpiStripMore")
            self.more.setMinimumHeight(MIN_TOUCH)
            self.more.clicked.connect(lambda: env.nav.show_page(DASHBOARD))
            row.addWidget(self.more)

    def show_kpis(self, live: LiveStrip) -> None:
        figures = live.figures
        reached = figures.sla_reached()
        self.sla.name.setText(
            QCoreApplication.translate("KpiStrip", "SLA attainment · {target}").format(
                target=target_text(figures.sla_target)
            )
        )
        self.sla.show_value(
            f"{percent(figures.sla.share)} · {verdict_text(reached)}", verdict_state(reached)
        )
        self.queue.show_value(
            QCoreApplication.translate("KpiStrip", "{open} open · {aged} over 4 h").format(
                open=figures.open_now, aged=figures.aged
            )
        )
        self.p1.show_value(
            QCoreApplication.translate("KpiStrip", "{p1} P1 · {triggers} triggers").format(
                p1=figures.p1, triggers=figures.triggers
            )
        )
        where = source_text(live)
        self.setToolTip(where)
        self.setAccessibleDescription(where)

    def showEvent(self, event: object) -> None:  # noqa: N802
        super().showEvent(event)  # type: ignore[arg-type]
        self.feed.shown()
