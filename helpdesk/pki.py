"""The helpdesk's PKI endpoints: the timestamp authority, the CRLs, the tablets' certificates.

Mounted by ``helpdesk.app.create_app`` (``app.include_router(pki.router)``):

* ``POST /v1/pki/timestamp`` — body ``application/timestamp-query`` (a DER
  ``TimeStampReq``), answer ``application/timestamp-reply`` (a DER
  ``TimeStampResp``), HTTP 200 whether granted or rejected (RFC 3161 §3.4). The token
  is a CMS SignedData over a ``TSTInfo``, signed by the TSA key (ECDSA P-256, SHA-256)
  with an ESS ``signing-certificate-v2`` attribute; SHA-256/384/512 imprints only.
* ``GET /v1/pki/crl/{name}.crl`` — a DER CRL (``application/pkix-crl``), the URL the
  CAs wrote into their certificates' CRL distribution points: the acts CA's built
  from the tablets' certificates revoked in the database (``helpdesk.pki_devices``),
  any other from ``<pki_dir>/crl/<name>.crl``.
* ``POST /v1/pki/device-certificate`` — an enrolled tablet's (device token) CSR in,
  its act-signing certificate out: ``{"chain": [tablet, acts CA], "timestamp_roots":
  [TSA root], "not_after"}`` (``helpdesk.pki_devices``).

The timestamp and the CRLs need no device token: validators fetch CRLs anonymously,
and a timestamp reveals nothing but a hash. Which files: ``configure_pki(app,
pki_dir)`` (as written by ``app.acts.pki.write_pki``), else
``$VIP_HELPDESK_PKI_DIR``; without either the endpoints answer 503.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from asn1crypto import algos, cms, core, tsp, x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response
from pydantic import Field

from app.acts.pki import CA_NAME, PEM
from helpdesk.auth import AuthDevice
from helpdesk.edge import Strict
from helpdesk.pki_devices import (
    CertificateRequestRefused,
    DeviceCa,
    SigningKeyPinned,
    current_crl,
    issue,
)

log = logging.getLogger(__name__)

PKI_DIR_ENV_VAR = "VIP_HELPDESK_PKI_DIR"
TSA_POLICY_OID = "2.25.147690970783031486247595253968023751440"  # UUID arc, demo TSA policy
TIMESTAMP_QUERY = "application/timestamp-query"
TIMESTAMP_REPLY = "application/timestamp-reply"
MAX_QUERY_BYTES = 16 * 1024
_DIGEST_SIZES = {"sha256": 32, "sha384": 48, "sha512": 64}
_CRL_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")

router = APIRouter(prefix="/v1/pki", tags=["pki"])


@dataclass
class TimestampAuthority:
    """The TSA's certificate and key, and the directory of CRLs it serves."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey
    crl_dir: Path
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    device_ca: DeviceCa | None = None  # issues the tablets' signing certificates

    @classmethod
    def load(cls, pki_dir: Path) -> TimestampAuthority:
        cert = x509.Certificate.load(_der((pki_dir / "tsa.pem").read_bytes()))
        key = serialization.load_pem_private_key((pki_dir / "tsa-key.pem").read_bytes(), None)
        if not isinstance(key, ec.EllipticCurvePrivateKey):
            raise ValueError("the demo TSA key must be an EC key")
        return cls(cert, key, pki_dir / "crl", device_ca=DeviceCa.load(pki_dir))

    def respond(self, query: bytes) -> TimestampReply:
        try:
            request = tsp.TimeStampReq.load(query)
            imprint = request["message_imprint"]
            algorithm = imprint["hash_algorithm"]["algorithm"].native
            digest = imprint["hashed_message"].native
        except (ValueError, TypeError, KeyError) as error:
            log.info("timestamp query refused: %s", error)
            return _rejection("bad_data_format", "not a DER TimeStampReq")
        if algorithm not in _DIGEST_SIZES or len(digest) != _DIGEST_SIZES[algorithm]:
            return _rejection("bad_alg", f"unsupported imprint {algorithm}")
        if request["req_policy"].native not in (None, TSA_POLICY_OID):
            return _rejection("unaccepted_policy", "unknown policy")
        if request["extensions"].native:
            return _rejection("unaccepted_extension", "no extensions are supported")
        token = self._token(request, self.clock())
        return TimestampReply(
            {"status": tsp.PKIStatusInfo({"status": "granted"}), "time_stamp_token": token}
        )

    def _token(self, request: tsp.TimeStampReq, now: datetime) -> cms.ContentInfo:
        info: dict[str, object] = {
            "version": "v1",
            "policy": TSA_POLICY_OID,
            "message_imprint": request["message_imprint"],
            "serial_number": secrets.randbits(63),
            "gen_time": now.astimezone(UTC),
            "accuracy": {"seconds": 1},
            "ordering": False,
            "tsa": x509.GeneralName(name="directory_name", value=self.cert.subject),
        }
        if request["nonce"].native is not None:
            info["nonce"] = request["nonce"]
        tst_info = tsp.TSTInfo(info).dump()
        message_digest = hashes.Hash(hashes.SHA256())
        message_digest.update(tst_info)
        signing_certificate = tsp.SigningCertificateV2(
            {
                "certs": [
                    {
                        "hash_algorithm": {"algorithm": "sha256"},
                        "cert_hash": self.cert.sha256,
                        "issuer_serial": {
                            "issuer": [
                                x509.GeneralName(name="directory_name", value=self.cert.issuer)
                            ],
                            "serial_number": self.cert.serial_number,
                        },
                    }
                ]
            }
        )
        signed_attrs = cms.CMSAttributes(
            [
                _attr("content_type", cms.ContentType("tst_info")),
                _attr("signing_time", cms.Time({"utc_time": core.UTCTime(now.astimezone(UTC))})),
                _attr("message_digest", message_digest.finalize()),
                _attr("signing_certificate_v2", signing_certificate),
            ]
        )
        signature = self.key.sign(signed_attrs.dump(), ec.ECDSA(hashes.SHA256()))
        digest_algorithm = algos.DigestAlgorithm({"algorithm": "sha256"})
        signer_info = cms.SignerInfo(
            {
                "version": "v1",
                "sid": cms.SignerIdentifier(
                    name="issuer_and_serial_number",
                    value=cms.IssuerAndSerialNumber(
                        {"issuer": self.cert.issuer, "serial_number": self.cert.serial_number}
                    ),
                ),
                "digest_algorithm": digest_algorithm,
                "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
                "signed_attrs": signed_attrs,
                "signature": signature,
            }
        )
        signed_data: dict[str, object] = {
            "version": "v3",
            "digest_algorithms": [digest_algorithm],
            "encap_content_info": {
                "content_type": "tst_info",
                "content": cms.ParsableOctetString(tst_info),
            },
            "signer_infos": [signer_info],
        }
        if request["cert_req"].native:
            signed_data["certificates"] = [self.cert]
        return cms.ContentInfo(
            {"content_type": "signed_data", "content": cms.SignedData(signed_data)}
        )

    def crl(self, name: str) -> bytes | None:
        if not _CRL_NAME.match(name):
            return None
        path = self.crl_dir / f"{name}.crl"
        return path.read_bytes() if path.is_file() else None


