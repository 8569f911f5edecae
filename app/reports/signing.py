"""Reports signed like an act (``app.acts.signing``): one PAdES B-B certification
signature (nothing may change after it) over the PDF with its figures embedded as
``report.json``, by a document-signing certificate of the property's acts CA.

Who signs: a console signs with its own tablet key and certificate (its encrypted store,
``IdentityProvider.from_store``), as it signs acts; the helpdesk with a key it makes for
the report and certifies at once with the acts CA it issues the tablets' certificates
with (``<pki dir>/ca-key.pem``: ``--pki-dir`` or ``$VIP_HELPDESK_PKI_DIR``, never a
demo key by default). ``vip-console act verify`` and any PAdES validator check either
against the acts CA.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter

from app.acts import pki
from app.acts.signing import SigningIdentity, embed_json, identity_from, sign_field
from app.acts.stamp import stamp_style

FIELD = "ReportSignature"
FILE_NAME = "report.json"
REPORT_CERT_DAYS = 1  # made for one report: nothing to keep, nothing to revoke


def helpdesk_identity(pki_dir: Path, now: dt.datetime) -> SigningIdentity:
    """A fresh key certified by the acts CA in ``pki_dir`` for the helpdesk's reports
    (OSError or ValueError when the CA or its key cannot be read)."""
    ca_cert, ca_key = pki.load_ca(pki.PkiPaths(pki_dir))
    key = ec.generate_private_key(ec.SECP256R1())
    organisation = pki.organisation_of(ca_cert)
    cert = pki.issue_certificate(
        ca_cert,
        ca_key,
        pki.x509_name(f"{organisation} — helpdesk reports", organisation),
        key.public_key(),
        now - pki.CLOCK_LAG,
        _crl_point(ca_cert),
        pki.key_usage(signing=True),
        x509.ExtendedKeyUsage([pki.DOCUMENT_SIGNING_EKU]),
        days=REPORT_CERT_DAYS,
    )
    chain = (cert.public_bytes(pki.PEM), ca_cert.public_bytes(pki.PEM))
    return identity_from(pki.SigningMaterial(pki.private_pem(key), chain))


def _crl_point(ca_cert: x509.Certificate) -> str:
    """The acts CA's CRL on the helpdesk, as written in the CA's own certificates; the
    demo helpdesk's when the CA names none."""
    try:
        points = ca_cert.extensions.get_extension_for_class(x509.CRLDistributionPoints).value
        for point in points:
            for name in point.full_name or ():
                return str(name.value)
    except x509.ExtensionNotFound:
        pass
    return pki.crl_url(pki.DEMO_HELPDESK_URL)


def sign_report(
    pdf: bytes,
    figures: dict[str, Any],
    identity: SigningIdentity,
    *,
    signed_at: dt.datetime,
    signer: str,
    location: str,
    reason: str | None = None,
) -> bytes:
    """``pdf`` with ``figures`` embedded, certified by ``identity`` (DocMDP: no change)."""
    why = reason or f"Report made by the {signer}"
    return asyncio.run(_sign(pdf, figures, identity, signed_at, signer, location, why))


async def _sign(
    pdf: bytes,
    figures: dict[str, Any],
    identity: SigningIdentity,
    at: dt.datetime,
    signer: str,
    location: str,
    reason: str,
) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    data = json.dumps(figures, sort_keys=True, ensure_ascii=False).encode()
    embed_json(writer, data, FILE_NAME, "The report's figures")
    fields.append_signature_field(writer, SigFieldSpec(FIELD, on_page=0, box=None))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        name=signer,
        reason=reason,
        location=location,
    )
    return await sign_field(writer, meta, identity, stamp_style(1, 1), at)


def pki_roots(paths: pki.PkiPaths) -> list[Any]:
    """The acts CA and the TSA root of a PKI directory: what an upgrade validates with."""
    from app.acts.trust import load_certificates

    roots = load_certificates(paths.ca)
    if paths.tsa_ca.is_file():
        roots += load_certificates(paths.tsa_ca)
    return roots


@dataclass(frozen=True)
class Upgraded:
    pdf: bytes
    level: str  # its PAdES baseline level: B-B, B-T or B-LT
    stopped: str | None  # why it stopped short of B-LT, if it did


def upgrade_signed(pdf: bytes, pki_url: str, trust_roots: Sequence[Any]) -> Upgraded:
    """A report signed at B-B taken to B-T (a document timestamp) and B-LT (the
    certificates and CRLs in the DSS) by the helpdesk's PKI at ``pki_url``, as an act is
    once online; the steps made are kept when one cannot be. ``trust_roots``: the acts CA
    and the TSA root (asn1crypto certificates)."""
    import httpx

    from app.acts.model import SignatureLevel
    from app.acts.upgrade import TIMEOUT_S, upgrade

    with httpx.Client(timeout=TIMEOUT_S) as client:
        result = upgrade(
            pdf,
            SignatureLevel.B_B,
            helpdesk_url=pki_url,
            trust_roots=trust_roots,
            client=client,
        )
    if not result.steps:
        return Upgraded(pdf, SignatureLevel.B_B.value, result.stopped)
    last = result.steps[-1]
    return Upgraded(last.pdf, last.level.value, result.stopped)
