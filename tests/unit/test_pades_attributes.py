"""The signing-certificate-v2 attribute encoded once gives pyHanko's own attributes."""

import asyncio
import hashlib
from datetime import UTC, datetime

from asn1crypto import cms
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

from app.acts.pades_attributes import pades_signer
from app.acts.signing import identity_from
from tests.unit.acts_fixtures import shared_pki


def signed_attributes(signer, digest: bytes, at: datetime) -> bytes:
    attributes = asyncio.run(
        signer.signed_attrs(
            digest, "sha256", attr_settings=PdfCMSSignedAttributes(signing_time=at), use_pades=True
        )
    )
    return bytes(attributes.dump())


def test_the_encoded_attribute_signs_the_same_attributes_as_pyhanko():
    identity = identity_from(shared_pki().device_material("TAB-ATTR", datetime.now(UTC)))
    at = datetime(2026, 12, 6, 5, 0, tzinfo=UTC)
    for document in (b"first act", b"second act"):  # the encoding is reused as it is
        digest = hashlib.sha256(document).digest()
        settings = PdfCMSSignedAttributes(signing_time=at)
        ours = pades_signer(identity.signer, settings, identity.encoded_signing_certificate)
        assert signed_attributes(ours, digest, at) == signed_attributes(identity.signer, digest, at)


def test_the_attribute_names_the_signing_certificate_and_the_shared_signer_is_untouched():
    identity = identity_from(shared_pki().device_material("TAB-ATTR", datetime.now(UTC)))
    settings = PdfCMSSignedAttributes(signing_time=datetime.now(UTC))
    ours = pades_signer(identity.signer, settings, identity.encoded_signing_certificate)
    digest = hashlib.sha256(b"act").digest()
    attributes = cms.CMSAttributes.load(signed_attributes(ours, digest, datetime.now(UTC)))
    by_type = {attribute["type"].native: attribute["values"][0] for attribute in attributes}
    certificate_ids = by_type["signing_certificate_v2"]["certs"]
    expected = hashlib.sha256(identity.certificate.dump()).digest()
    assert certificate_ids[0]["cert_hash"].native == expected
    assert by_type["message_digest"].native == digest
    assert "signing_time" not in by_type  # PAdES: the time is the PDF's, not the CMS's
    assert identity.signer.signed_attr_prov_spec is None  # a copy carries the encoding