def configure_pki(app: FastAPI, pki_dir: Path) -> TimestampAuthority:
    """Serve the PKI in ``pki_dir`` from ``app``'s PKI endpoints."""
    authority = TimestampAuthority.load(pki_dir)
    app.state.vip_pki = authority
    return authority


def create_pki_app(pki_dir: Path) -> FastAPI:
    """A service with only the PKI endpoints: for tests and a stand-alone demo TSA."""
    app = FastAPI(title="VIP helpdesk PKI")
    app.include_router(router)
    configure_pki(app, pki_dir)
    return app


def _authority(request: Request) -> TimestampAuthority:
    authority = getattr(request.app.state, "vip_pki", None)
    if authority is None:
        directory = os.environ.get(PKI_DIR_ENV_VAR, "")
        if not directory:
            raise HTTPException(503, "the timestamp authority is not configured")
        authority = configure_pki(request.app, Path(directory))
    assert isinstance(authority, TimestampAuthority)
    return authority


@router.post("/timestamp", response_class=Response)
async def timestamp(request: Request) -> Response:
    authority = _authority(request)
    content_type = request.headers.get("content-type", "").split(";")[0].strip()
    if content_type != TIMESTAMP_QUERY:
        raise HTTPException(415, f"expected {TIMESTAMP_QUERY}")
    body = await request.body()
    if len(body) > MAX_QUERY_BYTES:
        raise HTTPException(413, "a timestamp query is a few hundred bytes")
    reply = authority.respond(body)
    return Response(content=reply.dump(), media_type=TIMESTAMP_REPLY)


