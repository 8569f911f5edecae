"""The core's messages in the staff's language.

The core raises ``KeyedError``s and hands over ``Message``s (``app.messages``): a
stable key and named parameters, with an English ``str()`` for logs. Here each key
has its text, translated in the ``CoreMessages`` context, and each coded parameter
(a field, a role, an action, a status) its label in ``CoreLabels``; the parameters
are filled in after translation, so a translator moves ``{field}`` where French puts
it. A test checks every key and code of the core is mapped here.

A form names its own fields: ``error_text(error, fields)`` takes the form's labels by
field code (``{"summary": self.tr("Request")}``), so a refusal names the field the way
the staff member sees it; a code the form does not name reads as the core's label.
Dates and times read the staff member's way (``ui.locale_format``), never in ISO.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QObject

from app.messages import PARAM_VOCABULARY, KeyedError, Message
from ui.core_labels import labels
from ui.locale_format import format_date, format_datetime

log = logging.getLogger(__name__)

FieldNames = Mapping[str, str]  # field code -> the form's label for it


def error_text(item: KeyedError | Message, fields: FieldNames | None = None) -> str:
    """What to show for a refusal or a reason from the core, translated; ``fields``: the
    form's own labels by field code (``{"summary": self.tr("Request")}``)."""
    return message_text(item.key, item.params, fallback=str(item), fields=fields)


def message_text(
    key: str, params: Mapping[str, object], fallback: str = "", fields: FieldNames | None = None
) -> str:
    count = params.get("count", 0)
    template = templates(count if isinstance(count, int) else 0).get(key)
    if template is None:  # a key the core added without its translation (see tests)
        log.warning("no translation for core message %s", key)
        return fallback or key
    values = {name: _value(name, value, fields or {}) for name, value in params.items()}
    return template.format_map(values)


def in_sentence(label: str) -> str:
    """A form's label as it reads inside a sentence: ``Request:`` -> ``request``;
    ``TTR reference`` keeps its capitals."""
    text = label.strip().rstrip(":").strip()
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _value(name: str, value: object, fields: FieldNames) -> str:
    if name == "field" and str(value) in fields:
        return in_sentence(fields[str(value)])
    vocabulary = PARAM_VOCABULARY.get(name)
    if vocabulary is not None:
        return labels()[vocabulary].get(str(value), str(value).replace("_", " "))
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    return str(value)


class CoreMessages(QObject):
    """The messages with plural forms: lupdate reads ``%n`` forms from ``self.tr`` calls,
    not from ``translate``, so they live on a QObject named after their context."""

    def plurals(self, n: int) -> dict[str, str]:
        return {
            "auth.sign_in_failed": self.tr(
                "Staff id or PIN not recognised. %n attempt(s) left before the account is locked.",
                "",
                n,
            ),
            "auth.code_required": self.tr(
                "Enter your authenticator code. %n attempt(s) left.", "", n
            ),
            "auth.code_refused": self.tr(
                "Authenticator code not accepted. %n attempt(s) left.", "", n
            ),
        }


