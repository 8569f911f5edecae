"""The incident pages: the quick table-incident form (in the rail) and the incident view
(reached from the board, the floor map or the form)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

# The concierge may note requests elsewhere but gets no table-incident form.
FORM_ROLES = frozenset({Role.PIT_BOSS, Role.HOST, Role.VIP_DESK})
VIEW_ROLES = frozenset({Role.PIT_BOSS, Role.HOST, Role.VIP_DESK})


def pages(env: PageEnv) -> list[PageSpec]:
    if env.context is None:
        return []
    return [
        PageSpec(
            "incident.new",
            QCoreApplication.translate("pages", "New incident"),
            FORM_ROLES,
            lambda: build_form(env),
            order=30,
        ),
        PageSpec(
            "incident.view",
            QCoreApplication.translate("pages", "Incident"),
            VIEW_ROLES,
            lambda: build_view(env),
            order=31,
            in_rail=False,
        ),
    ]


def build_form(env: PageEnv) -> QWidget:
    from ui.compliance.ttr_prompt import prompt_ttr_if_needed
    from ui.incident.form import IncidentForm

    context = env.context
    form = IncidentForm(context.incidents, context.guests, env.ops, env.actor)
    aml = context.aml
    open_incident = env.extras.get("open_incident")
    reload = env.extras.get("reload")

    def opened(incident: Any) -> None:
        prompt_ttr_if_needed(form, aml, env.ops, env.actor, incident)
        if reload is not None:
            reload()
        if open_incident is not None:
            open_incident(incident.id)

    form.incident_opened.connect(opened)
    return form


def build_view(env: PageEnv) -> QWidget:
    from ui.incident.view import IncidentView

    view = IncidentView(env.context, env.ops, env.actor, env.extras.get("clock"))
    navigate = env.extras.get("navigate")
    reload = env.extras.get("reload")
    if navigate is not None:
        view.back_requested.connect(lambda: navigate("board"))
    if reload is not None:
        view.changed.connect(lambda _incident: reload())
    return view
