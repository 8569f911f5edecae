"""The label of every code a core message's coded parameter can carry (a field, a role,
an action, a status...), translated in the ``CoreLabels`` context; ``ui.error_text``
fills them into the core's messages. A test checks every code of the core has one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def labels() -> dict[str, dict[str, str]]:
    """The label of every code a coded parameter can carry, by vocabulary."""
    return {
        "field": {
            "summary": QCoreApplication.translate("CoreLabels", "summary"),
            "note": QCoreApplication.translate("CoreLabels", "note"),
            "reason": QCoreApplication.translate("CoreLabels", "reason"),
            "desired_outcome": QCoreApplication.translate("CoreLabels", "desired outcome"),
            "transaction_ref": QCoreApplication.translate("CoreLabels", "transaction reference"),
            "location": QCoreApplication.translate("CoreLabels", "location"),
            "game": QCoreApplication.translate("CoreLabels", "game"),
            "machine": QCoreApplication.translate("CoreLabels", "machine"),
            "name": QCoreApplication.translate("CoreLabels", "guest's name"),
            "phone": QCoreApplication.translate("CoreLabels", "phone number"),
            "drinks": QCoreApplication.translate("CoreLabels", "drinks"),
            "meals": QCoreApplication.translate("CoreLabels", "meals"),
            "rooms": QCoreApplication.translate("CoreLabels", "rooms"),
            "tables_games": QCoreApplication.translate("CoreLabels", "tables / games"),
            "communication": QCoreApplication.translate("CoreLabels", "communication"),
            "transfers": QCoreApplication.translate("CoreLabels", "transfers"),
            "decision": QCoreApplication.translate("CoreLabels", "decision"),
            "statement": QCoreApplication.translate("CoreLabels", "statement"),
            "guest_note": QCoreApplication.translate("CoreLabels", "guest's note"),
            "compensation_description": QCoreApplication.translate(
                "CoreLabels", "compensation description"
            ),
            "compensation_conditions": QCoreApplication.translate(
                "CoreLabels", "compensation conditions"
            ),
            "root_cause": QCoreApplication.translate("CoreLabels", "root cause"),
            "impact": QCoreApplication.translate("CoreLabels", "impact"),
            "measure": QCoreApplication.translate("CoreLabels", "measure"),
            "review": QCoreApplication.translate("CoreLabels", "review"),
            "staff_signature": QCoreApplication.translate("CoreLabels", "staff signature"),
            "guest_signature": QCoreApplication.translate("CoreLabels", "guest's signature"),
            "ttr_reference": QCoreApplication.translate("CoreLabels", "TTR reference"),
        },
        "role": {
            "host": QCoreApplication.translate("CoreLabels", "host"),
            "pit_boss": QCoreApplication.translate("CoreLabels", "pit boss"),
            "vip_desk": QCoreApplication.translate("CoreLabels", "VIP desk"),
            "concierge": QCoreApplication.translate("CoreLabels", "concierge"),
            "duty_manager": QCoreApplication.translate("CoreLabels", "duty manager"),
        },
        "action": {
            "guest.view_card": QCoreApplication.translate("CoreLabels", "view a guest card"),
            "guest.search": QCoreApplication.translate("CoreLabels", "search guests"),
            "guest.lookup_card": QCoreApplication.translate("CoreLabels", "look up a loyalty card"),
            "guest.list_own": QCoreApplication.translate("CoreLabels", "list their own guests"),
            "guest.verify_code_word": QCoreApplication.translate(
                "CoreLabels", "check a guest's code word"
            ),
            "guest.edit_preferences": QCoreApplication.translate(
                "CoreLabels", "edit a guest's preferences"
            ),
            "guest.view_itinerary": QCoreApplication.translate(
                "CoreLabels", "see a guest's itinerary"
            ),
            "guest.page": QCoreApplication.translate("CoreLabels", "page or announce a guest"),
            "incident.open": QCoreApplication.translate("CoreLabels", "open an incident"),
            "incident.view": QCoreApplication.translate("CoreLabels", "view incidents"),
            "incident.view_amounts": QCoreApplication.translate(
                "CoreLabels", "see incident amounts"
            ),
            "incident.change_status": QCoreApplication.translate(
                "CoreLabels", "change an incident's status"
            ),
            "incident.assign": QCoreApplication.translate("CoreLabels", "assign an incident"),
            "incident.record_milestone": QCoreApplication.translate(
                "CoreLabels", "record an incident milestone"
            ),
            "incident.escalate": QCoreApplication.translate("CoreLabels", "escalate an incident"),
            "incident.note": QCoreApplication.translate("CoreLabels", "add a note to an incident"),
            "incident.sign_act": QCoreApplication.translate("CoreLabels", "sign an incident act"),
            "act.read": QCoreApplication.translate("CoreLabels", "read a signed act"),
            "compensation.offer": QCoreApplication.translate("CoreLabels", "offer compensation"),
            "compensation.deliver": QCoreApplication.translate(
                "CoreLabels", "mark a compensation delivered"
            ),
            "walkin.register": QCoreApplication.translate("CoreLabels", "register a walk-in"),
            "session.end_others": QCoreApplication.translate(
                "CoreLabels", "sign another staff member out of a locked console"
            ),
            "sync.review": QCoreApplication.translate(
                "CoreLabels", "review the changes the helpdesk refused or set aside"
            ),
            "sync.resolve": QCoreApplication.translate(
                "CoreLabels", "give up a change or override the helpdesk's value"
            ),
            "kpi.view": QCoreApplication.translate("CoreLabels", "see the property's KPIs"),
            "kpi.strip": QCoreApplication.translate("CoreLabels", "see the floor's key figures"),
            "report.sign_off": QCoreApplication.translate(
                "CoreLabels", "sign off a post-incident report"
            ),
            "shift.handover": QCoreApplication.translate("CoreLabels", "write the shift handover"),
        },
        "milestone": {
            "reacted": QCoreApplication.translate("CoreLabels", "reached the table"),
            "decided": QCoreApplication.translate("CoreLabels", "decision taken"),
            "stabilised": QCoreApplication.translate("CoreLabels", "stabilised"),
        },
        "status": {
            "new": QCoreApplication.translate("CoreLabels", "new"),
            "in_progress": QCoreApplication.translate("CoreLabels", "in progress"),
            "waiting": QCoreApplication.translate("CoreLabels", "waiting"),
            "resolved": QCoreApplication.translate("CoreLabels", "resolved"),
            "closed": QCoreApplication.translate("CoreLabels", "closed"),
        },
    }
