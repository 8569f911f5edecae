"""The property's PKI for signed acts: duties kept apart (issue 13).

Two roots, never one:

* the **acts CA** (document signing) issues each tablet its own signing certificate
  at enrolment (``issue_device_certificate``: EC P-256, key usage digital signature
  + non-repudiation, EKU ``id-kp-documentSigning``, valid ``DEVICE_CERT_DAYS``,
  renewed online). Its key is the helpdesk's: it issues, and its CRL revokes a lost
  tablet's certificates from the moment IT revokes the device;
* the **TSA root** certifies only the timestamp authority (EKU timeStamping,
  critical). Its key is discarded once the TSA certificate and its CRL are issued.

``act verify`` trusts the acts CA for signatures and the TSA root for timestamps,
and requires the document-signing EKU of a signer: the TSA's key (on the helpdesk)
cannot sign an act that verifies.

``write_pki`` writes a PKI to a directory (the helpdesk's, or a demo property's
``<data_dir>/pki``, which the embedded demo helpdesk serves):

==================  ==========================================================
``ca.pem``          the acts CA certificate: the trust anchor for signatures
``ca-key.pem``      its key (the helpdesk issues and revokes with it)
``tsa-ca.pem``      the TSA root: the trust anchor for timestamps
``tsa.pem``         the timestamp authority's certificate
``tsa-key.pem``     its key (the helpdesk's TSA)
``crl/<ca>.crl``    each root's CRL (DER); the helpdesk serves the acts CA's own,
                    built from the certificates it revoked
==================  ==========================================================

A tablet keeps only ``ca.pem`` and ``tsa-ca.pem`` (its signing key and certificate
live in its encrypted store, ``app.acts.device_cert``).

Every certificate carries a CRL distribution point on the helpdesk,
``<helpdesk_url>/v1/pki/crl/<ca>.crl``. The demo uses ``DEMO_HELPDESK_URL`` (the
reference helpdesk's fixed demo port); tests make a PKI once their server's port is
known; the helpdesk names itself in the tablets' certificates it issues.
"""

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

DEMO_HELPDESK_URL = "http://127.0.0.1:8765"
CA_NAME = "acts-ca"
TSA_CA_NAME = "tsa-ca"
PKI_DIR = "pki"
CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
TSA_CA_FILE = "tsa-ca.pem"
TSA_CERT_FILE = "tsa.pem"
TSA_KEY_FILE = "tsa-key.pem"
CRL_DIR = "crl"
DEVICE_CERT_DAYS = 30  # short-lived: renewed online (app.acts.device_cert)
CLOCK_LAG = dt.timedelta(hours=1)  # certificates start early: a tablet clock a little behind

DOCUMENT_SIGNING_EKU = x509.ObjectIdentifier("1.3.6.1.5.5.7.3.36")  # id-kp-documentSigning
PEM = serialization.Encoding.PEM


def crl_url(helpdesk_url: str, ca_name: str = CA_NAME) -> str:
    return f"{helpdesk_url.rstrip('/')}/v1/pki/crl/{ca_name}.crl"


@dataclass(frozen=True)
class SigningMaterial:
    """A tablet's signing key and certificate chain (leaf first), as PEM: what its
    encrypted store keeps and its signing process loads."""

    key_pem: bytes
    chain_pem: tuple[bytes, ...]

    @property
    def certificate(self) -> x509.Certificate:
        return x509.load_pem_x509_certificate(self.chain_pem[0])


