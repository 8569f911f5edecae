"""PAdES B-B signing of a rendered act with the property's key, offline.

One incremental update adds, before anything is signed: the embedded ``act.json``
and *every* signature field the act has (``StaffApproval`` and ``PropertySeal``,
at the frames the layout drew). Then two signatures, each a PAdES baseline B-B
(``ETSI.CAdES.detached``, signing-certificate-v2, no CMS signing time):

1. ``StaffApproval`` — a certification signature (DocMDP P=2: only form filling
   and signing may follow), naming the staff member who signed on the tablet;
2. ``PropertySeal`` — an approval signature in the field created before (1), so
   filling it is "form filling" and does not break (1).

Both use the property's signing key (one PKCS#12 per property; see ``app.acts.pki``
for the demo one). Its passphrase comes from ``$VIP_CONSOLE_SIGNING_PASSPHRASE``,
else the OS keyring (``keyring`` package, service ``vip-console``, user
``act-signing-key``) when installed, else — only in a demo property's data
directory — the demo passphrase.
"""

import asyncio
import io
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.stamp import BaseStampStyle

from app.acts import content as act_content
from app.acts.document import SEAL_FIELD, SIGNATURE_FIELDS, STAFF_FIELD, RenderedAct
from app.acts.pki import DEMO_SIGNING_PASSPHRASE, pki_paths
from app.acts.stamp import stamp_style

log = logging.getLogger(__name__)

PASSPHRASE_ENV_VAR = "VIP_CONSOLE_SIGNING_PASSPHRASE"
KEYRING_SERVICE = "vip-console"
KEYRING_USER = "act-signing-key"
DEMO_MARKER = "demo-property.txt"  # app.demo.writer.DEMO_MARKER, not imported (cycle-free)
SIGNATURE_BYTES = 4096  # reserved for each CMS container: an EC signature needs ~1.5 KB


class SigningUnavailable(Exception):
    """No signing key: the act cannot be sealed on this console."""


def signing_passphrase(data_dir: Path) -> str:
    """The PKCS#12 passphrase: environment, OS keyring, or the demo's."""
    from_env = os.environ.get(PASSPHRASE_ENV_VAR)
    if from_env:
        return from_env
    try:
        import keyring
    except ImportError:
        keyring = None  # type: ignore[assignment]
    if keyring is not None:
        try:
            stored = keyring.get_password(KEYRING_SERVICE, KEYRING_USER)
        except Exception as error:  # any backend failure means "not there"
            log.warning("OS keyring unavailable: %s", error)
            stored = None
        if stored:
            return str(stored)
    if (data_dir / DEMO_MARKER).exists():
        return DEMO_SIGNING_PASSPHRASE
    raise SigningUnavailable(
        f"No signing passphrase: set {PASSPHRASE_ENV_VAR} or store it in the OS keyring "
        f"(service {KEYRING_SERVICE!r}, user {KEYRING_USER!r})."
    )


@dataclass(frozen=True)
class SigningIdentity:
    signer: signers.SimpleSigner
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]  # the CA certificates that came with it

    @property
    def common_name(self) -> str:
        return str(self.certificate.subject.native.get("common_name", ""))

    @property
    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [cert for cert in self.chain if cert.self_signed != "no"]


def load_identity(p12_path: Path, passphrase: str) -> SigningIdentity:
    try:
        signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]
            str(p12_path), passphrase=passphrase.encode()
        )
    except (OSError, ValueError) as error:
        raise SigningUnavailable(f"cannot read the signing key {p12_path.name}: {error}") from error
    if signer is None or signer.signing_cert is None:
        raise SigningUnavailable(f"cannot open the signing key {p12_path.name} (wrong passphrase?)")
    chain = tuple(c for c in signer.cert_registry if c.dump() != signer.signing_cert.dump())
    return SigningIdentity(signer, signer.signing_cert, chain)


