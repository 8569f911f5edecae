"""An incident and its events as the service sends them (answers, the change log)."""

from typing import Any

from helpdesk import orm_state
from helpdesk.db import iso
from helpdesk.models import IncidentRow


def incident_dict(row: IncidentRow) -> dict[str, Any]:
    """The incident as the service sends it (without events)."""
    held = orm_state.columns(row)
    sla_due_at, next_update_at = held["sla_due_at"], held["next_update_at"]
    return {
        "id": held["id"],
        "number": held["number"],
        "version": held["version"],
        "provisional_number": held["provisional_number"],
        "device_id": held["device_id"],
        "opened_at": iso(held["opened_at"]),
        "opened_by": held["opened_by"],
        "priority": held["priority"],
        "category": held["category"],
        "channel": held["channel"],
        "summary": held["summary"],
        "status": held["status"],
        "guest_id": held["guest_id"],
        "owner_id": held["owner_id"],
        "location": held["location"],
        "table_id": held["table_id"],
        "game": held["game"],
        "machine": held["machine"],
        "amount": held["amount"],
        "currency": held["currency"],
        "transaction_ref": held["transaction_ref"],
        "desired_outcome": held["desired_outcome"],
        "manual_escalation_level": held["manual_escalation_level"],
        "sla_due_at": iso(sla_due_at) if sla_due_at else None,
        "next_update_at": iso(next_update_at) if next_update_at else None,
        "created_at": iso(held["created_at"]),
        "updated_at": iso(held["updated_at"]),
        "satisfaction": held["satisfaction"],
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
