"""Whom ``act verify`` trusts, for what, and as of when (issue 13, item 1).

* **Signers** chain to the acts CA (``--trust``) and hold a document-signing
  certificate: key usage digital signature or non-repudiation, EKU
  ``id-kp-documentSigning``, not a CA. The TSA's certificate (EKU timeStamping,
  under its own root) can never sign an act that verifies, nor can any other
  certificate the acts CA may have issued.
* **Timestamps** chain to the TSA root (``--tsa-trust``), EKU timeStamping.
* **Revocation**: the CRLs in the act's DSS (B-LT), those given (``--crl FILE``) and
  those fetched from the helpdesk (``--helpdesk URL``). With any at hand the check is
  hard: a signer certificate that cannot be checked, or is revoked, fails. With none,
  revocation is not checked, and the verdict says so.
* **As of when**: a signature is judged at the earliest valid document timestamp
  over it (it existed then), else now: a certificate revoked before that moment
  fails — an act signed after its tablet was revoked, and an untimestamped (B-B) act
  of a revoked tablet, since nothing proves it was signed before. A CRL issued later
  still tells (``retroactive_revinfo``): it names the revocation's date.

pyHanko's ``ValidationContext`` does the work; this module only says what goes in.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asn1crypto import crl as asn1_crl
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import DocumentSecurityStore
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import ValidationContext

DOCUMENT_SIGNING_OID = "1.3.6.1.5.5.7.3.36"
DOCUMENT_SIGNING = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"},
    extd_key_usage={DOCUMENT_SIGNING_OID},
    explicit_extd_key_usage_required=True,
)


@dataclass(frozen=True)
class Trust:
    signers: Sequence[asn1_x509.Certificate]  # the acts CA
    timestamps: Sequence[asn1_x509.Certificate]  # the TSA root
    crls: Sequence[bytes] = ()  # DER, beyond the act's own DSS
    crl_sources: tuple[str, ...] = field(default=())  # where they came from, for the report


def load_certificates(path: Path) -> list[asn1_x509.Certificate]:
    """Every certificate in a PEM (or DER) file."""
    data = path.read_bytes()
    if pem.detect(data):
        return [asn1_x509.Certificate.load(der) for _t, _h, der in pem.unarmor(data, multiple=True)]
    return [asn1_x509.Certificate.load(data)]


def load_crl(path: Path) -> bytes:
    """A CRL file (DER or PEM) as DER; ValueError when it is none."""
    data = path.read_bytes()
    if pem.detect(data):
        _kind, _headers, data = pem.unarmor(data)
    asn1_crl.CertificateList.load(data).native  # noqa: B018 - parse it all now
    return bytes(data)


def document_signing_problem(cert: asn1_x509.Certificate) -> str | None:
    """Why ``cert`` may not sign an act (None when it may), by its own extensions: a
    trust anchor used as a signer escapes pyHanko's key-usage check, this one not."""
    purposes = set(cert.extended_key_usage_value.native) if cert.extended_key_usage_value else set()
    usage = set(cert.key_usage_value.native) if cert.key_usage_value else set()
    name = cert.subject.native.get("common_name", "?")
    if cert.ca:
        return f"not a document-signing certificate: {name} is a CA"
    if DOCUMENT_SIGNING_OID not in purposes:
        shown = ", ".join(sorted(purposes)) or "none"
        return f"not a document-signing certificate: {name} (extended key usage: {shown})"
    if not usage & {"digital_signature", "non_repudiation"}:
        return f"not a document-signing certificate: {name} (key usage forbids signing)"
    return None


def _dss(reader: PdfFileReader) -> DocumentSecurityStore | None:
    try:
        return DocumentSecurityStore.read_dss(reader)
    except (KeyError, ValueError, PdfError):
        return None


def dss_crl_count(reader: PdfFileReader) -> int:
    dss = _dss(reader)
    return len(dss.crls) if dss is not None else 0


def _context(
    reader: PdfFileReader, roots: Sequence[asn1_x509.Certificate], kwargs: dict[str, Any]
) -> ValidationContext:
    kwargs = {"trust_roots": list(roots), "allow_fetching": False, **kwargs}
    dss = _dss(reader)
    return dss.as_validation_context(kwargs) if dss is not None else ValidationContext(**kwargs)


def signature_context(
    reader: PdfFileReader, trust: Trust, moment: datetime | None, checked: bool
) -> ValidationContext:
    """Signers judged at ``moment`` (a timestamp's, else now); revocation hard-failed
    when ``checked`` (some CRL is at hand)."""
    return _context(
        reader,
        trust.signers,
        {
            "crls": list(trust.crls),
            "revocation_mode": "hard-fail" if checked else "soft-fail",
            "moment": moment or datetime.now(UTC),
            "retroactive_revinfo": True,
        },
    )


def timestamp_context(reader: PdfFileReader, trust: Trust) -> ValidationContext:
    """The TSA's chain, now (a TSA is revoked by its root's CRL, kept in the DSS)."""
    return _context(
        reader, trust.timestamps, {"crls": list(trust.crls), "revocation_mode": "soft-fail"}
    )