@router.get("/crl/{name}.crl", response_class=Response)
def crl(name: str, request: Request) -> Response:
    authority = _authority(request)
    context = getattr(request.app.state, "helpdesk", None)
    if name == CA_NAME and authority.device_ca is not None and context is not None:
        data: bytes | None = current_crl(context.db, authority.device_ca, authority.clock())
    else:
        data = authority.crl(name)
    if data is None:
        raise HTTPException(404, f"no CRL named {name}")
    return Response(
        content=data,
        media_type="application/pkix-crl",
        headers={"Cache-Control": "max-age=300"},
    )


class CertificateRequest(Strict):
    csr: str = Field(max_length=4096)


@router.post("/device-certificate")
def device_certificate(
    body: CertificateRequest, request: Request, device: AuthDevice
) -> dict[str, object]:
    """The authenticated tablet's act-signing certificate for the key of its CSR."""
    authority = _authority(request)
    ca = authority.device_ca
    if ca is None:
        raise HTTPException(503, "this helpdesk issues no act-signing certificates")
    url = str(request.base_url).rstrip("/")
    try:
        cert = issue(request.app.state.helpdesk.db, ca, device, body.csr, url, authority.clock())
    except SigningKeyPinned as refusal:
        raise HTTPException(409, str(refusal)) from None
    except CertificateRequestRefused as refusal:
        raise HTTPException(422, str(refusal)) from None
    log.info("act-signing certificate %x issued to %s", cert.serial_number, device)
    return {
        "chain": [cert.public_bytes(PEM).decode("ascii"), ca.pem.decode("ascii")],
        "timestamp_roots": [ca.tsa_root.decode("ascii")] if ca.tsa_root else [],
        "not_after": cert.not_valid_after_utc.isoformat(),
    }


class TimestampReply(core.Sequence):  # type: ignore[misc]
    """``TimeStampResp`` with the token optional, as RFC 3161 has it (asn1crypto's is not)."""

    _fields = [
        ("status", tsp.PKIStatusInfo),
        ("time_stamp_token", cms.ContentInfo, {"optional": True}),
    ]


def _rejection(fail_info: str, text: str) -> TimestampReply:
    status = tsp.PKIStatusInfo(
        {
            "status": "rejection",
            "status_string": [text],
            "fail_info": tsp.PKIFailureInfo({fail_info}),
        }
    )
    return TimestampReply({"status": status})


def _attr(kind: str, value: object) -> cms.CMSAttribute:
    return cms.CMSAttribute({"type": kind, "values": [value]})


def _der(pem_or_der: bytes) -> bytes:
    if pem_or_der.lstrip().startswith(b"-----"):
        from asn1crypto import pem

        _kind, _headers, der = pem.unarmor(pem_or_der)
        return bytes(der)
    return pem_or_der
