"""No payment card numbers from the helpdesk either (SPEC §3).

Free text arriving on the change feed is checked like text typed on the device;
a full card number is replaced by a marker before anything is stored, and the
fact (never the number) is logged. The record itself is kept: dropping it would
lose the rest of what it says.
"""

import logging
from dataclasses import fields, replace
from typing import Any, TypeVar

from app.domain import Guest, Incident, IncidentEvent
from app.domain.guest import ItineraryItem, PreferenceCard
from app.security.card_numbers import contains_card_number, redact_card_numbers

log = logging.getLogger(__name__)

T = TypeVar("T")

# The preference card's lists of text (all but ``travel``), named once: 100,000 guests
# of an initial sync are scanned.
_PREFERENCE_LISTS = tuple(f.name for f in fields(PreferenceCard) if f.name != "travel")
_INCIDENT_TEXT = ("summary", "desired_outcome", "transaction_ref", "location", "game", "machine")


def scrub_incident(incident: Incident) -> Incident:
    return _scrub_fields(incident, _INCIDENT_TEXT, "incident", incident.id)


def scrub_event(event: IncidentEvent) -> IncidentEvent:
    return _scrub_fields(event, ("detail",), "incident event", event.id)


def scrub_guest(guest: Guest) -> Guest:
    """The guest with card numbers removed from preferences, itinerary and room."""
    prefs = guest.preferences
    texts = [
        guest.room,
        *(text for name in _PREFERENCE_LISTS for text in getattr(prefs, name)),
        *prefs.travel.documents,
        *prefs.travel.visas,
        prefs.travel.insurance,
        *(item.detail for item in guest.itinerary),
    ]
    if not contains_card_number("\n".join(texts)):
        return guest  # the common case: one scan of all the text
    log.warning("card number removed from incoming guest %s", guest.id)
    travel = replace(
        prefs.travel,
        documents=_clean_all(prefs.travel.documents),
        visas=_clean_all(prefs.travel.visas),
        insurance=redact_card_numbers(prefs.travel.insurance),
    )
    lists: dict[str, Any] = {name: _clean_all(getattr(prefs, name)) for name in _PREFERENCE_LISTS}
    return replace(
        guest,
        room=redact_card_numbers(guest.room),
        preferences=replace(prefs, travel=travel, **lists),
        itinerary=tuple(
            ItineraryItem(i.starts_at, i.kind, redact_card_numbers(i.detail))
            for i in guest.itinerary
        ),
    )


def _clean_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(redact_card_numbers(text) for text in texts)


def _scrub_fields(record: T, names: tuple[str, ...], kind: str, record_id: str) -> T:
    changes = {}
    for name in names:
        value = getattr(record, name)
        cleaned = redact_card_numbers(value)
        if cleaned != value:
            changes[name] = cleaned
    if not changes:
        return record
    log.warning("card number removed from incoming %s %s (%s)", kind, record_id, ", ".join(changes))
    return replace(record, **changes)  # type: ignore[type-var]


__all__ = ["scrub_event", "scrub_guest", "scrub_incident"]
