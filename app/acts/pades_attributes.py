"""A PAdES signature's signed attributes with the signing-certificate-v2 encoded once.

pyHanko builds the signing-certificate-v2 attribute afresh for every signature; to
encode it asn1crypto copies and re-encodes the certificate's issuer name, some 9 ms
per signature on a tablet, two signatures per act. The attribute depends on the
certificate alone, so each identity encodes it once (``encode_signing_certificate``)
and every signature loads those bytes: the same attributes, byte for byte, as
pyHanko's own (tests/unit/test_pades_attributes.py).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from pyhanko.sign.attributes import CMSAttributeProvider, SigningCertificateV2Provider
from pyhanko.sign.general import as_signing_certificate_v2
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import CAdESSignedAttributeProviderSpec, CMSSignedAttributes


def encode_signing_certificate(certificate: asn1_x509.Certificate) -> bytes:
    """The DER of the signing-certificate-v2 value naming ``certificate`` (SHA-256)."""
    return bytes(as_signing_certificate_v2(certificate).dump())


class EncodedSigningCertificate(CMSAttributeProvider):
    """The signing-certificate-v2 value from its DER: a loaded value dumps as loaded."""

    attribute_type = "signing_certificate_v2"

    def __init__(self, der: bytes) -> None:
        self._der = der

    async def build_attr_value(self, dry_run: bool = False) -> tsp.SigningCertificateV2:
        return tsp.SigningCertificateV2.load(self._der)  # a fresh object per signature


class PadesSignedAttributes(CAdESSignedAttributeProviderSpec):
    """pyHanko's PAdES attributes, its signing-certificate-v2 replaced by the encoded one."""

    def __init__(
        self,
        attr_settings: CMSSignedAttributes,
        certificate: asn1_x509.Certificate,
        encoded_certificate: bytes,
    ) -> None:
        super().__init__(
            attr_settings=attr_settings, signing_cert=certificate, is_pades=True, timestamper=None
        )
        self._encoded = encoded_certificate

    def signed_attr_providers(
        self, data_digest: bytes, digest_algorithm: str
    ) -> Iterable[CMSAttributeProvider]:
        for provider in super().signed_attr_providers(data_digest, digest_algorithm):
            if isinstance(provider, SigningCertificateV2Provider):
                yield EncodedSigningCertificate(self._encoded)
            else:
                yield provider


def pades_signer(
    signer: SimpleSigner, attr_settings: CMSSignedAttributes, encoded_certificate: bytes
) -> SimpleSigner:
    """``signer`` for one B-B signature (no timestamp) with the encoded attribute. A
    copy: the identity's signer is shared between threads and stays as it is."""
    assert signer.signing_cert is not None
    one = copy.copy(signer)
    one.signed_attr_prov_spec = PadesSignedAttributes(
        attr_settings, signer.signing_cert, encoded_certificate
    )
    return one
