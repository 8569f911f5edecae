"""Audit rows (SPEC §1, §10: every action logged — who, what, when, which device).

Details are short and factual and never hold a PIN, a code word, a full card
number or a search query: the audit log lives on the device too.
"""

from datetime import datetime

from app.actor import Actor
from app.ports import AuditEntry, UnitOfWork


def audit_entry(
    actor: Actor, action: str, target: str, *, at: datetime, detail: str = ""
) -> AuditEntry:
    """The audit row for ``actor`` doing ``action`` on ``target`` at ``at``."""
    return AuditEntry(
        at=at,
        staff_id=actor.staff_id,
        role=actor.role.value,
        device_id=actor.device_id,
        action=action,
        target=target,
        detail=detail,
    )


def record(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    target: str,
    *,
    at: datetime,
    detail: str = "",
) -> AuditEntry:
    """Append the audit row inside ``uow``, so it commits or rolls back with the change."""
    entry = audit_entry(actor, action, target, at=at, detail=detail)
    uow.audit.append(entry)
    return entry
