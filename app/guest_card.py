"""The guest card as a signed-in staff member may see it (``build_card_view``): the
guest already redacted (``app.permissions``), what blocks incentives and paging, and
what the card offers that role."""

from dataclasses import dataclass
from datetime import date

from app.actor import Actor
from app.domain import Guest, Incident
from app.messages import Message
from app.permissions import (
    Action,
    GuestField,
    allowed,
    is_guests_host,
    paging_allowed,
    redact_guest,
    redact_incident,
    visible_guest_fields,
)


@dataclass(frozen=True, slots=True)
class GuestCardView:
    """What a guest card widget renders: already redacted for the signed-in actor."""

    guest: Guest  # redacted: hidden fields are empty
    visible_fields: frozenset[GuestField]
    quiet_visit: bool
    alias_shown: bool  # ``guest.name`` holds the alias, not the real name
    incentives_blocked: bool
    incentives_blocked_reason: Message | None
    paging_allowed: bool  # False for a quiet visit (whatever the role)
    paging_blocked_reason: Message | None
    can_page: bool  # the role may request paging at all
    code_word_on_file: bool
    can_verify_code_word: bool
    is_own_guest: bool  # own host or covering host
    incidents: tuple[Incident, ...] = ()  # redacted; empty without incident.view

    def shows(self, field: GuestField) -> bool:
        return field in self.visible_fields


def build_card_view(
    actor: Actor, guest: Guest, *, today: date, incidents: tuple[Incident, ...] = ()
) -> GuestCardView:
    """The card ``actor`` may see; ``today`` is the venue's local date (cooling-off)."""
    visible = visible_guest_fields(actor, guest)
    rg = guest.rg
    incentives_reason: Message | None = None
    if rg.self_excluded:
        incentives_reason = Message("card.self_excluded")
    elif rg.is_cooling_off(today):
        incentives_reason = Message("card.cooling_off", {"until": rg.cooling_off_until})
    pageable = paging_allowed(guest)
    paging_reason = None if pageable else Message("card.quiet_visit_paging")
    shown_incidents = (
        tuple(redact_incident(actor, i) for i in incidents)
        if allowed(actor, Action.INCIDENT_VIEW)
        else ()
    )
    return GuestCardView(
        guest=redact_guest(actor, guest),
        visible_fields=visible,
        quiet_visit=guest.quiet.enabled,
        alias_shown=GuestField.NAME not in visible,
        incentives_blocked=rg.incentives_blocked(today),
        incentives_blocked_reason=incentives_reason,
        paging_allowed=pageable,
        can_page=allowed(actor, Action.GUEST_PAGE),
        paging_blocked_reason=paging_reason,
        code_word_on_file=guest.code_word_hash is not None,
        can_verify_code_word=guest.code_word_hash is not None
        and allowed(actor, Action.GUEST_VERIFY_CODE_WORD, guest=guest),
        is_own_guest=is_guests_host(actor, guest),
        incidents=shown_incidents,
    )
