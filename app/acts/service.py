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
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509

from app.actor import Actor
from app.acts import content as act_content
from app.acts.model import (
    ActDraft,
    ActKind,
    ActRecord,
    ActRevision,
    GuestSignatureStatus,
    ReportDraft,
    SignatureLevel,
)
from app.acts.post_incident import resolved_at
from app.acts.reading import ActReading
from app.acts.rules import (
    check_act_draft,
    check_incentives,
    check_open,
    check_report_draft,
)
from app.acts.signing import IdentityProvider, Signatory, pem_body
from app.acts.store import STORED_IN, ActFileStore
from app.acts.worker import ActWorker, InlineWorker, ProcessWorker, Signed
from app.clock import Clock
from app.domain import Incident, Role, Staff
from app.domain.incident import add_note
from app.messages import english
from app.permissions import Action, allowed
from app.ports import AuditEntry, Store, UnitOfWork
from app.services import audit
from app.services.incidents import IncidentNotFound
from app.sync.enqueue import queue_incident_changes
from app.sync.outbox import OutboxKind

_ROLE_LABELS = {
    Role.HOST: "Host",
    Role.PIT_BOSS: "Pit boss",
    Role.VIP_DESK: "VIP desk",
    Role.CONCIERGE: "Concierge",
    Role.DUTY_MANAGER: "Duty manager",
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


class ActService(ActReading):
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

    def _prepare_act(
        self, uow: UnitOfWork, now: datetime, actor: Actor, draft: ActDraft, key: str
    ) -> _Prepared:
        incident = self._incident(uow, draft.incident_id)
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        self._require(uow, actor, Action.INCIDENT_SIGN_ACT, incident.id, now, guest)
        check_open(incident)
        check_incentives(draft.compensation, guest, now.astimezone(self._zone).date())
        names = self._staff_names(uow, incident, [p.agreed_by for p in draft.compensation])
        if draft.compensation and not allowed(actor, Action.COMPENSATION_OFFER, guest=guest):
            # A pit boss records what a host agreed; otherwise the offer needs the right.
            hosts = {s for s in names if self._is_host(uow, s)}
            if not all(p.agreed_by in hosts for p in draft.compensation):
                self._require(uow, actor, Action.COMPENSATION_OFFER, incident.id, now, guest)
        staff = self._staff(uow, actor)
        number = self._number(uow, incident, ActKind.INCIDENT_ACT)
        header = self._header(uow, incident, number, now, "A", key)
        content = act_content.incident_act_content(header, incident, guest, staff, names, draft)
        return _Prepared(
            now, content, incident, staff, header.number_provisional, ActKind.INCIDENT_ACT
        )

    def _prepare_report(
        self, uow: UnitOfWork, now: datetime, actor: Actor, draft: ReportDraft, key: str
    ) -> _Prepared:
        incident = self._incident(uow, draft.incident_id)
        guest = uow.guests.by_id(incident.guest_id) if incident.guest_id else None
        self._require(uow, actor, Action.INCIDENT_SIGN_ACT, incident.id, now, guest)
        check_report_draft(draft, incident)
        names = self._staff_names(uow, incident, [])
        staff = self._staff(uow, actor)
        number = self._number(uow, incident, ActKind.POST_INCIDENT_REPORT)
        header = self._header(uow, incident, number, now, "R", key)
        acts = [a.number for a in uow.acts.for_incident(incident.id)]
        content = act_content.report_content(
            header, incident, guest, staff, names, draft, resolved_at(incident), acts
        )
        return _Prepared(
            now, content, incident, staff, header.number_provisional, ActKind.POST_INCIDENT_REPORT
        )

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
            self._link(uow, now, actor, act, sha)
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

    def _link(self, uow: UnitOfWork, now: datetime, actor: Actor, act: ActRecord, sha: str) -> None:
        """The act on the incident's timeline and attachments; its upload queued."""
        before = uow.incidents.by_id(act.incident_id)
        if before is not None:
            key = "note.act_signed" if act.kind is ActKind.INCIDENT_ACT else "note.report_signed"
            note = english(key, {"number": act.number, "sha": sha[:12]})
            after = add_note(before, note, actor.staff_id, now)
            if sha not in after.attachments:
                after = replace(after, attachments=(*after.attachments, sha))
            uow.incidents.save(after)
            queue_incident_changes(uow, before, after, actor, now)
        self._queue_upload(uow, act.incident_id, sha, actor.staff_id, now, actor.session_id)

    def _queue_upload(
        self,
        uow: UnitOfWork,
        incident_id: str,
        sha: str,
        staff_id: str,
        now: datetime,
        session_id: str,
    ) -> None:
        uow.outbox.enqueue(
            OutboxKind.ATTACHMENT_UPLOAD,
            incident_id,
            {"sha256": sha, "stored": STORED_IN, "content_type": "application/pdf"},
            actor_id=staff_id,
            at=now,
            session_id=session_id,
        )

    # Upgrades (see app.acts.online) ------------------------------------------------------

    def upgrade_trust_roots(self) -> list[asn1_x509.Certificate]:
        """The acts CA and the TSA root, to collect an upgrade's validation data (from
        the store: an expired certificate still has acts to upgrade)."""
        from app.acts.device_cert import signing_material, timestamp_roots

        with self._store.unit_of_work() as uow:
            material = signing_material(uow)
            pems = [*(material.chain_pem[1:] if material else ()), *timestamp_roots(uow)]
        return [asn1_x509.Certificate.load(pem_body(pem)) for pem in pems]

    def pending_upgrades(self, limit: int = 20) -> list[ActRevision]:
        """Newest revisions of acts still below B-LT, oldest first."""
        with self._store.unit_of_work() as uow:
            return list(uow.acts.below_level(SignatureLevel.B_LT, limit))

    def add_revision(self, previous: ActRevision, level: SignatureLevel, pdf: bytes) -> ActRevision:
        """Store ``pdf`` (``previous`` + an incremental update) as the act's next revision."""
        sha = self.files.put(pdf)

        def work(uow: UnitOfWork, now: datetime) -> ActRevision:
            act = uow.acts.by_id(previous.act_id)
            revision = ActRevision(
                sha256=sha,
                act_id=previous.act_id,
                incident_id=previous.incident_id,
                seq=previous.seq + 1,
                level=level,
                size=len(pdf),
                created_at=now,
                previous_sha256=previous.sha256,
            )
            uow.acts.add_revision(revision)
            # An upgrade is the device's work on the signer's act: sent under the signer's
            # latest sign-in here (never under whoever is signed in now).
            signer = act.created_by if act else ""
            latest = uow.staff_sessions.latest_for(signer) if signer else None
            session = latest.session_id if latest is not None else ""
            self._queue_upload(uow, revision.incident_id, sha, signer, now, session)
            uow.audit.append(
                AuditEntry(
                    at=now,
                    staff_id="system",
                    role="system",
                    device_id=self._device,
                    action="act.upgrade",
                    target=revision.act_id,
                    detail=f"{level.value} {sha[:12]} after {previous.sha256[:12]}",
                )
            )
            return revision

        return self._run(work)

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

    @staticmethod
    def _number(uow: UnitOfWork, incident: Incident, kind: ActKind) -> int:
        return uow.acts.count_for_incident(incident.id, kind) + 1

    @staticmethod
    def _incident(uow: UnitOfWork, incident_id: str) -> Incident:
        incident = uow.incidents.by_id(incident_id)
        if incident is None:
            raise IncidentNotFound(incident_id)
        return incident

    @staticmethod
    def _staff(uow: UnitOfWork, actor: Actor) -> Staff:
        found = uow.staff.by_id(actor.staff_id)
        return found or Staff(
            id=actor.staff_id, name=actor.name or actor.staff_id, role=actor.role, pin_hash=""
        )

    @staticmethod
    def _is_host(uow: UnitOfWork, staff_id: str) -> bool:
        found = uow.staff.by_id(staff_id)
        return found is not None and found.role is Role.HOST and found.active

    @staticmethod
    def _staff_names(uow: UnitOfWork, incident: Incident, extra: Sequence[str]) -> dict[str, str]:
        ids = {e.actor_id for e in incident.events} | {x for x in extra if x}
        names = {}
        for staff_id in sorted(ids):
            found = uow.staff.by_id(staff_id)
            if found is not None:
                names[staff_id] = f"{found.name} ({staff_id})"
        return names


def _timings(started: float, signed: Signed) -> Timings:
    return Timings(signed.render_s, signed.sign_s, time.perf_counter() - started)
