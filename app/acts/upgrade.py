"""From B-B to B-T and B-LT, once the helpdesk (TSA, CRLs) answers. Never in place.

* **B-T**: a document timestamp (``/DocTimeStamp``, RFC 3161 token from the property's
  TSA at ``POST <helpdesk>/v1/pki/timestamp``) in a new incremental update: it proves
  the signatures existed at that time.
* **B-LT**: the validation data (the CA and TSA certificates, the CA's CRL fetched
  from the CRL distribution point of each certificate) in the document security
  store (``/DSS``), in one more incremental update, so the act can be validated
  later without the network.

Each step appends to the previous file, so the earlier bytes, and every signature
over them, stay as they were; each result is stored as its own revision. Neither step
touches the document information or the XMP metadata (``UpgradeWriter``): ``act
verify`` refuses any change to them after the last signature. A signer
that the fetched CRL says is revoked gets no B-LT (``SignerRevoked``).
"""

import asyncio
import io
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import httpx
from asn1crypto import cms, core, pem, tsp
from asn1crypto import crl as asn1_crl
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.common_utils import TimestampRequestError
from pyhanko.sign.validation import DocumentSecurityStore, collect_validation_info
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.errors import PathValidationError, RevokedError

from app.acts.model import SignatureLevel

log = logging.getLogger(__name__)

TIMESTAMP_PATH = "/v1/pki/timestamp"
TIMESTAMP_BYTES = 8192  # reserved for the TSA's token (with its certificate)
TIMEOUT_S = 5.0


class UpgradeUnavailable(Exception):
    """The TSA or a CRL could not be reached or gave nonsense: try again later."""


class SignerRevoked(Exception):
    """A CRL lists a certificate of the act's signer or TSA: no B-LT for it."""


@dataclass(frozen=True)
class UpgradeStep:
    level: SignatureLevel
    pdf: bytes


class UpgradeWriter(IncrementalPdfFileWriter):
    """An incremental writer that leaves ``/Info`` and the XMP metadata as signed.

    pyHanko stamps ``/ModDate`` and ``/Producer`` into ``/Info`` and regenerates the
    XMP on every write; after the last signature that is a change nothing signs
    (``app.acts.after_signing``).
    """

    def _update_meta(self) -> None:
        return None


def timestamp_url(helpdesk_url: str) -> str:
    return helpdesk_url.rstrip("/") + TIMESTAMP_PATH


class HttpxTimeStamper(TimeStamper):
    """RFC 3161 over HTTP with httpx (the client the console already uses)."""

    def __init__(self, url: str, client: httpx.Client) -> None:
        super().__init__(include_nonce=True)  # type: ignore[no-untyped-call]
        self.url = url
        self._client = client

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        try:
            response = self._client.post(
                self.url,
                content=req.dump(),
                headers={"Content-Type": "application/timestamp-query"},
            )
        except httpx.HTTPError as error:
            raise TimestampRequestError(f"timestamp authority unreachable: {error}") from error
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        if response.status_code != 200 or content_type != "application/timestamp-reply":
            raise TimestampRequestError(f"timestamp authority answered {response.status_code}")
        try:
            status = _Reply.load(response.content)["status"]
            granted = status["status"].native in ("granted", "granted_with_mods")
        except ValueError as error:
            raise TimestampRequestError("timestamp authority sent no TimeStampResp") from error
        if not granted:
            text = "; ".join(status["status_string"].native or ())
            raise TimestampRequestError(f"timestamp refused: {status['status'].native} {text}")
        return tsp.TimeStampResp.load(response.content)


