"""The KPI dashboard page, for the roles with ``kpi.view`` (the duty manager, the pit boss)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from app.permissions import ROLE_ACTIONS, Action
from ui.kpis.strip import DASHBOARD
from ui.shell.pages import PageEnv, PageSpec

KPI_ROLES = frozenset(role for role in Role if Action.KPI_VIEW in ROLE_ACTIONS.get(role, ()))


def pages(env: PageEnv) -> list[PageSpec]:
    from ui.kpis.dashboard import KpiDashboardPage

    title = QCoreApplication.translate("pages", "KPIs")
    return [PageSpec(DASHBOARD, title, KPI_ROLES, lambda: KpiDashboardPage(env), order=80)]
