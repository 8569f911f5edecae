"""``ActService``: record (render + sign), store, queue, upgrade, list acts. Qt-free.

``record_act`` and ``record_report`` block for ~0.1 s (render and sign): the UI calls
them through its executor (``AsyncOps.run``), never on the GUI thread. One act at a
time per console (a lock): reportlab's font subsetting is shared state, and act
numbers are counted per incident.

Each record is two units of work around the CPU work, so no write transaction is
held while rendering:

1. check the permission (``incident.sign_act``; ``compensation.offer`` too when a
   promise names no agreeing host), load the incident, guest and staff, build the
   content — a refusal keeps its audit row;
2. render, sign (PAdES B-B), write ``acts/<sha256>.pdf`` (write-once);
3. in one unit of work: the act and revision rows, a note on the incident's
   timeline, the attachment hash on the incident, the outbox rows (the note, and
   ``attachment.upload`` for the PDF), the audit row.
"""

import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from app.actor import Actor
from app.acts import content as act_content
from app.acts.lookups import (
    incident_or_raise,
    is_active_host,
    next_number,
    signer,
    staff_names,
)
from app.acts.model import (
    ActDraft,
    ActKind,
    ActRecord,
    ActRevision,
    GuestSignatureStatus,
    ReportDraft,
    SignatureLevel,
    SignOffDraft,
)
from app.acts.post_incident import resolved_at
from app.acts.revisions import ActRevisions, queue_upload
from app.acts.rules import (
    InvalidAct,
    check_act_draft,
    check_incentives,
    check_open,
    check_report_draft,
    check_sign_off,
)
from app.acts.signing import IdentityProvider, Signatory
from app.acts.store import ActFileStore
from app.acts.worker import ActWorker, InlineWorker, ProcessWorker, Signed
from app.clock import Clock
from app.domain import Guest, Incident, Role, Staff
from app.domain.incident import add_note
from app.messages import english
from app.permissions import Action, allowed
from app.ports import Store, UnitOfWork
from app.services import audit
from app.sync.enqueue import queue_incident_changes

_ROLE_LABELS = {
    Role.HOST: "Host",
    Role.PIT_BOSS: "Pit boss",
    Role.VIP_DESK: "VIP desk",
    Role.CONCIERGE: "Concierge",
    Role.DUTY_MANAGER: "Duty manager",
}


SIGN = Action.INCIDENT_SIGN_ACT
_NOTES = {
    ActKind.INCIDENT_ACT: "note.act_signed",
    ActKind.POST_INCIDENT_REPORT: "note.report_signed",
    ActKind.REPORT_SIGN_OFF: "note.report_signed_off",
}


@dataclass(frozen=True)
class Timings:
    render_s: float
    sign_s: float
    total_s: float  # the whole call: checks, both units of work, render, sign, file


@dataclass(frozen=True)
class RecordedAct:
    act: ActRecord
    revision: ActRevision
    pdf: bytes  # the signed PDF, in memory only: on the disk it is sealed
    timings: Timings


@dataclass(frozen=True)
class _Prepared:
    signed_at: datetime
    content: act_content.ActContent
    incident: Incident
    staff: Staff
    number: str
    kind: ActKind
    reviewed: str = ""  # a sign-off: the number of the report it reviews


