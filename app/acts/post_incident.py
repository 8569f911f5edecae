"""Post-incident reports (SPEC §6): every P1/P2 incident needs one within 24 h.

The clock starts when the incident is first resolved (its first move to Resolved or
Closed): before that the root cause is rarely known, and the SLA engine already
watches open incidents. An incident that was P1 or P2 at any time counts, even if it
was downgraded later. A report filed for the incident settles it.

``due_reports`` is pure: the service feeds it the candidates from the store (see
``ActRepository.report_candidates``) and the board shows the result.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.acts.model import ActRecord
from app.acts.rules import REPORT_PRIORITIES, ever_priorities, latest_report, sign_off_of
from app.domain import Incident, IncidentStatus
from app.domain.enums import EventKind

REPORT_WINDOW = timedelta(hours=24)
LOOKBACK = timedelta(days=14)  # resolved longer ago than this: off the board
_RESOLVED = (IncidentStatus.RESOLVED.value, IncidentStatus.CLOSED.value)


@dataclass(frozen=True, slots=True)
class DueReport:
    incident_id: str
    number: str  # the ticket number, or the provisional one
    priority: str  # the highest it ever had
    resolved_at: datetime
    due_at: datetime
    overdue: bool
    provisional: bool = False  # ``number`` is the console's until the helpdesk's arrives

    def remaining(self, now: datetime) -> timedelta:
        return self.due_at - now


@dataclass(frozen=True, slots=True)
class ReportSummary:
    """What the board shows: a count and the most urgent report."""

    due: int
    overdue: int
    next_due: DueReport | None

    @property
    def any(self) -> bool:
        return self.due > 0


def resolved_at(incident: Incident) -> datetime | None:
    """When the incident first moved to Resolved or Closed."""
    for event in incident.events:
        if event.kind is EventKind.STATUS_CHANGED and event.to_value in _RESOLVED:
            return event.at
    return None


def due_reports(
    incidents: Iterable[Incident], reported: Iterable[str], now: datetime
) -> list[DueReport]:
    """Reports owed for ``incidents`` (minus those in ``reported``), most urgent first."""
    done = set(reported)
    due: list[DueReport] = []
    for incident in incidents:
        if incident.id in done or incident.status.is_open:
            continue
        priorities = ever_priorities(incident) & REPORT_PRIORITIES
        if not priorities:
            continue
        resolved = resolved_at(incident)
        if resolved is None or now - resolved > LOOKBACK:
            continue
        deadline = resolved + REPORT_WINDOW
        due.append(
            DueReport(
                incident_id=incident.id,
                number=incident.display_number,
                priority=min(p.value for p in priorities),
                resolved_at=resolved,
                due_at=deadline,
                overdue=now > deadline,
                provisional=incident.number is None,
            )
        )
    due.sort(key=lambda report: (report.due_at, report.number))
    return due


@dataclass(frozen=True, slots=True)
class AwaitingSignOff:
    """A resolved incident's latest post-incident report that no duty manager has
    signed off yet."""

    incident_id: str
    number: str  # the ticket number, or the provisional one
    priority: str
    report: ActRecord
    provisional: bool = False  # ``number`` is the console's until the helpdesk's arrives

    @property
    def ticket(self) -> str | None:
        """The helpdesk's ticket number; None while only the provisional one is known."""
        return None if self.provisional else self.number


def awaiting_sign_off(incident: Incident, acts: Iterable[ActRecord]) -> AwaitingSignOff | None:
    """``incident``'s report to sign off (see ``app.acts.rules.check_sign_off``), if any."""
    mine = [a for a in acts if a.incident_id == incident.id]
    latest = latest_report(mine)
    if incident.status.is_open or latest is None or sign_off_of(latest, mine) is not None:
        return None
    return AwaitingSignOff(
        incident.id,
        incident.display_number,
        incident.priority.value,
        latest,
        provisional=incident.number is None,
    )


def summarise(reports: list[DueReport]) -> ReportSummary:
    return ReportSummary(
        due=len(reports),
        overdue=sum(1 for r in reports if r.overdue),
        next_due=reports[0] if reports else None,
    )
