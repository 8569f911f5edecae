"""What recording an act looks up in the store: the incident, the signer, names."""

from collections.abc import Sequence

from app.actor import Actor
from app.acts.model import ActKind
from app.domain import Incident, Role, Staff
from app.ports import UnitOfWork
from app.services.incidents import IncidentNotFound


def next_number(uow: UnitOfWork, incident: Incident, kind: ActKind) -> int:
    """Acts are counted per incident and kind (A1, A2... R1... S1...)."""
    return uow.acts.count_for_incident(incident.id, kind) + 1


def incident_or_raise(uow: UnitOfWork, incident_id: str) -> Incident:
    incident = uow.incidents.by_id(incident_id)
    if incident is None:
        raise IncidentNotFound(incident_id)
    return incident


def signer(uow: UnitOfWork, actor: Actor) -> Staff:
    found = uow.staff.by_id(actor.staff_id)
    return found or Staff(
        id=actor.staff_id, name=actor.name or actor.staff_id, role=actor.role, pin_hash=""
    )


def is_active_host(uow: UnitOfWork, staff_id: str) -> bool:
    found = uow.staff.by_id(staff_id)
    return found is not None and found.role is Role.HOST and found.active


def staff_names(uow: UnitOfWork, incident: Incident, extra: Sequence[str]) -> dict[str, str]:
    """ "Name (id)" of everyone on the incident's timeline and of ``extra``."""
    ids = {e.actor_id for e in incident.events} | {x for x in extra if x}
    names = {}
    for staff_id in sorted(ids):
        found = uow.staff.by_id(staff_id)
        if found is not None:
            names[staff_id] = f"{found.name} ({staff_id})"
    return names