class IdentityProvider:
    """Loads the property's signing identity once, when first needed (thread-safe)."""

    def __init__(self, p12_path: Path, passphrase: Callable[[], str]) -> None:
        self.p12_path = p12_path
        self._passphrase = passphrase
        self._identity: SigningIdentity | None = None
        self._lock = threading.Lock()

    @classmethod
    def for_data_dir(cls, data_dir: Path) -> "IdentityProvider":
        return cls(pki_paths(data_dir).signer, lambda: signing_passphrase(data_dir))

    def passphrase(self) -> str:
        return self._passphrase()

    def get(self) -> SigningIdentity:
        with self._lock:
            if self._identity is None:
                if not self.p12_path.exists():
                    raise SigningUnavailable(f"No signing key at {self.p12_path}.")
                self._identity = load_identity(self.p12_path, self._passphrase())
            return self._identity


@dataclass(frozen=True)
class Signatory:
    """Who signs on the tablet, and when (the device's clock: B-B has no trusted time)."""

    staff_name: str
    staff_id: str
    role_label: str
    property_name: str
    signed_at: datetime
    zone: ZoneInfo


def sign_act(rendered: RenderedAct, identity: SigningIdentity, who: Signatory) -> bytes:
    """The act sealed at PAdES B-B: fields and act.json, staff approval, property seal."""
    return asyncio.run(_sign_act(rendered, identity, who))


async def _sign_act(rendered: RenderedAct, identity: SigningIdentity, who: Signatory) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(rendered.pdf))
    _embed_content(writer, rendered)
    for name in SIGNATURE_FIELDS:
        box = rendered.layout.fields[name]
        rect = (round(box.rect[0]), round(box.rect[1]), round(box.rect[2]), round(box.rect[3]))
        fields.append_signature_field(writer, SigFieldSpec(name, on_page=box.page, box=rect))
    staff = await _sign_field(
        writer,
        signers.PdfSignatureMetadata(
            field_name=STAFF_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            certify=True,
            docmdp_permissions=MDPPerm.FILL_FORMS,
            name=who.staff_name,
            reason=f"Act approved by {who.staff_name} ({who.role_label}, {who.staff_id})",
            location=who.property_name,
        ),
        identity,
        _stamp(rendered, STAFF_FIELD),
        who.signed_at,
    )
    seal = await _sign_field(
        IncrementalPdfFileWriter(io.BytesIO(staff)),
        signers.PdfSignatureMetadata(
            field_name=SEAL_FIELD,
            md_algorithm="sha256",
            subfilter=SigSeedSubFilter.PADES,
            reason=f"Sealed by {who.property_name}",
            location=who.property_name,
        ),
        identity,
        _stamp(rendered, SEAL_FIELD),
        who.signed_at,
    )
    return seal


def _embed_content(writer: IncrementalPdfFileWriter, rendered: RenderedAct) -> None:
    data = rendered.content.canonical
    embedded = EmbeddedFileObject.from_file_data(
        writer,
        data,
        params=EmbeddedFileParams(embed_size=True, embed_checksum=True),
        mime_type="application/json",
    )
    embed_file(
        writer,
        FileSpec(
            file_spec_string=act_content.FILE_NAME,
            file_name=act_content.FILE_NAME,
            embedded_data=embedded,
            description=f"Act content; SHA-256 {rendered.content.sha256}",
        ),
    )


def _stamp(rendered: RenderedAct, field_name: str) -> BaseStampStyle:
    x1, y1, x2, y2 = rendered.layout.fields[field_name].rect
    return stamp_style(x2 - x1, y2 - y1)


async def _sign_field(
    writer: IncrementalPdfFileWriter,
    meta: signers.PdfSignatureMetadata,
    identity: SigningIdentity,
    style: BaseStampStyle,
    at: datetime,
) -> bytes:
    """``PdfSigner.async_sign_pdf`` with the signing time taken from our clock."""
    pdf_signer = signers.PdfSigner(meta, identity.signer, stamp_style=style)
    session = pdf_signer.init_signing_session(writer, existing_fields_only=True)
    session.system_time = at
    tbs = session.prepare_tbs_document(validation_info=None, bytes_reserved=SIGNATURE_BYTES)
    prepared, output = tbs.digest_tbs_document()
    post_signing = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(signing_time=at),
    )
    await post_signing.post_signature_processing(output)
    output.seek(0)
    return bytes(output.read())


__all__ = [
    "IdentityProvider",
    "Signatory",
    "SigningIdentity",
    "SigningUnavailable",
    "load_identity",
    "sign_act",
    "signing_passphrase",
]
