"""Plain domain objects of the console: guests, staff, incidents.

Nothing here knows about storage, Qt or the network. Objects are frozen
dataclasses; changes produce new objects (``dataclasses.replace``).
"""

from app.domain.enums import (
    Category,
    Channel,
    EventKind,
    IncidentStatus,
    Priority,
    Role,
    Satisfaction,
    Tier,
)
from app.domain.guest import (
    Guest,
    ItineraryItem,
    PreferenceCard,
    QuietVisit,
    ResponsibleGambling,
    TravelRiskProfile,
)
from app.domain.incident import Incident, IncidentEvent, InvalidTransition
from app.domain.staff import GamingTable, Staff

__all__ = [
    "Category",
    "Channel",
    "EventKind",
    "GamingTable",
    "Guest",
    "Incident",
    "IncidentEvent",
    "IncidentStatus",
    "InvalidTransition",
    "ItineraryItem",
    "PreferenceCard",
    "Priority",
    "QuietVisit",
    "ResponsibleGambling",
    "Role",
    "Satisfaction",
    "Staff",
    "Tier",
    "TravelRiskProfile",
]
