"""Least privilege (SPEC §1, §3, §4): what each role may do and see.

Every service call passes through ``require(actor, action, guest=...)``; what a
widget may render of a guest comes from ``visible_guest_fields`` and
``redact_guest`` (hidden fields are blanked, so they cannot be rendered by
mistake). The tables below are the whole policy; see ``ROLE_ACTIONS`` and
``ROLE_GUEST_FIELDS``.

Quiet visit (only when ``guest.quiet.enabled``), for everyone except the
guest's own host or a host covering for them:
* the alias is shown instead of the real name (when an alias is set);
* phone and current room are hidden when contact is host-only;
* the itinerary follows ``itinerary_disclosure``: HOST_ONLY -> own/covering
  host only; NOBODY -> no one, the own host included.
"""

from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum

from app.actor import Actor
from app.domain import EventKind, Guest, Incident, IncidentEvent, Role
from app.domain.guest import ItineraryDisclosure, PersonalLimits, TravelRiskProfile
from app.recovery.delivery import read_delivery
from app.recovery.proposals import Promise
from app.services.errors import PermissionDenied


class Action(StrEnum):
    GUEST_VIEW_CARD = "guest.view_card"
    GUEST_SEARCH = "guest.search"
    GUEST_LOOKUP_CARD = "guest.lookup_card"
    GUEST_LIST_OWN = "guest.list_own"  # "my guests": own and covered
    GUEST_VERIFY_CODE_WORD = "guest.verify_code_word"
    GUEST_EDIT_PREFERENCES = "guest.edit_preferences"
    GUEST_VIEW_ITINERARY = "guest.view_itinerary"
    GUEST_PAGE = "guest.page"  # public paging or an announcement (never for a quiet visit)
    INCIDENT_OPEN = "incident.open"
    INCIDENT_VIEW = "incident.view"
    INCIDENT_VIEW_AMOUNTS = "incident.view_amounts"
    INCIDENT_CHANGE_STATUS = "incident.change_status"
    INCIDENT_ASSIGN = "incident.assign"
    INCIDENT_RECORD_MILESTONE = "incident.record_milestone"
    INCIDENT_ESCALATE = "incident.escalate"
    INCIDENT_NOTE = "incident.note"
    INCIDENT_SIGN_ACT = "incident.sign_act"
    ACT_READ = "act.read"  # a signed act's PDF (names, decision, compensation)
    COMPENSATION_OFFER = "compensation.offer"
    # Recording that a promised compensation was handed over (the promise kept): the
    # host, who agreed it with the guest (SPEC §1, §7), as for the promise itself.
    COMPENSATION_DELIVER = "compensation.deliver"
    WALKIN_REGISTER = "walkin.register"
    # Ending another staff member's locked session (signing them out of a shared tablet).
    SESSION_END_OTHERS = "session.end_others"
    # The sync review: see what the helpdesk refused or set aside, send it again, mark
    # it read (everyone); give a change up or keep ours over the helpdesk's (not all).
    SYNC_REVIEW = "sync.review"
    SYNC_RESOLVE = "sync.resolve"
    # The property's key figures (docs/kpis.md): the duty manager and the pit boss.
    KPI_VIEW = "kpi.view"
    # The strip's three figures above every board (SLA attainment, the queue, P1s and
    # triggers: counts, no guest, amount or name): every role with a board (the
    # concierge has none).
    KPI_STRIP = "kpi.strip"
    # Signing off a resolved incident's post-incident report (the ladder's manager).
    REPORT_SIGN_OFF = "report.sign_off"
    # The shift handover for the incoming team (signed PDF): the floor's supervisors.
    SHIFT_HANDOVER = "shift.handover"


A = Action
_LOOKUP = frozenset({A.GUEST_VIEW_CARD, A.GUEST_SEARCH, A.GUEST_LOOKUP_CARD})

