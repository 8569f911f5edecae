"""What an act must satisfy before it is rendered and signed (pure, table-testable).

* a decision, and the staff member's drawn signature;
* the guest's signature exactly when the guest signed; declining or absence recorded;
* every compensation promise with its conditions in writing (SPEC §6), a value that is
  not negative, and never free play or bonus play for a self-excluded or cooling-off
  guest (SPEC §4);
* the case still open: conditions are fixed in writing *before* it is closed;
* a duty manager's sign-off: the resolved incident's latest report, once;
* no full payment card number in any text the act carries (SPEC §3): once signed it
  could not be removed without breaking the signatures, so it is refused before, with
  the message every other field gives (``CardNumberRefused``, "text.card_number").
"""

from collections.abc import Sequence
from datetime import date

from app.acts.model import (
    ActDraft,
    ActKind,
    ActRecord,
    CompensationPromise,
    GuestSignatureStatus,
    ReportDraft,
    SignOffDraft,
)
from app.acts.strokes import MAX_POINTS, DrawnSignature
from app.domain import Guest, Incident, IncidentStatus, Priority
from app.domain.enums import EventKind
from app.services.errors import ServiceError
from app.services.validation import ensure_no_card_number

MAX_TEXT = 4000
MAX_PROMISES = 12
MAX_MEASURES = 20
REPORT_PRIORITIES = frozenset({Priority.P1, Priority.P2})
_PRIORITY_VALUES = frozenset(p.value for p in Priority)


class InvalidAct(ServiceError):
    """A draft the console refuses to sign, with what to fix."""


def check_text(text: str, field: str, *, required: bool = False) -> None:
    """``field`` is the field's code (``app.messages.LABELS["field"]``)."""
    if required and not text.strip():
        raise InvalidAct("text.required", field=field)
    if len(text) > MAX_TEXT:
        raise InvalidAct("text.too_long", field=field, length=len(text), max_len=MAX_TEXT)
    ensure_no_card_number(text, field)


def check_drawing(drawing: DrawnSignature | None, field: str) -> None:
    if drawing is None or drawing.is_empty:
        raise InvalidAct("act.signature_missing", field=field)
    if drawing.point_count > MAX_POINTS or drawing.width <= 0 or drawing.height <= 0:
        raise InvalidAct("act.signature_unusable", field=field)


def check_act_draft(draft: ActDraft) -> None:
    check_text(draft.decision, "decision", required=True)
    check_text(draft.statement, "statement")
    check_drawing(draft.staff_signature, "staff_signature")
    guest = draft.guest
    check_text(guest.note, "guest_note")
    if guest.status is GuestSignatureStatus.SIGNED:
        check_drawing(guest.drawing, "guest_signature")
    elif guest.drawing is not None and not guest.drawing.is_empty:
        raise InvalidAct("act.unsigned_guest_drawing")
    if len(draft.compensation) > MAX_PROMISES:
        raise InvalidAct("act.too_many_promises", max_count=MAX_PROMISES)
    for promise in draft.compensation:
        check_promise(promise)


def check_promise(promise: CompensationPromise) -> None:
    check_text(promise.description, "compensation_description", required=True)
    # SPEC §6: "All conditions are fixed in writing before the case is closed."
    check_text(promise.conditions, "compensation_conditions", required=True)
    if promise.value is not None and promise.value < 0:
        raise InvalidAct("act.negative_value")


def check_incentives(
    promises: tuple[CompensationPromise, ...], guest: Guest | None, today: date
) -> None:
    """Free play / bonus play is never offered to a self-excluded or cooling-off guest."""
    if guest is None or not guest.rg.incentives_blocked(today):
        return
    if any(p.kind.is_play_incentive for p in promises):
        raise InvalidAct("act.no_play_incentives")


def check_open(incident: Incident) -> None:
    if incident.status is IncidentStatus.CLOSED:
        raise InvalidAct("act.case_closed", number=incident.display_number)


def ever_priorities(incident: Incident) -> set[Priority]:
    """The incident's priority now and every priority it had before."""
    seen = {incident.priority}
    for event in incident.events:
        if event.kind is EventKind.PRIORITY_CHANGED:
            for value in (event.from_value, event.to_value):
                if value in _PRIORITY_VALUES:
                    seen.add(Priority(value))
    return seen


def check_report_draft(draft: ReportDraft, incident: Incident) -> None:
    if not ever_priorities(incident) & REPORT_PRIORITIES:
        raise InvalidAct("act.report_priority")
    check_text(draft.root_cause, "root_cause", required=True)
    check_text(draft.impact, "impact")
    measures = [m for m in draft.measures if m.strip()]
    if not measures:
        raise InvalidAct("act.report_no_measure")
    if len(measures) > MAX_MEASURES:
        raise InvalidAct("act.too_many_measures", max_count=MAX_MEASURES)
    for measure in measures:
        check_text(measure, "measure")
    check_drawing(draft.staff_signature, "staff_signature")


def latest_report(acts: Sequence[ActRecord]) -> ActRecord | None:
    """An incident's latest post-incident report: a corrected report supersedes the first."""
    reports = [a for a in acts if a.kind is ActKind.POST_INCIDENT_REPORT]
    return max(reports, key=lambda r: (r.created_at, r.number)) if reports else None


def sign_off_of(report: ActRecord, acts: Sequence[ActRecord]) -> ActRecord | None:
    """The sign-off recorded for ``report`` (one made after it), if any."""
    return next(
        (
            a
            for a in acts
            if a.kind is ActKind.REPORT_SIGN_OFF and a.created_at >= report.created_at
        ),
        None,
    )


def check_sign_off(draft: SignOffDraft, incident: Incident, acts: Sequence[ActRecord]) -> ActRecord:
    """The report ``draft`` reviews: the resolved incident's latest report, not signed off
    yet; a review and a signature. ``acts``: the incident's acts in the store."""
    if incident.status.is_open:
        raise InvalidAct("act.sign_off_open", number=incident.display_number)
    latest = latest_report(acts)
    reports = {a.id for a in acts if a.kind is ActKind.POST_INCIDENT_REPORT}
    if latest is None or draft.report_act_id not in reports:
        raise InvalidAct("act.sign_off_no_report", number=incident.display_number)
    if draft.report_act_id != latest.id:
        raise InvalidAct("act.sign_off_superseded", latest=latest.number)
    done = sign_off_of(latest, acts)
    if done is not None:
        raise InvalidAct("act.already_signed_off", report=latest.number, number=done.number)
    check_text(draft.review, "review", required=True)
    check_drawing(draft.staff_signature, "staff_signature")
    return latest
