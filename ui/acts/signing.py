"""Opening the act and the post-incident report on the tablet, from any screen.

The incident screen opens all three; the board's reminder opens the report, and the
duty manager's sign-off banner the report's sign-off. Each dialog
covers the console window (``ui.acts.fit``), records through the core in the executor
and, once signed, offers View act and Print guest copy through ``ActActions``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.actor import Actor
from ui.acts.act_actions import ActActions
from ui.acts.act_dialog import ActDialog
from ui.async_ops import AsyncOps
from ui.incident.labels import act_number_text, ticket_text

ActsService = Callable[[], Any]  # app.acts.service.ActService, built at first use


def open_act_dialog(
    parent: QWidget,
    ops: AsyncOps,
    acts: ActsService,
    actor: Actor,
    incident: Any,  # app.domain.Incident
    copies: ActActions,
) -> ActDialog:
    from ui.acts.act_form import ActForm

    form = ActForm(ops, lambda who, draft: acts().record_act(who, draft), actor, incident.id)
    ticket = ticket_text(incident.number, incident.provisional_number)

    def done(recorded: Any) -> str:
        number = act_number_text(recorded.act.number, incident.number, incident.provisional_number)
        return QCoreApplication.translate(
            "ActSigning",
            "Act {number} is signed and stored; it goes to the helpdesk with the incident.",
        ).format(number=number)

    title = QCoreApplication.translate("ActSigning", "Incident act — {ticket}")
    title = title.format(ticket=ticket)
    return _opened(ActDialog(form, title, done, parent), copies)


def open_report_dialog(
    parent: QWidget,
    ops: AsyncOps,
    acts: ActsService,
    actor: Actor,
    incident_id: str,
    ticket: str,
    copies: ActActions,
) -> ActDialog:
    from ui.acts.report_form import ReportForm

    form = ReportForm(ops, lambda who, draft: acts().record_report(who, draft), actor, incident_id)

    def done(recorded: Any) -> str:
        return QCoreApplication.translate(
            "ActSigning", "Post-incident report {number} is signed and stored."
        ).format(number=recorded.act.number)

    title = QCoreApplication.translate("ActSigning", "Post-incident report — {ticket}").format(
        ticket=ticket
    )
    return _opened(ActDialog(form, title, done, parent), copies)


def open_sign_off_dialog(
    parent: QWidget,
    ops: AsyncOps,
    acts: ActsService,
    actor: Actor,
    incident_id: str,
    ticket: str,
    report: Any,  # app.acts.model.ActRecord: the report to sign off
    copies: ActActions,
) -> ActDialog:
    from ui.acts.sign_off_form import SignOffForm

    form = SignOffForm(
        ops,
        lambda who, draft: acts().record_sign_off(who, draft),
        actor,
        incident_id,
        report,
        copies.view,
    )

    def done(recorded: Any) -> str:
        return QCoreApplication.translate(
            "ActSigning",
            "Report {report} is signed off: {number}, stored and sent with the incident.",
        ).format(report=report.number, number=recorded.act.number)

    title = QCoreApplication.translate("ActSigning", "Sign off the report — {ticket}").format(
        ticket=ticket
    )
    dialog = ActDialog(form, title, done, parent)
    dialog.print_button.hide()  # the property's own record: no copy for the guest
    return _opened(dialog, copies)


def _opened(dialog: ActDialog, copies: ActActions) -> ActDialog:
    """``dialog`` open, its View and Print after signing wired to ``copies``."""
    dialog.connect_copies(copies.view, copies.print_copy)
    dialog.open()
    return dialog
