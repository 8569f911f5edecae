"""Tablets' act-signing certificates: issued by the acts CA, renewed online, revoked
with the device (issue 13).

An enrolled tablet sends a CSR (``POST /v1/pki/device-certificate``, device token): the
helpdesk checks the CSR's signature (the tablet holds the key), issues a certificate
for the authenticated device id (never for a name in the CSR: EC P-256 only, valid
``DEVICE_CERT_DAYS``, document-signing EKU, CRL point on this helpdesk) and records
its serial. The first key certified for a device is pinned: a renewal must be for the
same key until the device is revoked, so a stolen device token alone cannot get a
certificate for a key of the thief's. ``vip-console helpdesk device revoke`` marks
every certificate of the device revoked at that moment (``revoke_device_certificates``,
in the same transaction as the token); the acts CA's CRL (``GET /v1/pki/crl/acts-ca.crl``) is
built from those rows and signed when asked for, valid ``CRL_HOURS``.

The acts CA's key (``<pki dir>/ca-key.pem``) is the helpdesk's: whoever holds it can
issue a signing certificate (docs/security.md). A directory without it issues none.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.acts.pki import (
    DEVICE_CERT_DAYS,
    PEM,
    PkiPaths,
    issue_crl,
    issue_device_certificate,
    load_ca,
    revoked_entry,
)
from helpdesk.db import Database
from helpdesk.models import Base, UtcDateTime

CRL_HOURS = 24  # a verifier refetches at least daily; the helpdesk signs a fresh one


class DeviceCertificateRow(Base):
    __tablename__ = "device_certificates"
    serial: Mapped[str] = mapped_column(String(50), primary_key=True)  # hexadecimal
    device_id: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    not_after: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, nullable=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    key_sha256: Mapped[str] = mapped_column(String(64), nullable=False)  # of the SPKI


class CertificateRequestRefused(ValueError):
    """A CSR the helpdesk will not sign (unreadable, wrong key type, bad signature)."""


class SigningKeyPinned(CertificateRequestRefused):
    """A live certificate of the device names another key: IT must revoke it first."""


@dataclass(frozen=True)
class DeviceCa:
    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    tsa_root: bytes | None  # PEM: what the tablets' upgrade trusts for timestamps

    @classmethod
    def load(cls, pki_dir: Path) -> DeviceCa | None:
        paths = PkiPaths(pki_dir)
        if not paths.ca_key.is_file():
            return None
        cert, key = load_ca(paths)
        tsa_root = paths.tsa_ca.read_bytes() if paths.tsa_ca.is_file() else None
        return cls(cert, key, tsa_root)

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(PEM)


def issue(
    db: Database,
    ca: DeviceCa,
    device_id: str,
    csr_pem: str,
    helpdesk_url: str,
    now: datetime,
) -> x509.Certificate:
    """A certificate for ``device_id``'s key (from its CSR), recorded for revocation."""
    try:
        csr = x509.load_pem_x509_csr(csr_pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError) as error:
        raise CertificateRequestRefused(f"csr: not a PEM certificate request ({error})") from error
    if not csr.is_signature_valid:
        raise CertificateRequestRefused("csr: its signature does not verify")
    key = csr.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise CertificateRequestRefused("csr: the key must be EC P-256")
    spki = key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    fingerprint = hashlib.sha256(spki).hexdigest()
    cert = issue_device_certificate(
        ca.cert, ca.key, device_id, key, now, helpdesk_url, DEVICE_CERT_DAYS
    )
    with db.write(lock_changes=False) as session:
        pinned = session.scalar(
            select(DeviceCertificateRow.key_sha256)
            .where(
                DeviceCertificateRow.device_id == device_id,
                DeviceCertificateRow.revoked_at.is_(None),
            )
            .order_by(DeviceCertificateRow.issued_at.desc())
            .limit(1)
        )
        if pinned is not None and pinned != fingerprint:
            raise SigningKeyPinned(
                "csr: this device's signing key is pinned; IT must revoke the device to change it"
            )
        session.add(
            DeviceCertificateRow(
                serial=format(cert.serial_number, "x"),
                device_id=device_id,
                not_after=cert.not_valid_after_utc,
                issued_at=now,
                key_sha256=fingerprint,
            )
        )
    return cert


def revoke_device_certificates(session: Session, device_id: str, now: datetime) -> int:
    """Every live certificate of ``device_id`` revoked from ``now``; how many."""
    rows = session.scalars(
        select(DeviceCertificateRow).where(
            DeviceCertificateRow.device_id == device_id,
            DeviceCertificateRow.revoked_at.is_(None),
        )
    ).all()
    for row in rows:
        row.revoked_at = now
    return len(rows)


def current_crl(db: Database, ca: DeviceCa, now: datetime) -> bytes:
    """The acts CA's CRL as of ``now`` (DER): every certificate ever revoked, expired
    ones included (an act timestamped after a revocation stays refused years later)."""
    with db.read() as session:
        rows = session.execute(
            select(DeviceCertificateRow.serial, DeviceCertificateRow.revoked_at).where(
                DeviceCertificateRow.revoked_at.is_not(None)
            )
        ).all()
    entries = [revoked_entry(int(serial, 16), when) for serial, when in rows if when]
    number = int(now.timestamp() * 1000)  # a CRL number only ever grows
    crl = issue_crl(ca.cert, ca.key, now, entries, number, timedelta(hours=CRL_HOURS))
    return crl.public_bytes(serialization.Encoding.DER)
