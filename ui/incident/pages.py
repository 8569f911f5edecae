"""The incident pages: the quick table-incident form (in the rail) and the incident view
(reached from the board, the floor map or the form)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

if TYPE_CHECKING:
    from ui.incident.form import IncidentForm
    from ui.incident.view import IncidentView

# The concierge may note requests elsewhere but gets no table-incident form.
FORM_ROLES = frozenset({Role.PIT_BOSS, Role.HOST, Role.VIP_DESK})
# The duty manager reads every incident; the core leaves them notes and the sign-off.
VIEW_ROLES = frozenset({Role.PIT_BOSS, Role.HOST, Role.VIP_DESK, Role.DUTY_MANAGER})


def pages(env: PageEnv) -> list[PageSpec]:
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


def build_form(env: PageEnv) -> IncidentForm:
    from ui.compliance.ttr_prompt import prompt_ttr_if_needed
    from ui.incident.form import IncidentForm

    services = env.services
    form = IncidentForm(services.incidents, services.guests, env.ops, env.actor)

    def opened(incident: Any) -> None:
        prompt_ttr_if_needed(form, services.aml, env.ops, env.actor, incident)
        env.nav.reload_board()
        env.nav.open_incident(incident.id)

    form.incident_opened.connect(opened)
    return form


def build_view(env: PageEnv) -> IncidentView:
    from ui.incident.view import IncidentView

    view = IncidentView(env.services, env.ops, env.actor, env.clock)
    view.back_requested.connect(lambda: env.nav.show_page("board"))
    view.changed.connect(lambda _incident: env.nav.reload_board())
    return view
