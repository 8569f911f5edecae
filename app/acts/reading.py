"""Reading acts: the list per incident, a PDF, the guest's paper copy, reports due.

``ActService`` inherits these; they need only the store, the clock and the files.

An act states the incident's amount, its transaction reference and the compensation
promised, and it cannot be redacted without breaking its signatures (a copy laid out
without them would carry a QR code and hash no signed file has). So the PDF and its
copies (view, print) go only to roles that may see incident amounts
(``incident.view_amounts``); a concierge gets the list of acts, not their pages.
"""

from dataclasses import dataclass
from datetime import datetime

from app.actor import Actor
from app.acts.content import ActContent, content_from_pdf
from app.acts.document import layout_act
from app.acts.layout import PageLayout
from app.acts.model import ActKind, ActRecord, ActRevision
from app.acts.post_incident import (
    LOOKBACK,
    AwaitingSignOff,
    DueReport,
    awaiting_sign_off,
    due_reports,
)
from app.acts.rules import InvalidAct
from app.acts.store import ActFileStore
from app.permissions import Action
from app.ports import UnitOfWork
from app.services import audit
from app.services.base import AuditedService


@dataclass(frozen=True)
class GuestCopy:
    """What the paper copy shows: the act's pages, and which signed file they come from."""

    act: ActRecord
    revision: ActRevision
    content: ActContent
    layout: PageLayout


class ActReading(AuditedService):
    files: ActFileStore

    def acts_for_incident(
        self, actor: Actor, incident_id: str
    ) -> list[tuple[ActRecord, ActRevision]]:
        """The incident's acts, each with its newest revision."""

        def work(uow: UnitOfWork, now: datetime) -> list[tuple[ActRecord, ActRevision]]:
            self._require(uow, actor, Action.INCIDENT_VIEW, incident_id, now)
            found = []
            for act in uow.acts.for_incident(incident_id):
                latest = uow.acts.latest_revision(act.id)
                if latest is not None:
                    found.append((act, latest))
            return found

        return self._run(work)

    def pdf(self, actor: Actor, act_id: str) -> bytes:
        """The newest revision of an act (checked against its hash); audited."""

        def work(uow: UnitOfWork, now: datetime) -> str:
            self._require_pages(uow, actor, act_id, now)
            latest = uow.acts.latest_revision(act_id)
            if latest is None:
                raise InvalidAct("act.not_found", act_id=act_id)
            audit.record(uow, actor, "act.view", act_id, at=now, detail=latest.sha256[:12])
            return latest.sha256

        return self.files.get(self._run(work))

    def _require_pages(self, uow: UnitOfWork, actor: Actor, act_id: str, now: datetime) -> None:
        """An act's pages show amounts and compensation: both rights, each refusal audited."""
        self._require(uow, actor, Action.INCIDENT_VIEW, act_id, now)
        self._require(uow, actor, Action.INCIDENT_VIEW_AMOUNTS, act_id, now)

    def due_reports(self, actor: Actor) -> list[DueReport]:
        """P1/P2 incidents resolved without a post-incident report, most urgent first."""
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            self._require(uow, actor, Action.INCIDENT_VIEW, "post-incident-reports", now)
            ids = uow.acts.report_candidates(now - LOOKBACK)
            incidents = [i for i in (uow.incidents.by_id(x) for x in ids) if i is not None]
        return due_reports(incidents, (), now)

    def reports_to_sign_off(self, actor: Actor) -> list[AwaitingSignOff]:
        """Post-incident reports of resolved incidents filed in the last two weeks and
        not signed off yet, oldest report first: the duty manager's list."""
        now = self._clock.now()
        with self._store.unit_of_work() as uow:
            self._require(uow, actor, Action.REPORT_SIGN_OFF, "post-incident-reports", now)
            waiting: dict[str, AwaitingSignOff] = {}
            for report in uow.acts.of_kind_since(ActKind.POST_INCIDENT_REPORT, now - LOOKBACK):
                incident = uow.incidents.by_id(report.incident_id)
                if incident is None or incident.id in waiting:
                    continue
                found = awaiting_sign_off(incident, uow.acts.for_incident(incident.id))
                if found is not None:
                    waiting[incident.id] = found
        return sorted(waiting.values(), key=lambda w: (w.report.created_at, w.number))

    def guest_copy(self, actor: Actor, act_id: str) -> GuestCopy:
        """The act laid out again from the ``act.json`` inside its newest signed PDF, to
        print for the guest (audited ``act.copy``)."""
        return self._copy(actor, act_id, "act.copy")

    def view_copy(self, actor: Actor, act_id: str) -> GuestCopy:
        """The same pages, to read on the screen (audited ``act.view``)."""
        return self._copy(actor, act_id, "act.view")

    def _copy(self, actor: Actor, act_id: str, action: str) -> GuestCopy:
        def work(uow: UnitOfWork, now: datetime) -> tuple[ActRecord, ActRevision]:
            self._require_pages(uow, actor, act_id, now)
            act = uow.acts.by_id(act_id)
            latest = uow.acts.latest_revision(act_id)
            if act is None or latest is None:
                raise InvalidAct("act.not_found", act_id=act_id)
            audit.record(uow, actor, action, act_id, at=now, detail=latest.sha256[:12])
            return act, latest

        act, latest = self._run(work)
        content = content_from_pdf(self.files.get(latest.sha256))
        if content.sha256 != act.content_sha256:
            raise InvalidAct("act.pdf_mismatch", number=act.number)
        return GuestCopy(act, latest, content, layout_act(content))
