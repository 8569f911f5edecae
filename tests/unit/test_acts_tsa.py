"""The helpdesk's RFC 3161 timestamp authority and CRL endpoint (helpdesk.pki), in process."""

import asyncio
import hashlib
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import FastAPI

from app.acts.pki import make_pki, write_pki
from helpdesk.pki import PKI_DIR_ENV_VAR, TIMESTAMP_QUERY, TimestampReply, create_pki_app, router

QUERY = {"Content-Type": TIMESTAMP_QUERY}


@pytest.fixture(scope="module")
def pki_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("pki")
    write_pki(make_pki(datetime.now(UTC), "http://127.0.0.1:9"), directory)
    return directory


class Client:
    """In-process ASGI calls (no socket): ``TestClient`` is deprecated with httpx here."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *_exc: object) -> None:
        pass

    def _call(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://pki.test") as c:
                return await c.request(method, url, **kwargs)  # type: ignore[arg-type]

        return asyncio.run(go())

    def post(self, url: str, **kwargs: object) -> httpx.Response:
        return self._call("POST", url, **kwargs)

    def get(self, url: str, **kwargs: object) -> httpx.Response:
        return self._call("GET", url, **kwargs)


def request(digest: bytes, algorithm: str = "sha256", **extra: object) -> bytes:
    fields = {
        "version": "v1",
        "message_imprint": {"hash_algorithm": {"algorithm": algorithm}, "hashed_message": digest},
        "cert_req": True,
        **extra,
    }
    return tsp.TimeStampReq(fields).dump()


def test_a_granted_token_is_signed_by_the_tsa_over_the_imprint(pki_dir: Path) -> None:
    digest = hashlib.sha256(b"the act").digest()
    with Client(create_pki_app(pki_dir)) as client:
        reply = client.post("/v1/pki/timestamp", content=request(digest, nonce=77), headers=QUERY)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "application/timestamp-reply"
    response = tsp.TimeStampResp.load(reply.content)
    assert response["status"]["status"].native == "granted"
    signed = response["time_stamp_token"]["content"]
    info = signed["encap_content_info"]["content"].parsed
    assert info["message_imprint"]["hashed_message"].native == digest
    assert info["nonce"].native == 77
    signer = signed["signer_infos"][0]
    attrs = {a["type"].native: a["values"][0] for a in signer["signed_attrs"]}
    assert attrs["message_digest"].native == hashlib.sha256(info.dump()).digest()
    tsa = x509.load_pem_x509_certificate((pki_dir / "tsa.pem").read_bytes())
    public = tsa.public_key()
    assert isinstance(public, ec.EllipticCurvePublicKey)
    public.verify(  # raises if the signature is not the TSA's
        signer["signature"].native, signer["signed_attrs"].untag().dump(), ec.ECDSA(hashes.SHA256())
    )
    assert [c.chosen.sha256 for c in signed["certificates"]] == [
        hashlib.sha256(tsa.public_bytes(serialization.Encoding.DER)).digest()
    ]


@pytest.mark.parametrize(
    ("body", "fail_info"),
    [
        (b"not DER", "bad_data_format"),
        (request(b"\x00" * 20, "sha1"), "bad_alg"),
        (request(b"\x00" * 31), "bad_alg"),
        (request(b"\x00" * 32, req_policy="1.2.3.4"), "unaccepted_policy"),
    ],
)
def test_bad_requests_are_refused_in_rfc3161_terms(
    pki_dir: Path, body: bytes, fail_info: str
) -> None:
    with Client(create_pki_app(pki_dir)) as client:
        reply = client.post("/v1/pki/timestamp", content=body, headers=QUERY)
    assert reply.status_code == 200
    status = TimestampReply.load(reply.content)["status"]
    assert status["status"].native == "rejection"
    assert status["fail_info"].native == {fail_info}


def test_http_level_refusals(pki_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Client(create_pki_app(pki_dir)) as client:
        assert client.post("/v1/pki/timestamp", content=b"x").status_code == 415
        assert client.get("/v1/pki/crl/unknown.crl").status_code == 404
        assert (
            client.get("/v1/pki/crl/acts-ca.crl").content
            == (pki_dir / "crl" / "acts-ca.crl").read_bytes()
        )
    bare = FastAPI()
    bare.include_router(router)
    monkeypatch.delenv(PKI_DIR_ENV_VAR, raising=False)
    with Client(bare) as client:
        assert client.get("/v1/pki/crl/acts-ca.crl").status_code == 503
    monkeypatch.setenv(PKI_DIR_ENV_VAR, str(pki_dir))
    with Client(bare) as client:
        assert client.get("/v1/pki/crl/acts-ca.crl").status_code == 200
