"""The tablet's act-signing key, and the short-lived certificate the helpdesk gives it.

* **The key** (EC P-256) is made on the tablet the first time it asks for a
  certificate and kept in its encrypted store (``sync_state``): only the signing
  child process ever gets it (``app.acts.worker``).
* **The certificate** comes from ``POST <helpdesk>/v1/pki/device-certificate``
  (device token; a CSR proves the tablet holds the key): the chain (the tablet's
  certificate, then the acts CA) and the TSA root the upgrade trusts for timestamps.
  It is checked before it is kept: our key, the document-signing EKU, issued by the
  CA that came with it.
* **Renewal**: ``RenewOnline`` asks again, in the executor, while the helpdesk answers
  and the tablet is provisioned, once there is no certificate or less than a third of
  its life is left (``DEVICE_CERT_DAYS`` = 30: ten days offline still sign). A revoked
  tablet gets none: its token is refused.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import httpx
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.acts.pki import DOCUMENT_SIGNING_EKU, PEM, SigningMaterial, private_pem
from app.clock import Clock
from app.ports import Store, UnitOfWork
from app.sync.device_token import REFUSED_KEY, TOKEN_KEY

log = logging.getLogger(__name__)

KEY_KEY = "act_signing_key"
CHAIN_KEY = "act_signing_chain"
TIMESTAMP_ROOTS_KEY = "act_timestamp_roots"
CERTIFICATE_PATH = "/v1/pki/device-certificate"
RENEW_WHEN_LEFT = 1 / 3  # of the certificate's life
TIMEOUT_S = 10.0
_SEPARATOR = "\n"


class CertificateRefused(Exception):
    """The helpdesk gave no certificate, or one this tablet must not keep."""


def signing_material(uow: UnitOfWork) -> SigningMaterial | None:
    key, chain = uow.sync_state.get(KEY_KEY), uow.sync_state.get(CHAIN_KEY)
    if not key or not chain:
        return None
    return SigningMaterial(key.encode("ascii"), _split(chain))


def timestamp_roots(uow: UnitOfWork) -> tuple[bytes, ...]:
    return _split(uow.sync_state.get(TIMESTAMP_ROOTS_KEY) or "")


def store_material(
    uow: UnitOfWork, material: SigningMaterial, tsa_roots: tuple[bytes, ...] = ()
) -> None:
    """Keep a key and its chain (the demo tablet's, or one the helpdesk issued)."""
    uow.sync_state.set(KEY_KEY, material.key_pem.decode("ascii"))
    uow.sync_state.set(CHAIN_KEY, _join(material.chain_pem))
    if tsa_roots:
        uow.sync_state.set(TIMESTAMP_ROOTS_KEY, _join(tsa_roots))


def signing_key(uow: UnitOfWork) -> ec.EllipticCurvePrivateKey:
    """The tablet's key, made and kept the first time."""
    held = uow.sync_state.get(KEY_KEY)
    if held:
        key = serialization.load_pem_private_key(held.encode("ascii"), None)
        if isinstance(key, ec.EllipticCurvePrivateKey):
            return key
    key = ec.generate_private_key(ec.SECP256R1())
    uow.sync_state.set(KEY_KEY, private_pem(key).decode("ascii"))
    uow.sync_state.delete(CHAIN_KEY)  # a chain for another key is no use
    return key


def certificate_request(key: ec.EllipticCurvePrivateKey, device_id: str) -> str:
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, device_id)]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(PEM).decode("ascii")


def due(material: SigningMaterial | None, now: datetime) -> bool:
    """No certificate, or less than ``RENEW_WHEN_LEFT`` of its life left."""
    if material is None:
        return True
    cert = material.certificate
    life = cert.not_valid_after_utc - cert.not_valid_before_utc
    return cert.not_valid_after_utc - now < life * RENEW_WHEN_LEFT


def checked_chain(key: ec.EllipticCurvePrivateKey, chain_pem: list[str]) -> tuple[bytes, ...]:
    """The helpdesk's answer, if it is a document-signing certificate for ``key``
    issued by the CA that comes with it; else CertificateRefused."""
    try:
        certs = [x509.load_pem_x509_certificate(pem.encode("ascii")) for pem in chain_pem]
    except (ValueError, TypeError, AttributeError) as error:
        raise CertificateRefused(f"not a certificate chain: {error}") from error
    if len(certs) < 2:
        raise CertificateRefused("the chain must hold the certificate and its CA")
    leaf, ca = certs[0], certs[1]
    if leaf.public_key() != key.public_key():
        raise CertificateRefused("the certificate is not for this tablet's key")
    try:
        usage = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        leaf.verify_directly_issued_by(ca)
    except (x509.ExtensionNotFound, ValueError, TypeError) as error:
        raise CertificateRefused(f"not issued by the CA sent with it: {error}") from error
    except Exception as error:  # cryptography's InvalidSignature
        raise CertificateRefused(f"the CA's signature does not verify: {error}") from error
    if DOCUMENT_SIGNING_EKU not in usage:
        raise CertificateRefused("not a document-signing certificate")
    return tuple(cert.public_bytes(PEM) for cert in certs)


@dataclass(frozen=True)
class Renewal:
    renewed: bool
    not_after: datetime | None = None
    why_not: str = ""


class CertificateRenewer:
    """Asks the helpdesk for this tablet's certificate when one is due. Blocking."""

    def __init__(self, store: Store, clock: Clock, helpdesk_url: str, device_id: str) -> None:
        self._store = store
        self._clock = clock
        self._url = helpdesk_url.rstrip("/") + CERTIFICATE_PATH
        self._device = device_id

    def renew_if_due(self, client: httpx.Client | None = None) -> Renewal:
        with self._store.unit_of_work() as uow:
            if not due(signing_material(uow), self._clock.now()):
                return Renewal(False, why_not="not due")
            token = uow.sync_state.get(TOKEN_KEY)
            if token is None or uow.sync_state.get(REFUSED_KEY) is not None:
                return Renewal(False, why_not="not provisioned")
            key = signing_key(uow)
        http = client or httpx.Client(timeout=TIMEOUT_S)
        try:
            answer = http.post(
                self._url,
                json={"csr": certificate_request(key, self._device)},
                headers={"Authorization": f"Bearer {token}"},
            )
        except httpx.HTTPError as error:
            return Renewal(False, why_not=f"helpdesk unreachable: {error}")
        finally:
            if client is None:
                http.close()
        if answer.status_code != 200:
            return Renewal(False, why_not=f"helpdesk answered {answer.status_code}")
        body = answer.json()
        chain = checked_chain(key, list(body.get("chain") or ()))
        roots = tuple(str(pem).encode("ascii") for pem in body.get("timestamp_roots") or ())
        material = SigningMaterial(private_pem(key), chain)
        with self._store.unit_of_work() as uow:
            store_material(uow, material, roots)
        not_after = material.certificate.not_valid_after_utc
        log.info("act-signing certificate for %s renewed until %s", self._device, not_after)
        return Renewal(True, not_after)


def _join(pems: tuple[bytes, ...]) -> str:
    return _SEPARATOR.join(pem.decode("ascii").strip() for pem in pems)


def _split(text: str) -> tuple[bytes, ...]:
    marker = "-----END CERTIFICATE-----"
    parts = [part.strip() + "\n" + marker for part in text.split(marker) if part.strip()]
    return tuple(part.encode("ascii") + b"\n" for part in parts)