ROLE_ACTIONS: Mapping[Role, frozenset[Action]] = {
    # The guest's single point of contact: everything, within the guest rules below.
    Role.HOST: frozenset(Action)
    - {A.SESSION_END_OTHERS, A.KPI_VIEW, A.REPORT_SIGN_OFF, A.SHIFT_HANDOVER},
    # Table incidents end to end (acts, escalation); no code words, no itineraries.
    Role.PIT_BOSS: _LOOKUP
    | {
        A.INCIDENT_OPEN,
        A.INCIDENT_VIEW,
        A.INCIDENT_VIEW_AMOUNTS,
        A.INCIDENT_CHANGE_STATUS,
        A.INCIDENT_ASSIGN,
        A.INCIDENT_RECORD_MILESTONE,
        A.INCIDENT_ESCALATE,
        A.INCIDENT_NOTE,
        A.INCIDENT_SIGN_ACT,
        A.ACT_READ,
        # The floor's supervisor: may sign a colleague out of a locked tablet.
        A.SESSION_END_OTHERS,
        A.SYNC_REVIEW,
        A.SYNC_RESOLVE,
        A.KPI_VIEW,
        A.KPI_STRIP,
        A.SHIFT_HANDOVER,
    },
    # Identifies walk-ins (checks a code word without ever seeing it), opens
    # requests, routes them to the host.
    Role.VIP_DESK: _LOOKUP
    | {
        A.GUEST_VERIFY_CODE_WORD,
        A.GUEST_VIEW_ITINERARY,
        A.GUEST_PAGE,
        A.INCIDENT_OPEN,
        A.INCIDENT_VIEW,
        A.INCIDENT_VIEW_AMOUNTS,
        A.INCIDENT_CHANGE_STATUS,
        A.INCIDENT_ASSIGN,
        A.INCIDENT_ESCALATE,
        A.INCIDENT_NOTE,
        A.WALKIN_REGISTER,
        A.SYNC_REVIEW,
        A.SYNC_RESOLVE,
        A.KPI_STRIP,
    },
    # Preferences only; may log and follow a request, never its money amounts.
    Role.CONCIERGE: _LOOKUP | {A.INCIDENT_OPEN, A.INCIDENT_VIEW, A.INCIDENT_NOTE, A.SYNC_REVIEW},
    # The ladder's manager (L2 service manager, L4 VIP director): reads every incident,
    # its amounts and acts, the KPIs; notes and signs off post-incident reports. Takes
    # no decision at a table, no status, owner or escalation, no promise, no guest edit.
    Role.DUTY_MANAGER: _LOOKUP
    | {
        A.INCIDENT_VIEW,
        A.INCIDENT_VIEW_AMOUNTS,
        A.INCIDENT_NOTE,
        A.ACT_READ,
        A.KPI_VIEW,
        A.KPI_STRIP,
        A.REPORT_SIGN_OFF,
        A.SHIFT_HANDOVER,
        A.SYNC_REVIEW,
    },
}

# Actions a host may take only on their own guests or guests they cover.
_OWN_GUEST_ONLY_FOR_HOSTS = frozenset({A.GUEST_VERIFY_CODE_WORD, A.GUEST_EDIT_PREFERENCES})


class GuestField(StrEnum):
    """Names of the parts of a ``Guest`` whose visibility depends on who looks."""

    # Shown to every role: who the guest is in the venue and how to treat them.
    ID = "id"
    TIER = "tier"
    HOST = "host_id"
    QUIET_VISIT = "quiet"
    GAMBLING_STATUS = "rg.status"  # self-excluded / cooling-off flags
    LANGUAGES = "languages"
    # Role-dependent.
    NAME = "name"  # the real name; without it the quiet-visit alias is shown
    CARD_NUMBER = "card_number"
    PHONE = "phone"
    CURRENCY = "currency"
    PREFERRED_CHANNELS = "preferred_channels"
    CREDIT_LINE = "credit_line"
    TABLE_LIMIT = "table_limit"
    ADT = "adt"
    THEO = "theo"
    SOF_SOW = "sof_sow_status"
    ROOM = "room"  # current hotel room
    DRINKS = "preferences.drinks"
    MEALS = "preferences.meals"
    ROOM_PREFERENCES = "preferences.rooms"
    TABLES_GAMES = "preferences.tables_games"
    COMMUNICATION = "preferences.communication"
    TRANSFERS = "preferences.transfers"
    TRAVEL_RISK = "preferences.travel"  # documents, visas, insurance, cash limit
    PERSONAL_LIMITS = "rg.limits"  # the guest's own time / bankroll limits
    ITINERARY = "itinerary"


F = GuestField
ALWAYS_VISIBLE = frozenset({F.ID, F.TIER, F.HOST, F.QUIET_VISIT, F.GAMBLING_STATUS, F.LANGUAGES})