class _Reply(core.Sequence):  # type: ignore[misc]
    """RFC 3161 ``TimeStampResp``: the token is optional (absent when refused)."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def add_timestamp(pdf: bytes, url: str, client: httpx.Client) -> bytes:
    """B-T: one incremental update with a document timestamp from the TSA at ``url``."""
    return stamp_with(pdf, HttpxTimeStamper(url, client))


def stamp_with(pdf: bytes, timestamper: TimeStamper) -> bytes:
    """B-T with any RFC 3161 ``timestamper`` (tests use the helpdesk's TSA in process)."""
    return asyncio.run(_add_timestamp(pdf, timestamper))


async def _add_timestamp(pdf: bytes, timestamper: TimeStamper) -> bytes:
    writer = UpgradeWriter(io.BytesIO(pdf))
    count = len(writer.prev.embedded_timestamp_signatures)
    stamper = signers.PdfTimeStamper(timestamper, field_name=f"ActTimestamp{count + 1}")
    try:
        output = await stamper.async_timestamp_pdf(writer, "sha256", bytes_reserved=TIMESTAMP_BYTES)
    except TimestampRequestError as error:
        raise UpgradeUnavailable(str(error)) from error
    return bytes(output.getvalue())


CRL_PATH = re.compile(r"/v1/pki/crl/[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.crl$")


def fetch_crls(
    certs: Sequence[asn1_x509.Certificate], client: httpx.Client, mirror: str | None = None
) -> list[bytes]:
    """The CRL behind every HTTP distribution point of ``certs`` (each URL once).

    ``mirror``: the console's helpdesk. A helpdesk CRL (``/v1/pki/crl/<name>.crl``)
    whose distribution point does not answer is fetched from the mirror instead — the
    demo's embedded helpdesk listens on a port chosen at start. Where a CRL comes from
    does not matter for trust: it is signed by the CA, and validation checks that.
    """
    urls: list[str] = []
    for cert in certs:
        for point in cert.crl_distribution_points or ():
            for url in _http_urls(point):
                if url not in urls:
                    urls.append(url)
    crls = []
    for url in urls:
        try:
            data = _get_crl(client, url)
        except UpgradeUnavailable:
            path = CRL_PATH.search(url)
            if mirror is None or path is None:
                raise
            data = _get_crl(client, mirror.rstrip("/") + path.group(0))
        crls.append(data)
    return crls


def _get_crl(client: httpx.Client, url: str) -> bytes:
    try:
        response = client.get(url)
    except httpx.HTTPError as error:
        raise UpgradeUnavailable(f"CRL {url} unreachable: {error}") from error
    if response.status_code != 200:
        raise UpgradeUnavailable(f"CRL {url}: HTTP {response.status_code}")
    data = response.content
    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    try:
        asn1_crl.CertificateList.load(data).native  # noqa: B018 - parse it all now
    except ValueError as error:
        raise UpgradeUnavailable(f"CRL {url} is not a CRL") from error
    return bytes(data)


def _http_urls(point: object) -> list[str]:
    names = getattr(point, "url", None)
    return [names] if isinstance(names, str) and names.startswith("http") else []


def add_validation_data(
    pdf: bytes,
    trust_roots: Sequence[asn1_x509.Certificate],
    client: httpx.Client,
    mirror: str | None = None,
) -> bytes:
    """B-LT: one incremental update with certificates and CRLs for every signature."""
    return asyncio.run(_add_validation_data(pdf, trust_roots, client, mirror))


async def _add_validation_data(
    pdf: bytes,
    trust_roots: Sequence[asn1_x509.Certificate],
    client: httpx.Client,
    mirror: str | None,
) -> bytes:
    reader = PdfFileReader(io.BytesIO(pdf))
    signatures = list(reader.embedded_signatures)
    certs: list[asn1_x509.Certificate] = []
    for sig in signatures:
        certs.append(sig.signer_cert)
        certs.extend(sig.other_embedded_certs)
    crls = fetch_crls([c for c in certs if c.self_signed == "no"], client, mirror)
    context = ValidationContext(
        trust_roots=list(trust_roots),
        other_certs=certs,
        crls=crls,
        allow_fetching=False,
        revocation_mode="require",
    )
    writer = UpgradeWriter(io.BytesIO(pdf))
    for sig in signatures:
        try:
            paths = await collect_validation_info(sig, context)
        except RevokedError as error:
            raise SignerRevoked(f"{sig.field_name}: {error}") from error
        except PathValidationError as error:
            raise UpgradeUnavailable(f"{sig.field_name}: {error}") from error
        DocumentSecurityStore.supply_dss_in_writer(
            writer,
            sig.pkcs7_content.hex().encode("ascii"),
            paths=paths,
            validation_context=context,
        )
    output = io.BytesIO()
    writer.write(output)  # type: ignore[no-untyped-call]
    return output.getvalue()


@dataclass(frozen=True)
class UpgradeResult:
    steps: list[UpgradeStep]
    stopped: str | None = None  # why it did not reach B-LT, if it did not
    revoked: bool = False


def upgrade(
    pdf: bytes,
    level: SignatureLevel,
    *,
    helpdesk_url: str,
    trust_roots: Sequence[asn1_x509.Certificate],
    client: httpx.Client,
) -> UpgradeResult:
    """The steps still missing up to B-LT, each on top of the one before.

    Stops at the first step that cannot be made and says why; the steps made so far
    are kept (a B-T is worth storing even when the CRL is unreachable).
    """
    steps: list[UpgradeStep] = []
    current = pdf
    try:
        if level.rank < SignatureLevel.B_T.rank:
            current = add_timestamp(current, timestamp_url(helpdesk_url), client)
            steps.append(UpgradeStep(SignatureLevel.B_T, current))
        if level.rank < SignatureLevel.B_LT.rank:
            current = add_validation_data(current, trust_roots, client, mirror=helpdesk_url)
            steps.append(UpgradeStep(SignatureLevel.B_LT, current))
    except UpgradeUnavailable as error:
        log.info("act upgrade stopped at %s: %s", steps[-1].level if steps else level, error)
        return UpgradeResult(steps, str(error))
    except SignerRevoked as error:
        log.error("act signer revoked, no B-LT: %s", error)
        return UpgradeResult(steps, str(error), revoked=True)
    return UpgradeResult(steps)
