"""PAdES B-B signing of a rendered act with the tablet's own key, offline.

One incremental update adds, before anything is signed: the embedded ``act.json``
and *every* signature field the act has (``StaffApproval`` and ``PropertySeal``,
at the frames the layout drew). Then two signatures, each a PAdES baseline B-B
(``ETSI.CAdES.detached``, signing-certificate-v2, no CMS signing time):

1. ``StaffApproval`` — a certification signature (DocMDP P=2: only form filling
   and signing may follow), naming the staff member who signed on the tablet;
2. ``PropertySeal`` — an approval signature in the field created before (1), so
   filling it is "form filling" and does not break (1).

Both use the tablet's signing key and its short-lived certificate from the acts CA
(``app.acts.pki``), which the helpdesk issues at enrolment and renews online
(``app.acts.device_cert``): revoking one tablet revokes its signatures alone. Key
and certificate live in the tablet's encrypted store; ``IdentityProvider`` reads
them whenever they change (a renewal) and refuses to sign once the certificate has
expired.
"""

import asyncio
import io
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from zoneinfo import ZoneInfo

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.keys import load_certs_from_pemder_data, load_private_key_from_pemder_data
from pyhanko.pdf_utils.embed import EmbeddedFileObject, EmbeddedFileParams, FileSpec, embed_file
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.stamp import BaseStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from app.acts import content as act_content
from app.acts.document import SEAL_FIELD, SIGNATURE_FIELDS, STAFF_FIELD, RenderedAct
from app.acts.pades_attributes import encode_signing_certificate, pades_signer
from app.acts.pki import SigningMaterial
from app.acts.stamp import stamp_style
from app.ports import Store
from app.services.errors import ServiceError

SIGNATURE_BYTES = 4096  # reserved for each CMS container: an EC signature needs ~1.5 KB


class SigningUnavailable(ServiceError):
    """No usable signing key: the act cannot be sealed on this console (yet). Keys:
    ``act.no_certificate``, ``act.certificate_expired`` (``until``), ``act.key_unreadable``."""


@dataclass(frozen=True)
class SigningIdentity:
    signer: signers.SimpleSigner
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]  # the CA certificates that came with it
    material: SigningMaterial

    @property
    def common_name(self) -> str:
        return str(self.certificate.subject.native.get("common_name", ""))

    @property
    def not_after(self) -> datetime:
        valid_to: datetime = self.certificate["tbs_certificate"]["validity"]["not_after"].native
        return valid_to

    @property
    def trust_roots(self) -> list[asn1_x509.Certificate]:
        return [cert for cert in self.chain if cert.self_signed != "no"]

    @cached_property
    def encoded_signing_certificate(self) -> bytes:
        """Its signing-certificate-v2 value, encoded once (app.acts.pades_attributes)."""
        return encode_signing_certificate(self.certificate)


def pem_body(data: bytes) -> bytes:
    """DER from PEM (or DER as it is)."""
    if pem.detect(data):
        _kind, _headers, der = pem.unarmor(data)
        return bytes(der)
    return data


def identity_from(material: SigningMaterial) -> SigningIdentity:
    """A pyHanko signer over the tablet's key and certificate chain (leaf first)."""
    try:
        key = load_private_key_from_pemder_data(material.key_pem, passphrase=None)
        certs = [c for block in material.chain_pem for c in load_certs_from_pemder_data(block)]
    except (ValueError, TypeError) as error:
        raise SigningUnavailable("act.key_unreadable") from error
    if not certs:
        raise SigningUnavailable("act.no_certificate")
    leaf, chain = certs[0], tuple(certs[1:])
    signer = signers.SimpleSigner(
        signing_cert=leaf,
        signing_key=key,
        cert_registry=SimpleCertificateStore.from_certs(list(chain)),  # type: ignore[no-untyped-call]
    )
    return SigningIdentity(signer, leaf, chain, material)


class IdentityProvider:
    """The tablet's signing identity: ``load()`` gives the material (or None before the
    helpdesk issued a certificate); rebuilt when it changes. Thread-safe."""

    def __init__(
        self, load: Callable[[], SigningMaterial | None], now: Callable[[], datetime]
    ) -> None:
        self._load = load
        self._now = now
        self._identity: SigningIdentity | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_store(cls, store: Store, now: Callable[[], datetime]) -> "IdentityProvider":
        """The console's: key and chain from its encrypted store, read at each act."""
        from app.acts.device_cert import signing_material

        def load() -> SigningMaterial | None:
            with store.unit_of_work() as uow:
                return signing_material(uow)

        return cls(load, now)

    def get(self) -> SigningIdentity:
        material = self._load()
        if material is None:
            raise SigningUnavailable("act.no_certificate")
        with self._lock:
            if self._identity is None or self._identity.material != material:
                self._identity = identity_from(material)
            identity = self._identity
        if self._now() > identity.not_after:
            raise SigningUnavailable("act.certificate_expired", until=identity.not_after.date())
        return identity


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
    staff = await sign_field(
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
    seal = await sign_field(
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
    description = f"Act content; SHA-256 {rendered.content.sha256}"
    embed_json(writer, rendered.content.canonical, act_content.FILE_NAME, description)


def embed_json(
    writer: IncrementalPdfFileWriter, data: bytes, file_name: str, description: str
) -> None:
    """``data`` (JSON) as an embedded file, its size and checksum recorded: an act's
    content, a report's figures."""
    embedded = EmbeddedFileObject.from_file_data(
        writer,
        data,
        params=EmbeddedFileParams(embed_size=True, embed_checksum=True),
        mime_type="application/json",
    )
    embed_file(
        writer,
        FileSpec(
            file_spec_string=file_name,
            file_name=file_name,
            embedded_data=embedded,
            description=description,
        ),
    )


def _stamp(rendered: RenderedAct, field_name: str) -> BaseStampStyle:
    x1, y1, x2, y2 = rendered.layout.fields[field_name].rect
    return stamp_style(x2 - x1, y2 - y1)


async def sign_field(
    writer: IncrementalPdfFileWriter,
    meta: signers.PdfSignatureMetadata,
    identity: SigningIdentity,
    style: BaseStampStyle,
    at: datetime,
) -> bytes:
    """``PdfSigner.async_sign_pdf`` with the signing time taken from our clock; a PAdES
    signature's signing-certificate-v2 comes encoded (app.acts.pades_attributes)."""
    attributes = PdfCMSSignedAttributes(signing_time=at)
    signer = identity.signer
    if meta.subfilter == SigSeedSubFilter.PADES:
        signer = pades_signer(signer, attributes, identity.encoded_signing_certificate)
    pdf_signer = signers.PdfSigner(meta, signer, stamp_style=style)
    session = pdf_signer.init_signing_session(writer, existing_fields_only=True)
    session.system_time = at
    tbs = session.prepare_tbs_document(validation_info=None, bytes_reserved=SIGNATURE_BYTES)
    prepared, output = tbs.digest_tbs_document()
    post_signing = await tbs.perform_signature(
        document_digest=prepared.document_digest, pdf_cms_signed_attrs=attributes
    )
    await post_signing.post_signature_processing(output)
    output.seek(0)
    return bytes(output.read())


__all__ = [
    "IdentityProvider",
    "Signatory",
    "SigningIdentity",
    "SigningUnavailable",
    "identity_from",
    "sign_act",
]
