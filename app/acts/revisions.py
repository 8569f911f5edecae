"""An act's revisions after the first: upgrades (B-T, B-LT; see ``app.acts.online``)
stored and queued. ``ActService`` inherits these."""

from datetime import datetime
from typing import Any

from asn1crypto import x509 as asn1_x509

from app.acts.model import ActRevision, SignatureLevel
from app.acts.reading import ActReading
from app.acts.signing import pem_body
from app.acts.store import STORED_IN
from app.ports import AuditEntry, UnitOfWork
from app.sync.outbox import OutboxKind


class ActRevisions(ActReading):
    _device: str

    def upgrade_trust_roots(self) -> list[asn1_x509.Certificate]:
        return upgrade_trust_roots(self._store)

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
            queue_upload(uow, revision.incident_id, sha, signer, now, session)
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


def queue_upload(
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


def upgrade_trust_roots(store: Any) -> list[asn1_x509.Certificate]:
    """The acts CA and the TSA root, to collect an upgrade's validation data (from the
    store: an expired certificate still has acts, and reports, to upgrade)."""
    from app.acts.device_cert import signing_material, timestamp_roots

    with store.unit_of_work() as uow:
        material = signing_material(uow)
        pems = [*(material.chain_pem[1:] if material else ()), *timestamp_roots(uow)]
    return [asn1_x509.Certificate.load(pem_body(pem)) for pem in pems]