ROLE_GUEST_FIELDS: Mapping[Role, frozenset[GuestField]] = {
    Role.HOST: frozenset(GuestField),
    # Not: credit line, itinerary, travel risk (SPEC §1); nor contact details,
    # value figures or AML status, which running a table does not need.
    Role.PIT_BOSS: ALWAYS_VISIBLE
    | {F.NAME, F.CARD_NUMBER, F.CURRENCY, F.TABLE_LIMIT, F.DRINKS, F.MEALS, F.TABLES_GAMES}
    | {F.PERSONAL_LIMITS},
    # Not: credit line, cash limit (travel risk), value figures, AML status,
    # limits (SPEC §1 "credit details"). Code words are never readable by anyone.
    Role.VIP_DESK: ALWAYS_VISIBLE
    | {F.NAME, F.CARD_NUMBER, F.PHONE, F.CURRENCY, F.PREFERRED_CHANNELS, F.ROOM}
    | {F.DRINKS, F.MEALS, F.ROOM_PREFERENCES, F.TABLES_GAMES, F.COMMUNICATION, F.TRANSFERS}
    | {F.ITINERARY},
    # Food, drinks, rooms, transfers, languages, plus the current room to
    # deliver to. Not the phone: requests reach the guest through the host.
    Role.CONCIERGE: ALWAYS_VISIBLE
    | {F.NAME, F.ROOM, F.DRINKS, F.MEALS, F.ROOM_PREFERENCES, F.TRANSFERS},
    # Who the guest is and what they are worth to the property (a recovery is weighed
    # by it); not contact details, credit, limits, itinerary, travel or preferences.
    Role.DUTY_MANAGER: ALWAYS_VISIBLE | {F.NAME, F.ADT, F.THEO},
}


def is_guests_host(actor: Actor, guest: Guest) -> bool:
    """The guest's own host, or a host covering for them."""
    return (
        actor.role is Role.HOST
        and guest.host_id is not None
        and (guest.host_id == actor.staff_id or guest.host_id in actor.covering_for)
    )


def allowed(actor: Actor, action: Action, *, guest: Guest | None = None) -> bool:
    return _denial_reason(actor, action, guest) is None


def require(actor: Actor, action: Action, *, guest: Guest | None = None) -> None:
    """Raise ``PermissionDenied`` unless ``actor`` may do ``action`` (on ``guest``)."""
    reason = _denial_reason(actor, action, guest)
    if reason is not None:
        raise PermissionDenied(actor.role.value, action.value, reason)


def _denial_reason(actor: Actor, action: Action, guest: Guest | None) -> str | None:
    """None when allowed, else the reason code ``PermissionDenied`` carries."""
    if action not in ROLE_ACTIONS.get(actor.role, frozenset()):
        return "not_in_role"
    if guest is None:
        return None
    if actor.role is Role.HOST and action in _OWN_GUEST_ONLY_FOR_HOSTS:
        if not is_guests_host(actor, guest):
            return "not_your_guest"
    if action is A.GUEST_VIEW_ITINERARY and F.ITINERARY not in visible_guest_fields(actor, guest):
        return "itinerary_hidden"
    if action is A.GUEST_PAGE and not paging_allowed(guest):
        return "quiet_visit_no_paging"  # SPEC §3: contact through the host or a messenger
    return None


def paging_allowed(guest: Guest) -> bool:
    """Whether the guest may be paged or announced in public at all."""
    return not (guest.quiet.enabled and guest.quiet.no_public_paging)


def visible_guest_fields(actor: Actor, guest: Guest) -> frozenset[GuestField]:
    """The parts of ``guest`` that ``actor`` may see."""
    fields = set(ROLE_GUEST_FIELDS.get(actor.role, ALWAYS_VISIBLE))
    quiet = guest.quiet
    if quiet.enabled:
        own = is_guests_host(actor, guest)
        if quiet.alias and not own:
            fields.discard(F.NAME)
        if quiet.host_only_contact and not own:
            fields -= {F.PHONE, F.ROOM}
        disclosure = quiet.itinerary_disclosure
        if disclosure is ItineraryDisclosure.NOBODY or (
            disclosure is ItineraryDisclosure.HOST_ONLY and not own
        ):
            fields.discard(F.ITINERARY)
    return frozenset(fields)


def redact_guest(actor: Actor, guest: Guest) -> Guest:
    """A copy of ``guest`` with every field ``actor`` may not see blanked.

    The code word hash is always removed: checking a code word goes through the
    guest service, and nothing on screen needs the hash.
    """
    return redacted_with(guest, visible_guest_fields(actor, guest))