@dataclass(frozen=True)
class Pki:
    """Keys and certificates of one PKI, in memory (the TSA root's key is not kept)."""

    ca_cert: x509.Certificate
    ca_key: ec.EllipticCurvePrivateKey
    tsa_root: x509.Certificate
    tsa_cert: x509.Certificate
    tsa_key: ec.EllipticCurvePrivateKey
    crl: x509.CertificateRevocationList  # the acts CA's
    tsa_crl: x509.CertificateRevocationList
    helpdesk_url: str = DEMO_HELPDESK_URL
    ca_name: str = CA_NAME

    def issue_device(
        self,
        device_id: str,
        public_key: ec.EllipticCurvePublicKey,
        now: dt.datetime,
        days: int = DEVICE_CERT_DAYS,
    ) -> x509.Certificate:
        return issue_device_certificate(
            self.ca_cert,
            self.ca_key,
            device_id,
            public_key,
            now,
            self.helpdesk_url,
            days,
            self.ca_name,
        )

    def device_material(
        self, device_id: str, now: dt.datetime, days: int = DEVICE_CERT_DAYS
    ) -> SigningMaterial:
        """A new key and its certificate for ``device_id`` (tests, the demo tablet)."""
        key = ec.generate_private_key(ec.SECP256R1())
        cert = self.issue_device(device_id, key.public_key(), now, days)
        return SigningMaterial(private_pem(key), (cert.public_bytes(PEM), self.ca_pem))

    @property
    def ca_pem(self) -> bytes:
        return self.ca_cert.public_bytes(PEM)

    def revoke(self, cert: x509.Certificate, when: dt.datetime) -> "Pki":
        """This PKI with ``cert`` added to a freshly issued CRL of the acts CA."""
        revoked = [*self.crl, revoked_entry(cert.serial_number, when)]
        crl = issue_crl(self.ca_cert, self.ca_key, when, revoked, next_crl_number(self.crl))
        return Pki(**{**self.__dict__, "crl": crl})


@dataclass(frozen=True)
class PkiPaths:
    """Where ``write_pki`` put the files of a PKI."""

    root: Path

    @property
    def ca(self) -> Path:
        return self.root / CA_FILE

    @property
    def ca_key(self) -> Path:
        return self.root / CA_KEY_FILE

    @property
    def tsa_ca(self) -> Path:
        return self.root / TSA_CA_FILE

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
    """An acts CA, and a TSA under a root of its own, CRL points on ``helpdesk_url``."""
    start = now - CLOCK_LAG
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = _root(ca_key, x509_name(f"{property_name} Acts CA", property_name), start)
    root_key = ec.generate_private_key(ec.SECP256R1())
    tsa_root = _root(root_key, x509_name(f"{property_name} TSA Root", property_name), start)
    tsa_key = ec.generate_private_key(ec.SECP256R1())
    tsa_cert = issue_certificate(
        tsa_root,
        root_key,
        x509_name(f"{property_name} Timestamp Authority", property_name),
        tsa_key.public_key(),
        start,
        crl_url(helpdesk_url, TSA_CA_NAME),
        key_usage(signing=True),
        x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
        days=3650,
        eku_critical=True,
    )
    # The TSA root signs nothing else, ever: its CRL lasts as long as it does.
    tsa_crl = issue_crl(tsa_root, root_key, start, [], 1, dt.timedelta(days=3650))
    crl = issue_crl(ca_cert, ca_key, start, [], 1)
    return Pki(ca_cert, ca_key, tsa_root, tsa_cert, tsa_key, crl, tsa_crl, helpdesk_url, ca_name)


def issue_device_certificate(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    device_id: str,
    public_key: ec.EllipticCurvePublicKey,
    now: dt.datetime,
    helpdesk_url: str,
    days: int = DEVICE_CERT_DAYS,
    ca_name: str = CA_NAME,
) -> x509.Certificate:
    """A tablet's document-signing certificate under the acts CA (the helpdesk's job)."""
    organisation = organisation_of(ca_cert)
    return issue_certificate(
        ca_cert,
        ca_key,
        x509_name(f"{organisation} — tablet {device_id}", organisation),
        public_key,
        now - CLOCK_LAG,
        crl_url(helpdesk_url, ca_name),
        key_usage(signing=True),
        x509.ExtendedKeyUsage([DOCUMENT_SIGNING_EKU]),
        days=days,
    )


