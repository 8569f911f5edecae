"""An incident and its events as the service sends them (answers, the change log)."""

from typing import Any

from helpdesk.db import iso
from helpdesk.models import IncidentRow


def incident_dict(row: IncidentRow) -> dict[str, Any]:
    """The incident as the service sends it (without events)."""
    return {
        "id": row.id,
        "number": row.number,
        "version": row.version,
        "provisional_number": row.provisional_number,
        "device_id": row.device_id,
        "opened_at": iso(row.opened_at),
        "opened_by": row.opened_by,
        "priority": row.priority,
        "category": row.category,
        "channel": row.channel,
        "summary": row.summary,
        "status": row.status,
        "guest_id": row.guest_id,
        "owner_id": row.owner_id,
        "location": row.location,
        "table_id": row.table_id,
        "game": row.game,
        "machine": row.machine,
        "amount": row.amount,
        "currency": row.currency,
        "transaction_ref": row.transaction_ref,
        "desired_outcome": row.desired_outcome,
        "manual_escalation_level": row.manual_escalation_level,
        "sla_due_at": iso(row.sla_due_at) if row.sla_due_at else None,
        "next_update_at": iso(row.next_update_at) if row.next_update_at else None,
        "created_at": iso(row.created_at),
        "updated_at": iso(row.updated_at),
        "satisfaction": row.satisfaction,
    }


def event_dict(row: Any, seq: int | None = None) -> dict[str, Any]:
    """An event (ORM object, row or namespace with its columns) as the service sends it."""
    return {
        "id": row.id,
        "incident_id": row.incident_id,
        "seq": row.seq if seq is None else seq,
        "at": iso(row.at),
        "kind": row.kind,
        "actor_id": row.actor_id,
        "detail": row.detail,
        "from_value": row.from_value,
        "to_value": row.to_value,
        "created_at": iso(row.created_at),
    }
