"""A demo (and test) PKI for signed acts: CA, EC P-256 signer, timestamp authority, CRL.

``demo-data`` writes it to ``<data_dir>/pki/`` (see ``write_pki``):

==================  ==========================================================
``ca.pem``          the demo CA certificate: the trust anchor for ``act verify``
``signer.p12``      the property's signing key + certificate + CA (PKCS#12,
                    encrypted with the signing passphrase)
``tsa.pem``         the timestamp authority's certificate (for the helpdesk)
``tsa-key.pem``     its private key (unencrypted: the helpdesk service reads it)
``crl/<ca>.crl``    the CA's certificate revocation list (DER), served by the
                    helpdesk at ``GET /v1/pki/crl/<ca>.crl``
==================  ==========================================================

The CA key is not written anywhere: the demo CRL is issued once, valid for a year.

Every certificate the CA issues carries a CRL distribution point pointing at the
helpdesk: ``<helpdesk_url>/v1/pki/crl/<ca>.crl``. The helpdesk URL is fixed when the
PKI is made. The demo uses ``DEMO_HELPDESK_URL`` (the reference helpdesk's fixed demo
port on loopback); tests make a fresh PKI once their server's port is known.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_HELPDESK_URL = "http://127.0.0.1:8765"
DEMO_SIGNING_PASSPHRASE = "demo-signing-passphrase"  # only ever used for a demo property
CA_NAME = "demo-ca"
PKI_DIR = "pki"
CA_FILE = "ca.pem"
SIGNER_FILE = "signer.p12"
TSA_CERT_FILE = "tsa.pem"
TSA_KEY_FILE = "tsa-key.pem"
CRL_DIR = "crl"

DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning


def crl_url(helpdesk_url: str, ca_name: str = CA_NAME) -> str:
    return f"{helpdesk_url.rstrip('/')}/v1/pki/crl/{ca_name}.crl"


@dataclass(frozen=True)
class Pki:
    """Keys and certificates of one PKI, in memory."""

    ca_cert: x509.Certificate
    ca_key: ec.EllipticCurvePrivateKey
    signer_cert: x509.Certificate
    signer_key: ec.EllipticCurvePrivateKey
    tsa_cert: x509.Certificate
    tsa_key: ec.EllipticCurvePrivateKey
    crl: x509.CertificateRevocationList
    ca_name: str = CA_NAME

    def signer_p12(self, passphrase: str) -> bytes:
        return pkcs12.serialize_key_and_certificates(
            name=b"act-signer",
            key=self.signer_key,
            cert=self.signer_cert,
            cas=[self.ca_cert],
            encryption_algorithm=serialization.BestAvailableEncryption(passphrase.encode()),
        )

    def revoke(self, cert: x509.Certificate, when: dt.datetime) -> "Pki":
        """This PKI with ``cert`` added to a freshly issued CRL."""
        revoked = [*self.crl, _revoked_entry(cert.serial_number, when)]
        crl = _issue_crl(self.ca_cert, self.ca_key, when, revoked, _next_crl_number(self.crl))
        return Pki(**{**self.__dict__, "crl": crl})


@dataclass(frozen=True)
class PkiPaths:
    """Where ``write_pki`` put the files of a PKI."""

    root: Path

    @property
    def ca(self) -> Path:
        return self.root / CA_FILE

    @property
    def signer(self) -> Path:
        return self.root / SIGNER_FILE

    @property
    def tsa_cert(self) -> Path:
        return self.root / TSA_CERT_FILE

    @property
    def tsa_key(self) -> Path:
        return self.root / TSA_KEY_FILE

    def crl(self, ca_name: str = CA_NAME) -> Path:
        return self.root / CRL_DIR / f"{ca_name}.crl"


def pki_paths(data_dir: Path) -> PkiPaths:
    return PkiPaths(data_dir / PKI_DIR)


def make_pki(
    now: dt.datetime,
    helpdesk_url: str = DEMO_HELPDESK_URL,
    property_name: str = "Harbour Crown Casino",
    ca_name: str = CA_NAME,
) -> Pki:
    """A CA, an EC P-256 document signer and a TSA, with the CRL DP on ``helpdesk_url``."""
    start = now - dt.timedelta(hours=1)  # tolerate a tablet clock a little behind
    dp = crl_url(helpdesk_url, ca_name)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_subject = _name(f"{property_name} Demo Acts CA", property_name)
    ca_cert = (
        _builder(ca_subject, ca_subject, ca_key.public_key(), start, days=3650)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    signer_key = ec.generate_private_key(ec.SECP256R1())
    signer_cert = _issue(
        ca_cert,
        ca_key,
        _name(f"{property_name} — incident acts", property_name),
        signer_key,
        start,
        dp,
        _key_usage(signing=True),
        x509.ExtendedKeyUsage([DOCUMENT_SIGNING_EKU]),
    )
    tsa_key = ec.generate_private_key(ec.SECP256R1())
    tsa_cert = _issue(
        ca_cert,
        ca_key,
        _name(f"{property_name} Demo TSA", property_name),
        tsa_key,
        start,
        dp,
        _key_usage(signing=True),
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
        eku_critical=True,
    )
    crl = _issue_crl(ca_cert, ca_key, start, [], 1)
    return Pki(ca_cert, ca_key, signer_cert, signer_key, tsa_cert, tsa_key, crl, ca_name)


def write_pki(pki: Pki, directory: Path, passphrase: str) -> PkiPaths:
    """Write the files listed in the module docstring (the CA key excepted)."""
    paths = PkiPaths(directory)
    (directory / CRL_DIR).mkdir(parents=True, exist_ok=True)
    pem = serialization.Encoding.PEM
    paths.ca.write_bytes(pki.ca_cert.public_bytes(pem))
    _write_private(paths.signer, pki.signer_p12(passphrase))
    paths.tsa_cert.write_bytes(pki.tsa_cert.public_bytes(pem))
    _write_private(
        paths.tsa_key,
        pki.tsa_key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        ),
    )
    paths.crl(pki.ca_name).write_bytes(pki.crl.public_bytes(serialization.Encoding.DER))
    return paths


def write_demo_pki(
    data_dir: Path,
    now: dt.datetime,
    property_name: str,
    helpdesk_url: str = DEMO_HELPDESK_URL,
) -> PkiPaths:
    """``demo-data``'s PKI in ``<data_dir>/pki``, the signer under the demo passphrase."""
    pki = make_pki(now, helpdesk_url, property_name)
    return write_pki(pki, data_dir / PKI_DIR, DEMO_SIGNING_PASSPHRASE)


