"""What the core tells staff, as data: a stable key, named parameters, an English text.

Every error the core raises on purpose (``ServiceError`` and the few domain
``ValueError``s a form can run into) is a ``KeyedError``: ``error.key`` names the
message, ``error.params`` holds its facts (a field code, a limit, a masked card...)
and ``str(error)`` is the English text of ``ENGLISH``, for logs and the CLI. A reason
the core hands over without raising (why paging is off, why play incentives are not
offered) is a ``Message`` of the same shape.

The UI translates by key (``ui/error_text.py``): a test checks that it maps every key
of ``ENGLISH`` and every code of ``LABELS``. A parameter named in ``PARAM_VOCABULARY``
carries a code (``"desired_outcome"``, ``"pit_boss"``...) that each side turns into a
label in its own language. A template that is a pair ``(one, other)`` is plural on
its ``count`` parameter. No message ever holds a PIN, a code word or a full card number.

Imports nothing from ``app``: every layer, the domain included, may raise these.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from string import Formatter

Template = str | tuple[str, str]

_DENIED = "A {role} may not {action}: "
_NO_PLAY = "play incentives are never offered."

ENGLISH: Mapping[str, Template] = {
    # Signing in (the sign-in screen words these its own way).
    "auth.sign_in_failed": (
        "Staff id or PIN not recognised. {count} attempt left before the account is locked.",
        "Staff id or PIN not recognised. {count} attempts left before the account is locked.",
    ),
    "auth.account_locked": (
        "Too many wrong PINs: sign-in is locked until {locked_until:%H:%M} UTC "
        "({locked_until:%Y-%m-%d})."
    ),
    "auth.code_required": (
        "Enter your authenticator code. {count} attempt left.",
        "Enter your authenticator code. {count} attempts left.",
    ),
    "auth.code_refused": (
        "Authenticator code not accepted. {count} attempt left.",
        "Authenticator code not accepted. {count} attempts left.",
    ),
    # Least privilege.
    "permission.not_in_role": _DENIED + "not part of this role.",
    "permission.not_your_guest": _DENIED
    + "the guest belongs to another host and you are not covering for them.",
    "permission.itinerary_hidden": _DENIED
    + "the itinerary of this guest is not disclosed to you (quiet visit or role).",
    "permission.quiet_visit_no_paging": _DENIED
    + "quiet visit: no public paging or announcements; contact through the host or a messenger.",
    # Guests.
    "guest.card_not_found": "No guest found for card {card}. Register them as a walk-in?",
    "guest.not_found": "No guest {guest_id} in the local store.",
    "guest.no_code_word": "This guest has no code word on file; identify them another way.",
    # Free text (every service, see app.services.validation).
    "text.required": "The {field} is required.",
    "text.too_long": "The {field} is too long ({length} characters, max {max_len}).",
    "text.card_number": (
        "The {field} seems to contain a full payment card number. "
        "Staff never ask for or write down card numbers: remove it. "
        "A masked form such as 411111******1111 is fine; "
        "write a phone number with its + country code."
    ),
    "text.phone_format": "Write the phone number with its + country code.",
    "text.too_many_entries": "Too many entries for {field} ({entries}, max {max_entries}).",
    # Card reader.
    "swipe.empty": "Nothing was read from the card.",
    "swipe.unreadable": "The card could not be read; swipe it again.",
    "swipe.tracks_disagree": "The card's tracks disagree; swipe it again.",
    "swipe.not_loyalty_format": (
        "Not a loyalty card: loyalty numbers have {min_digits}-{max_digits} digits "
        "and start with {prefix}."
    ),
    "swipe.payment_card": (
        "This looks like a payment card — staff never take card numbers. "
        "Nothing was read or stored; ask for the loyalty card."
    ),
    # Staff.
    "staff.language_code": "{language} is not a language code (two letters, such as fr).",
    # Walk-ins.
    "walkin.card_taken": "Card {card} already belongs to a guest: search for it.",
    "walkin.not_a_host": "{host_id} is not an active host.",
    # Incidents.
    "incident.not_found": "No incident {incident_id} in the local store.",
    "incident.negative_amount": "An amount cannot be negative.",
    "incident.unknown_table": "No table {table_id} on this floor.",
    "incident.guest_missing": "The guest on this incident is not in the local store.",
    "incident.transition": "An incident cannot move from {from_status} to {to_status}.",
    "incident.not_a_milestone": "Only reaching the table, a decision and stabilising are "
    "milestones.",
    "incident.escalation_level": "There is no escalation level {level}: levels run from L1 to L4.",
    "incident.empty_note": "A note cannot be empty.",
    "incident.not_open": "Incident {number} is resolved or closed: reopen it first.",
    "incident.milestone_recorded": "Already recorded: {milestone}.",
    "kpis.empty_window": "The period is empty: its end must come after its start.",
    "incident.satisfaction_open": "Incident {number} is not resolved: the guest is asked on "
    "resolve.",
    "incident.satisfaction_recorded": "The guest's satisfaction is already recorded for this "
    "resolution.",
    "incident.escalation_not_higher": (
        "The incident is already at {current}: it can only be escalated above it, not to {level}."
    ),
    # Notes the console writes on an incident's timeline (stored in English, the way
    # every console and the helpdesk read them; a screen words them in its language).
    "note.act_signed": "Act {number} signed (PDF {sha})",
    "note.report_signed": "Post-incident report {number} signed (PDF {sha})",
    "note.report_signed_off": "Post-incident report {report} signed off: {number} (PDF {sha})",
    "note.photo_attached": "Photo attached ({sha})",
    "note.receipt_attached": "Receipt attached ({sha})",
    # Photos and receipts on incidents.
    "attachment.empty": "Nothing to attach: the file is empty.",
    "attachment.too_large": "The file is {size_mb} MB; an attachment is at most {max_mb} MB.",
    "attachment.unsupported": "Attach a photo (JPEG or PNG) or a receipt (PDF, JPEG or PNG).",
    # Service recovery and what the guest card says about it.
    "recovery.nothing_chosen": "Choose at least one item to promise.",
    "recovery.no_guest": "Service recovery needs the guest on the incident.",
    "recovery.unknown_promise": "Incident {number} has no such promise: nothing was marked "
    "delivered.",
    "recovery.already_delivered": "This promise on incident {number} is already marked delivered.",
    "recovery.self_excluded": "The guest is self-excluded: " + _NO_PLAY,
    "recovery.cooling_off": "The guest is cooling off until {until}: " + _NO_PLAY,
    "card.self_excluded": "Self-excluded: never offer free play or bonus play.",
    "card.cooling_off": "Cooling-off until {until}: never offer free play or bonus play.",
    "card.quiet_visit_paging": (
        "Quiet visit: no public paging or announcements; contact through the host or a messenger."
    ),
    # Acts and post-incident reports.
    "act.signature_missing": "The {field} is missing: sign on the pad.",
    "act.signature_unusable": "The {field} is not a drawing the act can hold.",
    "act.signature_too_long": "A signature has at most {max_points} points.",
    "act.unsigned_guest_drawing": "A guest who did not sign has no drawn signature on the act.",
    "act.too_many_promises": "At most {max_count} compensation lines on one act.",
    "act.negative_value": "A compensation value cannot be negative.",
    "act.no_play_incentives": (
        "This guest is self-excluded or cooling off: never offer free play or bonus play. "
        "Choose another form of service recovery."
    ),
    "act.case_closed": (
        "Incident {number} is closed: an act is fixed in writing before the case is closed. "
        "Reopen it first."
    ),
    "act.report_priority": "Post-incident reports are for P1 and P2 incidents.",
    "act.report_no_measure": "A post-incident report names at least one measure.",
    "act.too_many_measures": "At most {max_count} measures in one report.",
    "act.sign_off_open": (
        "Incident {number} is still open: a post-incident report is signed off once the "
        "incident is resolved."
    ),
    "act.sign_off_no_report": "Incident {number} has no post-incident report to sign off.",
    "act.already_signed_off": "Report {report} is already signed off ({number}).",
    "act.sign_off_superseded": "A newer report replaces this one: sign off {latest}.",
    "act.not_found": "No act {act_id} in the local store.",
    "act.pdf_mismatch": "Act {number}: its PDF does not hold the recorded content.",
    "act.no_certificate": (
        "This tablet has no act-signing certificate yet: the helpdesk issues one once IT "
        "has provisioned the tablet and it is online."
    ),
    "act.certificate_expired": (
        "This tablet's act-signing certificate expired on {until}: it is renewed when the "
        "tablet reaches the helpdesk."
    ),
    "act.key_unreadable": "This tablet's act-signing key cannot be read: call IT.",
    # The sync review: what discarding a refused change does on this tablet.
    "sync.review_item_gone": "This change was settled meanwhile: the list is up to date now.",
    "sync.discard.incident_stays": (
        "The incident stays on this tablet only and never reaches the helpdesk; "
        "its later changes waiting to be sent ({count}) are discarded too."
    ),
    "sync.discard.change_undone": "Your change is undone on this tablet.",
    "sync.discard.entry_stays": (
        "The timeline entry stays on this tablet only; the helpdesk never receives it."
    ),
    "sync.discard.document_stays": (
        "The signed document stays on this tablet; the helpdesk will not have a copy."
    ),
    "sync.discard.walk_in_removed": "The walk-in is removed from this tablet.",
    "sync.discard.walk_in_stays": (
        "The walk-in stays on this tablet only: incidents here name them ({count})."
    ),
    "sync.discard.preferences_stay": (
        "Your preference change stays on this tablet until the helpdesk sends this guest again."
    ),
    "sync.discard.nothing_here": "Nothing on this tablet depends on it.",
    # Signed updates (app/updates): for IT, on the lock screen and in the audit.
    "update.tampered": (
        "Update refused: the file from {source} is not the one the property's keys signed "
        "(tampered or damaged). Nothing was installed. Tell IT."
    ),
    "update.bad_signature": (
        "Update refused: the update information from {source} is not signed by the "
        "property's keys. Nothing was installed. Tell IT."
    ),
    "update.expired": (
        "Update refused: the update information from {source} has expired (IT must sign "
        "it again). Nothing was installed. Tell IT."
    ),
    "update.rolled_back": (
        "Update refused: {source} offers older update information than this tablet already "
        "had (a rollback). Nothing was installed. Tell IT."
    ),
    "update.invalid": (
        "Update refused: the update information from {source} is not valid. Nothing was "
        "installed. Tell IT."
    ),
}

# Parameters whose value is a code from a vocabulary of ``LABELS``.
PARAM_VOCABULARY: Mapping[str, str] = {
    "field": "field",
    "role": "role",
    "action": "action",
    "from_status": "status",
    "to_status": "status",
    "milestone": "milestone",
}

LABELS: Mapping[str, Mapping[str, str]] = {
    # Free-text fields, as staff know them (the code is the draft's attribute).
    "field": {
        "summary": "summary",
        "note": "note",
        "reason": "reason",
        "desired_outcome": "desired outcome",
        "transaction_ref": "transaction reference",
        "location": "location",
        "game": "game",
        "machine": "machine",
        "name": "guest's name",
        "phone": "phone number",
        "drinks": "drinks",
        "meals": "meals",
        "rooms": "rooms",
        "tables_games": "tables / games",
        "communication": "communication",
        "transfers": "transfers",
        "decision": "decision",
        "statement": "statement",
        "guest_note": "guest's note",
        "compensation_description": "compensation description",
        "compensation_conditions": "compensation conditions",
        "root_cause": "root cause",
        "impact": "impact",
        "measure": "measure",
        "review": "review",
        "staff_signature": "staff signature",
        "guest_signature": "guest's signature",
        "ttr_reference": "TTR reference",
    },
    # app.domain.Role values.
    "role": {
        "host": "host",
        "pit_boss": "pit boss",
        "vip_desk": "VIP desk",
        "concierge": "concierge",
        "duty_manager": "duty manager",
    },
    # app.permissions.Action values.
    "action": {
        "guest.view_card": "view a guest card",
        "guest.search": "search guests",
        "guest.lookup_card": "look up a loyalty card",
        "guest.list_own": "list their own guests",
        "guest.verify_code_word": "check a guest's code word",
        "guest.edit_preferences": "edit a guest's preferences",
        "guest.view_itinerary": "see a guest's itinerary",
        "guest.page": "page or announce a guest",
        "incident.open": "open an incident",
        "incident.view": "view incidents",
        "incident.view_amounts": "see incident amounts",
        "incident.change_status": "change an incident's status",
        "incident.assign": "assign an incident",
        "incident.record_milestone": "record an incident milestone",
        "incident.escalate": "escalate an incident",
        "incident.note": "add a note to an incident",
        "incident.sign_act": "sign an incident act",
        "act.read": "read a signed act",
        "compensation.offer": "offer compensation",
        "compensation.deliver": "mark a compensation delivered",
        "walkin.register": "register a walk-in",
        "session.end_others": "sign another staff member out of a locked console",
        "sync.review": "review the changes the helpdesk refused or set aside",
        "sync.resolve": "give up a change or override the helpdesk's value",
        "kpi.view": "see the property's KPIs",
        "kpi.strip": "see the floor's key figures",
        "report.sign_off": "sign off a post-incident report",
        "shift.handover": "write the shift handover",
    },
    # Milestones (app.domain.EventKind values of REACTED, DECIDED, STABILISED).
    "milestone": {
        "reacted": "reached the table",
        "decided": "decision taken",
        "stabilised": "stabilised",
    },
    # app.domain.IncidentStatus values.
    "status": {
        "new": "new",
        "in_progress": "in progress",
        "waiting": "waiting",
        "resolved": "resolved",
        "closed": "closed",
    },
}


def label(vocabulary: str, code: str) -> str:
    """The English label of ``code``; an unknown code reads as itself, ``_`` as spaces."""
    return LABELS[vocabulary].get(code, code.replace("_", " "))


def english(key: str, params: Mapping[str, object]) -> str:
    """The English text of ``key`` with ``params`` filled in (``KeyError`` if undeclared)."""
    template = ENGLISH[key]
    if isinstance(template, tuple):
        template = template[0] if params["count"] == 1 else template[1]
    values = {
        name: label(PARAM_VOCABULARY[name], str(value)) if name in PARAM_VOCABULARY else value
        for name, value in params.items()
    }
    return template.format_map(values)


def placeholders(template: Template) -> frozenset[str]:
    """The parameter names ``template`` uses (``{until}`` and ``{until:%Y}`` alike)."""
    texts = template if isinstance(template, tuple) else (template,)
    return frozenset(
        name for text in texts for _, name, _, _ in Formatter().parse(text) if name is not None
    )


@dataclass(frozen=True, slots=True)
class Message:
    """A reason the core shows without raising: a key of ``ENGLISH`` and its parameters."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def __str__(self) -> str:
        return english(self.key, self.params)


NOTES = (
    "note.act_signed",
    "note.report_signed",
    "note.report_signed_off",
    "note.photo_attached",
    "note.receipt_attached",
)


def read_note(text: str) -> Message | None:
    """The ``Message`` a note the console wrote holds (``NOTES``); None for staff's own."""
    for key in NOTES:
        template = ENGLISH[key]
        assert isinstance(template, str)
        pattern = "".join(
            re.escape(literal) + (f"(?P<{name}>.+?)" if name else "")
            for literal, name, _spec, _conv in Formatter().parse(template)
        )
        found = re.fullmatch(pattern, text)
        if found:
            return Message(key, found.groupdict())
    return None


class KeyedError(Exception):
    """An error with a key of ``ENGLISH`` and named parameters; ``str()`` is the English."""

    def __init__(self, key: str, /, **params: object) -> None:
        super().__init__(english(key, params))
        self.key = key
        self.params: dict[str, object] = params

    @property
    def message(self) -> Message:
        return Message(self.key, self.params)


__all__ = [
    "ENGLISH",
    "LABELS",
    "PARAM_VOCABULARY",
    "KeyedError",
    "Message",
    "NOTES",
    "read_note",
    "english",
    "label",
    "placeholders",
]