def redacted_with(guest: Guest, visible: frozenset[GuestField]) -> Guest:
    """``guest`` with every field outside ``visible`` blanked (``redact_guest``'s rule)."""

    def hidden(field: GuestField) -> bool:
        return field not in visible

    prefs = guest.preferences
    prefs = replace(
        prefs,
        drinks=() if hidden(F.DRINKS) else prefs.drinks,
        meals=() if hidden(F.MEALS) else prefs.meals,
        rooms=() if hidden(F.ROOM_PREFERENCES) else prefs.rooms,
        tables_games=() if hidden(F.TABLES_GAMES) else prefs.tables_games,
        communication=() if hidden(F.COMMUNICATION) else prefs.communication,
        transfers=() if hidden(F.TRANSFERS) else prefs.transfers,
        travel=TravelRiskProfile() if hidden(F.TRAVEL_RISK) else prefs.travel,
    )
    rg = guest.rg
    if hidden(F.PERSONAL_LIMITS):
        rg = replace(rg, limits=PersonalLimits())
    return replace(
        guest,
        name=guest.display_name if hidden(F.NAME) else guest.name,
        card_number="" if hidden(F.CARD_NUMBER) else guest.card_number,
        phone="" if hidden(F.PHONE) else guest.phone,
        currency="" if hidden(F.CURRENCY) else guest.currency,
        preferred_channels=() if hidden(F.PREFERRED_CHANNELS) else guest.preferred_channels,
        code_word_hash=None,
        credit_line=None if hidden(F.CREDIT_LINE) else guest.credit_line,
        table_limit=None if hidden(F.TABLE_LIMIT) else guest.table_limit,
        adt=None if hidden(F.ADT) else guest.adt,
        theo=None if hidden(F.THEO) else guest.theo,
        sof_sow_status="" if hidden(F.SOF_SOW) else guest.sof_sow_status,
        room="" if hidden(F.ROOM) else guest.room,
        preferences=prefs,
        rg=rg,
        itinerary=() if hidden(F.ITINERARY) else guest.itinerary,
    )


def device_guest(actor: Actor, guest: Guest) -> Guest:
    """What a device may hold of ``guest`` while ``actor`` is signed in on it: the card
    ``actor`` may see, plus what the device itself works with: the loyalty card number
    (every role finds a guest by a swipe, on the device, offline too; screens show it
    only to roles that may see it) and the code word's hash where ``actor`` may check a
    code word. The helpdesk's feed sends this."""
    redacted = replace(redact_guest(actor, guest), card_number=guest.card_number)
    if guest.code_word_hash is not None and allowed(actor, A.GUEST_VERIFY_CODE_WORD, guest=guest):
        return replace(redacted, code_word_hash=guest.code_word_hash)
    return redacted


def device_view(actor: Actor) -> str:
    """Which version of the records a device signed in as ``actor`` holds: one per
    role, one per host (a host sees their own and covered guests whole). Two staff
    members with one view share the feed's cursor; another view reads it anew."""
    if actor.role is Role.HOST:
        return ":".join((actor.role.value, actor.staff_id, *sorted(actor.covering_for)))
    return actor.role.value


def redact_incident(actor: Actor, incident: Incident) -> Incident:
    """Money amounts and transaction references blanked for roles without the right,
    the values of the compensation promised on its timeline too, and what a delivery
    handed over (which promise it keeps stays)."""
    if allowed(actor, A.INCIDENT_VIEW_AMOUNTS):
        return incident
    events = tuple(_without_amounts(event) for event in incident.events)
    return replace(incident, amount=None, transaction_ref="", events=events)


def _without_amounts(event: IncidentEvent) -> IncidentEvent:
    if event.kind is EventKind.COMPENSATION_DELIVERED:
        delivery = read_delivery(event.detail)  # which promise stays: what it was goes
        kept = "" if delivery is None else delivery.without_details().to_json()
        return replace(event, detail=kept)
    if event.kind is not EventKind.COMPENSATION_PROMISED:
        return event
    try:
        detail = Promise.from_json(event.detail).without_amounts().to_json()
    except (ValueError, KeyError, TypeError, ArithmeticError):
        detail = ""  # unreadable: show nothing rather than what it may hold
    return replace(event, detail=detail)