def write_pki(pki: Pki, directory: Path) -> PkiPaths:
    """Write the files listed in the module docstring."""
    paths = PkiPaths(directory)
    (directory / CRL_DIR).mkdir(parents=True, exist_ok=True)
    paths.ca.write_bytes(pki.ca_pem)
    write_private(paths.ca_key, private_pem(pki.ca_key))
    paths.tsa_ca.write_bytes(pki.tsa_root.public_bytes(PEM))
    paths.tsa_cert.write_bytes(pki.tsa_cert.public_bytes(PEM))
    write_private(paths.tsa_key, private_pem(pki.tsa_key))
    paths.crl(pki.ca_name).write_bytes(pki.crl.public_bytes(serialization.Encoding.DER))
    paths.crl(TSA_CA_NAME).write_bytes(pki.tsa_crl.public_bytes(serialization.Encoding.DER))
    return paths


def write_demo_pki(
    data_dir: Path,
    now: dt.datetime,
    property_name: str,
    helpdesk_url: str = DEMO_HELPDESK_URL,
) -> Pki:
    """``demo-data``'s PKI in ``<data_dir>/pki`` (the embedded demo helpdesk serves it)."""
    pki = make_pki(now, helpdesk_url, property_name)
    write_pki(pki, data_dir / PKI_DIR)
    return pki


def load_ca(paths: PkiPaths) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    """The acts CA's certificate and key (the helpdesk's)."""
    cert = x509.load_pem_x509_certificate(paths.ca.read_bytes())
    key = serialization.load_pem_private_key(paths.ca_key.read_bytes(), None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise ValueError("the acts CA key must be an EC key")
    return cert, key


def private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())


def write_private(path: Path, data: bytes) -> None:
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)
    path.write_bytes(data)


def organisation_of(cert: x509.Certificate) -> str:
    value = cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    return value.decode() if isinstance(value, bytes) else value


def x509_name(common_name: str, organisation: str) -> x509.Name:
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


def _root(
    key: ec.EllipticCurvePrivateKey, subject: x509.Name, start: dt.datetime
) -> x509.Certificate:
    return (
        _builder(subject, subject, key.public_key(), start, days=3650)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )


def key_usage(*, cert_sign: bool = False, signing: bool = False) -> x509.KeyUsage:
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


def issue_certificate(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    subject: x509.Name,
    public_key: ec.EllipticCurvePublicKey,
    start: dt.datetime,
    dp_url: str,
    usage: x509.KeyUsage,
    eku: x509.ExtendedKeyUsage,
    *,
    days: int,
    eku_critical: bool = False,
) -> x509.Certificate:
    distribution_point = x509.DistributionPoint(
        full_name=[x509.UniformResourceIdentifier(dp_url)],
        relative_name=None,
        reasons=None,
        crl_issuer=None,
    )
    return (
        _builder(subject, ca_cert.subject, public_key, start, days=days)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(eku, critical=eku_critical)
        .add_extension(x509.CRLDistributionPoints([distribution_point]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )


def revoked_entry(serial: int, when: dt.datetime) -> x509.RevokedCertificate:
    return (
        x509.RevokedCertificateBuilder()
        .serial_number(serial)
        .revocation_date(when)
        .add_extension(x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False)
        .build()
    )


def next_crl_number(crl: x509.CertificateRevocationList) -> int:
    number = crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    return int(number) + 1


def issue_crl(
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    when: dt.datetime,
    revoked: list[x509.RevokedCertificate],
    number: int,
    validity: dt.timedelta = dt.timedelta(days=365),
) -> x509.CertificateRevocationList:
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(ca_cert.subject)
        .last_update(when)
        .next_update(when + validity)
        .add_extension(x509.CRLNumber(number), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
    )
    for entry in revoked:
        builder = builder.add_revoked_certificate(entry)
    return builder.sign(ca_key, hashes.SHA256())