def templates(n: int = 0) -> dict[str, str]:
    """Every core message by key; ``n`` picks the plural form of ``%n`` messages."""
    from ui.updates.texts import update_templates

    return {
        **CoreMessages().plurals(n),
        **update_templates(),
        "auth.account_locked": QCoreApplication.translate(
            "CoreMessages", "Too many wrong PINs: sign-in is locked until {locked_until}."
        ),
        "permission.not_in_role": QCoreApplication.translate(
            "CoreMessages", "A {role} may not {action}: not part of this role."
        ),
        "permission.not_your_guest": QCoreApplication.translate(
            "CoreMessages",
            "A {role} may not {action}: the guest belongs to another host "
            "and you are not covering for them.",
        ),
        "permission.itinerary_hidden": QCoreApplication.translate(
            "CoreMessages",
            "A {role} may not {action}: the itinerary of this guest is not disclosed to you "
            "(quiet visit or role).",
        ),
        "permission.quiet_visit_no_paging": QCoreApplication.translate(
            "CoreMessages",
            "A {role} may not {action}: quiet visit: no public paging or announcements; "
            "contact through the host or a messenger.",
        ),
        "guest.card_not_found": QCoreApplication.translate(
            "CoreMessages", "No guest found for card {card}. Register them as a walk-in?"
        ),
        "guest.not_found": QCoreApplication.translate(
            "CoreMessages", "No guest {guest_id} in the local store."
        ),
        "guest.no_code_word": QCoreApplication.translate(
            "CoreMessages", "This guest has no code word on file; identify them another way."
        ),
        "text.required": QCoreApplication.translate("CoreMessages", "The {field} is required."),
        "text.too_long": QCoreApplication.translate(
            "CoreMessages", "The {field} is too long ({length} characters, max {max_len})."
        ),
        "text.card_number": QCoreApplication.translate(
            "CoreMessages",
            "The {field} seems to contain a full payment card number. "
            "Staff never ask for or write down card numbers: remove it. "
            "A masked form such as 411111******1111 is fine; "
            "write a phone number with its + country code.",
        ),
        "text.phone_format": QCoreApplication.translate(
            "CoreMessages", "Write the phone number with its + country code."
        ),
        "text.too_many_entries": QCoreApplication.translate(
            "CoreMessages", "Too many entries for {field} ({entries}, max {max_entries})."
        ),
        "swipe.empty": QCoreApplication.translate(
            "CoreMessages", "Nothing was read from the card."
        ),
        "swipe.unreadable": QCoreApplication.translate(
            "CoreMessages", "The card could not be read; swipe it again."
        ),
        "swipe.tracks_disagree": QCoreApplication.translate(
            "CoreMessages", "The card's tracks disagree; swipe it again."
        ),
        "swipe.not_loyalty_format": QCoreApplication.translate(
            "CoreMessages",
            "Not a loyalty card: loyalty numbers have {min_digits}-{max_digits} digits "
            "and start with {prefix}.",
        ),
        "swipe.payment_card": QCoreApplication.translate(
            "CoreMessages",
            "This looks like a payment card — staff never take card numbers. "
            "Nothing was read or stored; ask for the loyalty card.",
        ),
        "staff.language_code": QCoreApplication.translate(
            "CoreMessages", "{language} is not a language code (two letters, such as fr)."
        ),
        "note.act_signed": QCoreApplication.translate(
            "CoreMessages", "Act {number} signed (PDF {sha})"
        ),
        "note.report_signed": QCoreApplication.translate(
            "CoreMessages", "Post-incident report {number} signed (PDF {sha})"
        ),
        "note.report_signed_off": QCoreApplication.translate(
            "CoreMessages", "Post-incident report {report} signed off: {number} (PDF {sha})"
        ),
        "note.photo_attached": QCoreApplication.translate("CoreMessages", "Photo attached ({sha})"),
        "note.receipt_attached": QCoreApplication.translate(
            "CoreMessages", "Receipt attached ({sha})"
        ),
        "walkin.card_taken": QCoreApplication.translate(
            "CoreMessages", "Card {card} already belongs to a guest: search for it."
        ),
        "walkin.not_a_host": QCoreApplication.translate(
            "CoreMessages", "{host_id} is not an active host."
        ),
        "incident.not_found": QCoreApplication.translate(
            "CoreMessages", "No incident {incident_id} in the local store."
        ),
        "incident.negative_amount": QCoreApplication.translate(
            "CoreMessages", "An amount cannot be negative."
        ),
        "incident.unknown_table": QCoreApplication.translate(
            "CoreMessages", "No table {table_id} on this floor."
        ),
        "incident.guest_missing": QCoreApplication.translate(
            "CoreMessages", "The guest on this incident is not in the local store."
        ),
        "incident.transition": QCoreApplication.translate(
            "CoreMessages", "An incident cannot move from {from_status} to {to_status}."
        ),
        "incident.not_a_milestone": QCoreApplication.translate(
            "CoreMessages",
            "Only reaching the table, a decision and stabilising are milestones.",
        ),
        "incident.escalation_level": QCoreApplication.translate(
            "CoreMessages", "There is no escalation level {level}: levels run from L1 to L4."
        ),
        "incident.empty_note": QCoreApplication.translate(
            "CoreMessages", "A note cannot be empty."
        ),
        "incident.not_open": QCoreApplication.translate(
            "CoreMessages", "Incident {number} is resolved or closed: reopen it first."
        ),
        "incident.milestone_recorded": QCoreApplication.translate(
            "CoreMessages", "Already recorded: {milestone}."
        ),
        "kpis.empty_window": QCoreApplication.translate(
            "CoreMessages", "The period is empty: its end must come after its start."
        ),
        "incident.satisfaction_open": QCoreApplication.translate(
            "CoreMessages", "Incident {number} is not resolved: the guest is asked on resolve."
        ),
        "incident.satisfaction_recorded": QCoreApplication.translate(
            "CoreMessages", "The guest's satisfaction is already recorded for this resolution."
        ),
        "incident.escalation_not_higher": QCoreApplication.translate(
            "CoreMessages",
            "The incident is already at {current}: it can only be escalated above it, "
            "not to {level}.",
        ),
        "attachment.empty": QCoreApplication.translate(
            "CoreMessages", "Nothing to attach: the file is empty."
        ),
        "attachment.too_large": QCoreApplication.translate(
            "CoreMessages", "The file is {size_mb} MB; an attachment is at most {max_mb} MB."
        ),
        "attachment.unsupported": QCoreApplication.translate(
            "CoreMessages", "Attach a photo (JPEG or PNG) or a receipt (PDF, JPEG or PNG)."
        ),
        "recovery.nothing_chosen": QCoreApplication.translate(
            "CoreMessages", "Choose at least one item to promise."
        ),
        "recovery.no_guest": QCoreApplication.translate(
            "CoreMessages", "Service recovery needs the guest on the incident."
        ),
        "recovery.unknown_promise": QCoreApplication.translate(
            "CoreMessages", "Incident {number} has no such promise: nothing was marked delivered."
        ),
        "recovery.already_delivered": QCoreApplication.translate(
            "CoreMessages", "This promise on incident {number} is already marked delivered."
        ),
        "recovery.self_excluded": QCoreApplication.translate(
            "CoreMessages", "The guest is self-excluded: play incentives are never offered."
        ),
        "recovery.cooling_off": QCoreApplication.translate(
            "CoreMessages",
            "The guest is cooling off until {until}: play incentives are never offered.",
        ),
        "card.self_excluded": QCoreApplication.translate(
            "CoreMessages", "Self-excluded: never offer free play or bonus play."
        ),
        "card.cooling_off": QCoreApplication.translate(
            "CoreMessages", "Cooling-off until {until}: never offer free play or bonus play."
        ),
        "card.quiet_visit_paging": QCoreApplication.translate(
            "CoreMessages",
            "Quiet visit: no public paging or announcements; "
            "contact through the host or a messenger.",
        ),
        "act.signature_missing": QCoreApplication.translate(
            "CoreMessages", "The {field} is missing: sign on the pad."
        ),
        "act.signature_unusable": QCoreApplication.translate(
            "CoreMessages", "The {field} is not a drawing the act can hold."
        ),
        "act.signature_too_long": QCoreApplication.translate(
            "CoreMessages", "A signature has at most {max_points} points."
        ),
        "act.unsigned_guest_drawing": QCoreApplication.translate(
            "CoreMessages", "A guest who did not sign has no drawn signature on the act."
        ),
        "act.too_many_promises": QCoreApplication.translate(
            "CoreMessages", "At most {max_count} compensation lines on one act."
        ),
        "act.negative_value": QCoreApplication.translate(
            "CoreMessages", "A compensation value cannot be negative."
        ),
        "act.no_play_incentives": QCoreApplication.translate(
            "CoreMessages",
            "This guest is self-excluded or cooling off: never offer free play or bonus play. "
            "Choose another form of service recovery.",
        ),
        "act.case_closed": QCoreApplication.translate(
            "CoreMessages",
            "Incident {number} is closed: an act is fixed in writing before the case is "
            "closed. Reopen it first.",
        ),
        "act.report_priority": QCoreApplication.translate(
            "CoreMessages", "Post-incident reports are for P1 and P2 incidents."
        ),
        "act.report_no_measure": QCoreApplication.translate(
            "CoreMessages", "A post-incident report names at least one measure."
        ),
        "act.too_many_measures": QCoreApplication.translate(
            "CoreMessages", "At most {max_count} measures in one report."
        ),
        "act.sign_off_open": QCoreApplication.translate(
            "CoreMessages",
            "Incident {number} is still open: a post-incident report is signed off once the "
            "incident is resolved.",
        ),
        "act.sign_off_no_report": QCoreApplication.translate(
            "CoreMessages", "Incident {number} has no post-incident report to sign off."
        ),
        "act.already_signed_off": QCoreApplication.translate(
            "CoreMessages", "Report {report} is already signed off ({number})."
        ),
        "act.sign_off_superseded": QCoreApplication.translate(
            "CoreMessages", "A newer report replaces this one: sign off {latest}."
        ),
        "act.not_found": QCoreApplication.translate(
            "CoreMessages", "No act {act_id} in the local store."
        ),
        "act.pdf_mismatch": QCoreApplication.translate(
            "CoreMessages", "Act {number}: its PDF does not hold the recorded content."
        ),
        "act.no_certificate": QCoreApplication.translate(
            "CoreMessages",
            "This tablet has no act-signing certificate yet: the helpdesk issues one once IT "
            "has provisioned the tablet and it is online.",
        ),
        "act.certificate_expired": QCoreApplication.translate(
            "CoreMessages",
            "This tablet's act-signing certificate expired on {until}: it is renewed when the "
            "tablet reaches the helpdesk.",
        ),
        "act.key_unreadable": QCoreApplication.translate(
            "CoreMessages", "This tablet's act-signing key cannot be read: call IT."
        ),
        "sync.review_item_gone": QCoreApplication.translate(
            "CoreMessages", "This change was settled meanwhile: the list is up to date now."
        ),
        "sync.discard.incident_stays": QCoreApplication.translate(
            "CoreMessages",
            "The incident stays on this tablet only and never reaches the helpdesk; "
            "its later changes waiting to be sent ({count}) are discarded too.",
        ),
        "sync.discard.change_undone": QCoreApplication.translate(
            "CoreMessages", "Your change is undone on this tablet."
        ),
        "sync.discard.entry_stays": QCoreApplication.translate(
            "CoreMessages",
            "The timeline entry stays on this tablet only; the helpdesk never receives it.",
        ),
        "sync.discard.document_stays": QCoreApplication.translate(
            "CoreMessages",
            "The signed document stays on this tablet; the helpdesk will not have a copy.",
        ),
        "sync.discard.walk_in_removed": QCoreApplication.translate(
            "CoreMessages", "The walk-in is removed from this tablet."
        ),
        "sync.discard.walk_in_stays": QCoreApplication.translate(
            "CoreMessages",
            "The walk-in stays on this tablet only: incidents here name them ({count}).",
        ),
        "sync.discard.preferences_stay": QCoreApplication.translate(
            "CoreMessages",
            "Your preference change stays on this tablet until the helpdesk sends this guest "
            "again.",
        ),
        "sync.discard.nothing_here": QCoreApplication.translate(
            "CoreMessages", "Nothing on this tablet depends on it."
        ),
    }