class ActService(ActRevisions):
    def __init__(
        self,
        store: Store,
        clock: Clock,
        *,
        files: ActFileStore,
        identity: IdentityProvider,
        property_name: str,
        device_id: str,
        venue_tz: ZoneInfo,
        worker: ActWorker | None = None,
    ) -> None:
        super().__init__(store, clock)
        self.files = files
        self.identity = identity
        self.worker = worker or InlineWorker(identity)
        self._property = property_name
        self._device = device_id
        self._zone = venue_tz
        self._lock = threading.Lock()

    @classmethod
    def for_data_dir(
        cls,
        store: Store,
        clock: Clock,
        data_dir: Path,
        *,
        property_name: str,
        device_id: str,
        venue_tz: ZoneInfo,
        in_process: bool = False,
    ) -> "ActService":
        """The console's service: the tablet's key and certificate from its store
        (``app.acts.device_cert``), sealed files in ``<data_dir>/acts`` (plain ones left
        by an older console sealed now), rendering and signing in a child process
        unless ``in_process``."""
        identity = IdentityProvider.from_store(store, clock.now)
        files = ActFileStore.for_store(data_dir, store)
        files.seal_plain_files()
        return cls(
            store,
            clock,
            files=files,
            identity=identity,
            property_name=property_name,
            device_id=device_id,
            venue_tz=venue_tz,
            worker=InlineWorker(identity) if in_process else ProcessWorker(identity),
        )

    def warm_up(self) -> None:
        """Load fonts and start the signing child now (in the executor), not at the
        first act."""
        self.worker.warm_up()

    def close(self) -> None:
        self.worker.close()

    # Recording ---------------------------------------------------------------------------

    def record_act(self, actor: Actor, draft: ActDraft) -> RecordedAct:
        """Render, sign and store an incident act; queue its upload. Blocking."""
        started = time.perf_counter()
        check_act_draft(draft)
        with self._lock:
            key = self.identity.get().common_name  # no certificate: refused before anything
            prepared = self._run(lambda uow, now: self._prepare_act(uow, now, actor, draft, key))
            return self._finish(actor, prepared, draft.guest.status, started)

    def record_report(self, actor: Actor, draft: ReportDraft) -> RecordedAct:
        """Render, sign and store a post-incident report (P1/P2). Blocking."""
        started = time.perf_counter()
        with self._lock:
            key = self.identity.get().common_name
            prepared = self._run(lambda uow, now: self._prepare_report(uow, now, actor, draft, key))
            return self._finish(actor, prepared, None, started)

    def record_sign_off(self, actor: Actor, draft: SignOffDraft) -> RecordedAct:
        """Render, sign and store a duty manager's sign-off of a resolved incident's
        post-incident report; queue its upload. Blocking."""
        started = time.perf_counter()
        with self._lock:
            key = self.identity.get().common_name
            prepared = self._run(
                lambda uow, now: self._prepare_sign_off(uow, now, actor, draft, key)
            )
            return self._finish(actor, prepared, None, started)

    def _checked(
        self, uow: UnitOfWork, now: datetime, actor: Actor, action: Action, incident_id: str
    ) -> tuple[Incident, Guest | None]:
        """The incident and its guest, once ``actor`` may do ``action`` on them (a
        refusal audited)."""
        incident = incident_or_raise(uow, incident_id)
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        self._require(uow, actor, action, incident.id, now, guest)
        return incident, guest

    def _prepare_act(
        self, uow: UnitOfWork, now: datetime, actor: Actor, draft: ActDraft, key: str
    ) -> _Prepared:
        incident, guest = self._checked(
            uow, now, actor, Action.INCIDENT_SIGN_ACT, draft.incident_id
        )
        check_open(incident)
        check_incentives(draft.compensation, guest, now.astimezone(self._zone).date())
        names = staff_names(uow, incident, [p.agreed_by for p in draft.compensation])
        if draft.compensation and not allowed(actor, Action.COMPENSATION_OFFER, guest=guest):
            # A pit boss records what a host agreed; otherwise the offer needs the right.
            hosts = {s for s in names if is_active_host(uow, s)}
            if not all(p.agreed_by in hosts for p in draft.compensation):
                self._require(uow, actor, Action.COMPENSATION_OFFER, incident.id, now, guest)
        staff = signer(uow, actor)
        number = next_number(uow, incident, ActKind.INCIDENT_ACT)
        header = self._header(uow, incident, number, now, "A", key)
        content = act_content.incident_act_content(header, incident, guest, staff, names, draft)
        return _Prepared(
            now, content, incident, staff, header.number_provisional, ActKind.INCIDENT_ACT
        )

    def _prepare_report(
        self, uow: UnitOfWork, now: datetime, actor: Actor, draft: ReportDraft, key: str
    ) -> _Prepared:
        incident, guest = self._checked(
            uow, now, actor, Action.INCIDENT_SIGN_ACT, draft.incident_id
        )
        check_report_draft(draft, incident)
        names = staff_names(uow, incident, [])
        staff = signer(uow, actor)
        number = next_number(uow, incident, ActKind.POST_INCIDENT_REPORT)
        header = self._header(uow, incident, number, now, "R", key)
        acts = [a.number for a in uow.acts.for_incident(incident.id)]
        content = act_content.report_content(
            header, incident, guest, staff, names, draft, resolved_at(incident), acts
        )
        return _Prepared(
            now, content, incident, staff, header.number_provisional, ActKind.POST_INCIDENT_REPORT
        )

    def _prepare_sign_off(
        self, uow: UnitOfWork, now: datetime, actor: Actor, draft: SignOffDraft, key: str
    ) -> _Prepared:
        incident, guest = self._checked(uow, now, actor, Action.REPORT_SIGN_OFF, draft.incident_id)
        report = check_sign_off(draft, incident, uow.acts.for_incident(incident.id))
        reviewed = self._report_part(uow, report)
        names = staff_names(uow, incident, [report.created_by])
        staff = signer(uow, actor)
        number = next_number(uow, incident, ActKind.REPORT_SIGN_OFF)
        header = self._header(uow, incident, number, now, "S", key)
        content = act_content.sign_off_content(
            header, incident, guest, staff, names, draft, report, reviewed
        )
        kind = ActKind.REPORT_SIGN_OFF
        return _Prepared(
            now, content, incident, staff, header.number_provisional, kind, report.number
        )

    def _report_part(self, uow: UnitOfWork, report: ActRecord) -> Mapping[str, Any]:
        """What the report says (its ``act.json``, from its newest signed PDF, checked
        against the recorded hash): the sign-off carries what was signed off."""
        latest = uow.acts.latest_revision(report.id)
        if latest is None:
            raise InvalidAct("act.not_found", act_id=report.id)
        content = act_content.content_from_pdf(self.files.get(latest.sha256))
        if content.sha256 != report.content_sha256:
            raise InvalidAct("act.pdf_mismatch", number=report.number)
        return dict(content.plain["report"])

    def _finish(
        self,
        actor: Actor,
        prepared: _Prepared,
        guest_status: GuestSignatureStatus | None,
        started: float,
    ) -> RecordedAct:
        who = Signatory(
            staff_name=prepared.staff.name,
            staff_id=prepared.staff.id,
            role_label=_ROLE_LABELS.get(prepared.staff.role, prepared.staff.role.value),
            property_name=self._property,
            # The time the stamps state (act.json's created_at): one instant for both.
            signed_at=prepared.signed_at,
            zone=self._zone,
        )
        signed = self.worker.render_and_sign(prepared.content, who)
        pdf = signed.pdf
        sha = self.files.put(pdf)

        def store(uow: UnitOfWork, now: datetime) -> RecordedAct:
            act = ActRecord(
                id=prepared.content.act_id,
                incident_id=prepared.incident.id,
                kind=prepared.kind,
                number=prepared.number,
                created_at=now,
                created_by=actor.staff_id,
                device_id=actor.device_id,
                content_sha256=prepared.content.sha256,
                guest_status=guest_status,
            )
            revision = ActRevision(
                sha256=sha,
                act_id=act.id,
                incident_id=act.incident_id,
                seq=0,
                level=SignatureLevel.B_B,
                size=len(pdf),
                created_at=now,
            )
            uow.acts.add(act)
            uow.acts.add_revision(revision)
            self._link(uow, now, actor, act, sha, prepared.reviewed)
            audit.record(
                uow,
                actor,
                "act.record",
                act.id,
                at=now,
                detail=f"{act.kind.value} {act.number} {sha[:12]} B-B"
                + (f" guest:{guest_status.value}" if guest_status else ""),
            )
            return RecordedAct(act, revision, pdf, _timings(started, signed))

        return self._run(store)

    def _link(
        self, uow: UnitOfWork, now: datetime, actor: Actor, act: ActRecord, sha: str, reviewed: str
    ) -> None:
        """The act on the incident's timeline and attachments; its upload queued."""
        before = uow.incidents.by_id(act.incident_id)
        if before is not None:
            params = {"number": act.number, "sha": sha[:12], "report": reviewed}
            note = english(_NOTES[act.kind], params)
            after = add_note(before, note, actor.staff_id, now)
            if sha not in after.attachments:
                after = replace(after, attachments=(*after.attachments, sha))
            uow.incidents.save(after)
            queue_incident_changes(uow, before, after, actor, now)
        queue_upload(uow, act.incident_id, sha, actor.staff_id, now, actor.session_id)

    # Helpers -----------------------------------------------------------------------------

    def _header(
        self,
        uow: UnitOfWork,
        incident: Incident,
        number: int,
        now: datetime,
        letter: str,
        signer_key: str,
    ) -> act_content.Header:
        # The signed audit-chain head goes into the act: a later truncation of the
        # device's log is caught against this copy (docs/security.md).
        head = uow.audit.checkpoint()
        return act_content.Header(
            audit_head=None if head is None else head.to_json(),
            act_id=str(uuid.uuid4()),
            number_provisional=f"{incident.provisional_number}-{letter}{number}",
            number_final=f"{incident.number}-{letter}{number}" if incident.number else None,
            property_name=self._property,
            device_id=self._device,
            created_at=now,
            timezone=self._zone.key,
            signer_key=signer_key,
        )


def _timings(started: float, signed: Signed) -> Timings:
    return Timings(signed.render_s, signed.sign_s, time.perf_counter() - started)