def _write_private(path: Path, data: bytes) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_bytes(data)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "AU"),
        ]
    )


def _builder(
    subject: x509.Name,
    issuer: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    start: dt.datetime,
    days: int,
) -> x509.CertificateBuilder:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=days))
    )


def _key_usage(*, cert_sign: bool = False, signing: bool = False) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,  # non-repudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _issue(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    subject: x509.Name,
    key: ec.EllipticCurvePrivateKey,
    start: dt.datetime,
    dp_url: str,
    usage: x509.KeyUsage,
    eku: x509.ExtendedKeyUsage,
    eku_critical: bool = False,
) -> x509.Certificate:
    distribution_point = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(dp_url)],
        relative_name=None,
        reasons=None,
        crl_issuer=None,
    )
    return (
        _builder(subject, ca_cert.subject, key.public_key(), start, days=730)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(eku, critical=eku_critical)
        .add_extension(x509.CRLDistributionPoints([distribution_point]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )


def _revoked_entry(serial: int, when: dt.datetime) -> x509.RevokedCertificate:
    return (
        x509.RevokedCertificateBuilder()
        .serial_number(serial)
        .revocation_date(when)
        .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
        .build()
    )


def _next_crl_number(crl: x509.CertificateRevocationList) -> int:
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    return int(number) + 1


def _issue_crl(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    when: dt.datetime,
    revoked: list[x509.RevokedCertificate],
    number: int,
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(when)
        .next_update(when + dt.timedelta(days=365))
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
    )
    for entry in revoked:
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(ca_key, hashes.SHA256())
