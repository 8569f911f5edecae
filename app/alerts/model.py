"""One alert for one person: what happened, to which incident, when; read or not.

An alert holds no more about the guest than its recipient may see: the guest's name
only on a "your guest is in an incident" alert, which goes to that guest's own host.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from app.domain.enums import Category, Priority


class AlertKind(StrEnum):
    NEW_P1 = "new_p1"
    BREACH_SOON = "breach_soon"  # a clock breaches within the policy's alert window
    ESCALATED = "escalated"  # moved up the ladder by itself (time, breach, trigger)
    GUEST_IN_INCIDENT = "guest_in_incident"  # to the guest's host, owned by someone else
    ROUTED_TO_YOU = "routed_to_you"  # someone else opened it and made you its owner
    UPDATE_DUE = "update_due"  # a waiting incident owes its guest an update


@dataclass(frozen=True, slots=True)
class Alert:
    id: str  # the same event for the same person always has the same id: no duplicates
    recipient_id: str
    kind: AlertKind
    incident_id: str
    at: datetime  # when it happened (not when it was noticed)
    ticket: str
    priority: Priority
    category: Category
    level: int
    guest_name: str = ""  # only for the guest's own host
    read_at: datetime | None = None

    @property
    def unread(self) -> bool:
        return self.read_at is None
