"""B-B offline, then B-T and B-LT against the helpdesk's PKI router on 127.0.0.1.

The server is a tiny FastAPI app with only ``helpdesk.pki.router`` (uvicorn in a
thread, ephemeral port). The test PKI is made once the port is known, so every
certificate's CRL distribution point is that server's URL.
"""

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import uvicorn
from asn1crypto import tsp
from cryptography.hazmat.primitives import serialization

from app.acts.model import SignatureLevel
from app.acts.online import ActUpgrader
from app.acts.pki import Pki, crl_url, make_pki
from app.acts.upgrade import HttpxTimeStamper, timestamp_url, upgrade
from app.acts.verify import load_trust, verify_pdf
from helpdesk.pki import TIMESTAMP_REPLY, TimestampReply, create_pki_app
from tests.unit.acts_fixtures import PIT_BOSS, ActsEnv, act_draft, build_env, pdfsig

VALID = "Signature Validation: Signature is Valid."


@dataclass
class PkiServer:
    url: str
    pki: Pki
    pki_dir: Path


@pytest.fixture
def pki_server(tmp_path: Path) -> Iterator[PkiServer]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    pki = make_pki(datetime.now(UTC), url)
    from app.acts.pki import write_pki

    pki_dir = tmp_path / "helpdesk-pki"
    write_pki(pki, pki_dir, "unused")
    server = uvicorn.Server(uvicorn.Config(create_pki_app(pki_dir), log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "PKI server did not start"
        time.sleep(0.01)
    try:
        yield PkiServer(url, pki, pki_dir)
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture
def env(tmp_path: Path, pki_server: PkiServer) -> Iterator[ActsEnv]:
    built = build_env(tmp_path / "console", pki_server.pki)
    yield built
    built.store.close()


def test_the_tsa_answers_rfc3161_and_the_crl_is_served(pki_server: PkiServer) -> None:
    with httpx.Client() as client:
        stamper = HttpxTimeStamper(timestamp_url(pki_server.url), client)
        request = tsp.TimeStampReq(
            {
                "version": "v1",
                "message_imprint": {
                    "hash_algorithm": {"algorithm": "sha256"},
                    "hashed_message": b"\x01" * 32,
                },
                "nonce": 12345,
                "cert_req": True,
            }
        )
        import asyncio

        reply = asyncio.run(stamper.async_request_tsa_response(request))
        assert reply["status"]["status"].native == "granted"
        info = reply["time_stamp_token"]["content"]["encap_content_info"]["content"].parsed
        assert info["nonce"].native == 12345
        assert info["message_imprint"]["hashed_message"].native == b"\x01" * 32

        garbage = client.post(
            timestamp_url(pki_server.url),
            content=b"nonsense",
            headers={"Content-Type": "application/timestamp-query"},
        )
        assert garbage.status_code == 200 and garbage.headers["content-type"] == TIMESTAMP_REPLY
        refused = TimestampReply.load(garbage.content)["status"]
        assert refused["status"].native == "rejection"
        assert refused["fail_info"].native == {"bad_data_format"}

        crl = client.get(crl_url(pki_server.url))
        assert crl.status_code == 200
        assert crl.content == pki_server.pki.crl.public_bytes(serialization.Encoding.DER)
        assert client.get(f"{pki_server.url}/v1/pki/crl/..%2Fca.crl").status_code == 404


def test_an_act_signed_offline_verifies_after_the_online_upgrade(
    env: ActsEnv, pki_server: PkiServer, tmp_path: Path
) -> None:
    recorded = env.service.record_act(PIT_BOSS, act_draft())
    original = recorded.path.read_bytes()
    roots = load_trust(env.pki_paths.ca)
    assert verify_pdf(original, roots).level == "B-B"

    report = ActUpgrader(lambda: env.service, pki_server.url).upgrade_pending()
    assert report.problems == []
    bt, blt = report.upgraded
    assert (bt.level, blt.level) == (SignatureLevel.B_T, SignatureLevel.B_LT)
    assert (bt.seq, blt.seq) == (1, 2)
    assert bt.previous_sha256 == recorded.revision.sha256 and blt.previous_sha256 == bt.sha256

    for revision, level in ((bt, "B-T"), (blt, "B-LT")):
        data = env.service.files.get(revision.sha256)
        assert data.startswith(original)  # an incremental update: the signed bytes stay
        verdict = verify_pdf(data, roots)
        assert verdict.ok, verdict.problems
        assert verdict.level == level
        report_text = pdfsig(env.service.files.path(revision.sha256))
        assert report_text.count(VALID) == 2, report_text
        assert "Digest Mismatch" not in report_text

    # The first file is untouched, and every revision has its own upload queued.
    assert recorded.path.read_bytes() == original
    with env.store.unit_of_work() as uow:
        uploads = [r for r in uow.outbox.pending_for("i-1") if r.kind == "attachment.upload"]
        assert [u.payload["sha256"] for u in uploads] == [
            recorded.revision.sha256,
            bt.sha256,
            blt.sha256,
        ]
        assert uow.acts.latest_revision(recorded.act.id) == blt
        assert uow.audit.recent(1)[0].action == "act.upgrade"
    assert ActUpgrader(lambda: env.service, pki_server.url).upgrade_pending().upgraded == []


def test_unreachable_helpdesk_leaves_the_act_at_b_b(env: ActsEnv) -> None:
    recorded = env.service.record_act(PIT_BOSS, act_draft())
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        dead_url = f"http://127.0.0.1:{probe.getsockname()[1]}"  # bound, not listening
        report = ActUpgrader(lambda: env.service, dead_url).upgrade_pending()
    assert report.unreachable and report.upgraded == []
    with env.store.unit_of_work() as uow:
        assert uow.acts.latest_revision(recorded.act.id) == recorded.revision


def test_a_revoked_signer_gets_a_timestamp_but_no_b_lt(env: ActsEnv, pki_server: PkiServer) -> None:
    env.service.record_act(PIT_BOSS, act_draft())
    revoked = pki_server.pki.revoke(pki_server.pki.signer_cert, datetime.now(UTC))
    (pki_server.pki_dir / "crl" / "demo-ca.crl").write_bytes(
        revoked.crl.public_bytes(serialization.Encoding.DER)
    )
    report = ActUpgrader(lambda: env.service, pki_server.url).upgrade_pending()
    assert [r.level for r in report.upgraded] == [SignatureLevel.B_T]
    assert report.problems and "revoked" in report.problems[0]


def test_crls_come_from_the_consoles_helpdesk_when_the_distribution_point_is_down(
    tmp_path: Path, pki_server: PkiServer
) -> None:
    """The demo's embedded helpdesk listens on a port chosen at start, not the one in the
    certificates: the CRL (signed by the CA) is then fetched from the console's helpdesk."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        elsewhere = f"http://127.0.0.1:{probe.getsockname()[1]}"  # bound, never listening
    pki = make_pki(datetime.now(UTC), elsewhere, property_name="Other Casino", ca_name="other-ca")
    (pki_server.pki_dir / "crl" / "other-ca.crl").write_bytes(
        pki.crl.public_bytes(serialization.Encoding.DER)
    )
    built = build_env(tmp_path / "console-elsewhere", pki)
    try:
        built.service.record_act(PIT_BOSS, act_draft())
        # The server's TSA belongs to the server's CA: B-LT validates its chain too.
        server_roots = load_trust(pki_server.pki_dir / "ca.pem")
        roots = [*built.service.identity.get().trust_roots, *server_roots]
        pdf = built.service.files.get(built.service.pending_upgrades()[0].sha256)
        with httpx.Client() as client:
            result = upgrade(
                pdf,
                SignatureLevel.B_B,
                helpdesk_url=pki_server.url,
                trust_roots=roots,
                client=client,
            )
    finally:
        built.store.close()
    assert result.stopped is None, result.stopped
    assert [step.level for step in result.steps] == [SignatureLevel.B_T, SignatureLevel.B_LT]
    assert verify_pdf(result.steps[-1].pdf, roots).level == "B-LT"
