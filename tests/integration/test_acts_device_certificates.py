"""Each tablet gets its own act-signing certificate from the helpdesk; revoking the
tablet revokes its acts from then on, and ``act verify --helpdesk`` sees it (issue 13).

A real helpdesk on 127.0.0.1 with a PKI whose CRL points are this helpdesk; consoles
are real stores with a device token, asking for their certificate as the sync does
once online (``CertificateRenewer``).
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.acts.device_cert import (
    CERTIFICATE_PATH,
    CHAIN_KEY,
    KEY_KEY,
    CertificateRenewer,
    certificate_request,
    signing_material,
)
from app.acts.pki import make_pki, write_pki
from app.cli import main as cli_main
from app.clock import SystemClock
from app.sync.device_token import TOKEN_KEY
from helpdesk.enrolment import revoke_device
from helpdesk.pki import configure_pki
from tests.integration.conftest import HelpdeskService
from tests.unit.acts_fixtures import PIT_BOSS, ActsEnv, act_draft, build_env, exported


@dataclass
class Tablet:
    env: ActsEnv
    device_id: str
    renewer: CertificateRenewer


@pytest.fixture
def pki_helpdesk(helpdesk: HelpdeskService, tmp_path: Path) -> HelpdeskService:
    pki = make_pki(datetime.now(UTC), helpdesk.url)
    configure_pki(helpdesk.server.app, write_pki(pki, tmp_path / "helpdesk-pki").root)
    return helpdesk


@pytest.fixture
def tablets(pki_helpdesk: HelpdeskService, tmp_path: Path) -> Iterator[dict[str, Tablet]]:
    """Two provisioned tablets that hold no signing certificate yet."""
    made: dict[str, Tablet] = {}
    pki = make_pki(datetime.now(UTC), pki_helpdesk.url)  # only for build_env's files
    for device_id in ("TAB-CERT1", "TAB-CERT2"):
        env = build_env(tmp_path / device_id, pki, device_id=device_id)
        token = pki_helpdesk.enrol(device_id)
        with env.store.unit_of_work() as uow:
            uow.sync_state.delete(KEY_KEY)
            uow.sync_state.delete(CHAIN_KEY)
            uow.sync_state.set(TOKEN_KEY, token)
        renewer = CertificateRenewer(env.store, SystemClock(), pki_helpdesk.url, device_id)
        made[device_id] = Tablet(env, device_id, renewer)
    yield made
    for tablet in made.values():
        tablet.env.store.close()


def _verify(path: Path, helpdesk: HelpdeskService, capsys: pytest.CaptureFixture[str]) -> str:
    code = cli_main(
        [
            "act",
            "verify",
            str(path),
            "--trust",
            str(helpdesk_pki(helpdesk) / "ca.pem"),
            "--helpdesk",
            helpdesk.url,
        ]
    )
    out = capsys.readouterr()
    return f"exit {code}\n{out.out}{out.err}"


def helpdesk_pki(helpdesk: HelpdeskService) -> Path:
    authority = helpdesk.server.app.state.vip_pki  # type: ignore[attr-defined]
    return Path(authority.crl_dir).parent


def test_each_tablet_gets_its_own_certificate_and_a_revoked_one_signs_nothing_valid(
    pki_helpdesk: HelpdeskService,
    tablets: dict[str, Tablet],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    one, two = tablets["TAB-CERT1"], tablets["TAB-CERT2"]
    out = tmp_path / "exported"
    for tablet in (one, two):
        renewal = tablet.renewer.renew_if_due()
        assert renewal.renewed, renewal.why_not
        assert not tablet.renewer.renew_if_due().renewed  # fresh: not due again
    with one.env.store.unit_of_work() as uow:
        material = signing_material(uow)
    assert material is not None
    assert "tablet TAB-CERT1" in material.certificate.subject.rfc4514_string()

    before = exported(one.env.service.record_act(PIT_BOSS, act_draft()).pdf, out, "before.pdf")
    theirs = exported(two.env.service.record_act(PIT_BOSS, act_draft()).pdf, out, "theirs.pdf")
    report = _verify(before, pki_helpdesk, capsys)
    assert report.startswith("exit 0") and "revocation checked against CRLs: 1 from" in report

    revoked = revoke_device(pki_helpdesk.server.context.db, "TAB-CERT1")
    assert revoked.token and revoked.certificates == 1

    # The act signed before, never timestamped: nothing proves it predates the revocation.
    report = _verify(before, pki_helpdesk, capsys)
    assert report.startswith("exit 1") and "revoked signer" in report
    # One signed after (the thief's): refused too; the other tablet's: still valid.
    later = one.env.service.record_act(PIT_BOSS, act_draft(decision="Forged later"))
    after = exported(later.pdf, out, "after.pdf")
    assert _verify(after, pki_helpdesk, capsys).startswith("exit 1")
    assert _verify(theirs, pki_helpdesk, capsys).startswith("exit 0")
    # And the revoked tablet gets no new certificate.
    with one.env.store.unit_of_work() as uow:
        uow.sync_state.delete(CHAIN_KEY)
    refused = one.renewer.renew_if_due()
    assert not refused.renewed and "401" in refused.why_not


def test_the_helpdesk_signs_only_a_request_proving_the_key_for_an_enrolled_device(
    pki_helpdesk: HelpdeskService,
) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    csr = certificate_request(key, "TAB-SOMEONE-ELSE")
    with httpx.Client(base_url=pki_helpdesk.url) as client:
        anonymous = client.post(CERTIFICATE_PATH, json={"csr": csr})
        assert anonymous.status_code == 401
        headers = pki_helpdesk.headers(staff=None)
        issued = client.post(CERTIFICATE_PATH, json={"csr": csr}, headers=headers)
        assert issued.status_code == 200
        # Named for the device that asked, whatever the CSR says.
        cert = x509.load_pem_x509_certificate(issued.json()["chain"][0].encode())
        [name] = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
        assert name.value == f"Harbour Crown Casino — tablet {pki_helpdesk.device_id}"
        # A request signed by another key than the one it names proves nothing.
        other = ec.generate_private_key(ec.SECP256R1())
        forged = (
            x509.CertificateSigningRequestBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "x")]))
            .sign(other, hashes.SHA256())
        )
        swapped = _with_public_key(forged, key)
        bad = client.post(CERTIFICATE_PATH, json={"csr": swapped}, headers=headers)
        assert bad.status_code == 422 and "signature" in bad.json()["detail"]
        garbage = client.post(CERTIFICATE_PATH, json={"csr": "nonsense"}, headers=headers)
        assert garbage.status_code == 422
        # The device's key is pinned: its token alone gets no certificate for another key.
        thief = certificate_request(ec.generate_private_key(ec.SECP256R1()), "x")
        pinned = client.post(CERTIFICATE_PATH, json={"csr": thief}, headers=headers)
        assert pinned.status_code == 409 and "pinned" in pinned.json()["detail"]
        again = client.post(CERTIFICATE_PATH, json={"csr": csr}, headers=headers)
        assert again.status_code == 200  # a renewal for the same key


def _with_public_key(csr: x509.CertificateSigningRequest, key: ec.EllipticCurvePrivateKey) -> str:
    """``csr`` with its subject public key replaced by ``key``'s, signature kept."""
    from asn1crypto import csr as asn1_csr
    from asn1crypto import keys

    request = asn1_csr.CertificationRequest.load(csr.public_bytes(serialization.Encoding.DER))
    info = request["certification_request_info"]
    spki = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    info["subject_pk_info"] = keys.PublicKeyInfo.load(spki)
    request["certification_request_info"] = info
    der = request.dump(force=True)
    return x509.load_der_x509_csr(der).public_bytes(serialization.Encoding.PEM).decode()


def test_the_console_asks_for_its_certificate_once_online_and_provisioned(
    tablets: dict[str, Tablet],
) -> None:
    """``RenewOnline`` as the console attaches it to its sync engine's status."""
    import asyncio

    from app.acts.online_triggers import RenewOnline
    from app.sync.status import Link, SyncStatus

    tablet = tablets["TAB-CERT1"]
    renewal = RenewOnline(tablet.renewer.renew_if_due)

    async def scenario() -> None:
        renewal.on_status(SyncStatus(link=Link.OFFLINE))
        renewal.on_status(SyncStatus(link=Link.ONLINE, provisioning="needed"))
        assert renewal._task is None  # neither offline nor unprovisioned asks
        renewal.on_status(SyncStatus(link=Link.ONLINE))
        assert renewal._task is not None
        await asyncio.wait_for(asyncio.shield(renewal._task), 30)

    asyncio.run(scenario())
    with tablet.env.store.unit_of_work() as uow:
        assert signing_material(uow) is not None
    assert tablet.env.service.identity.get().common_name.endswith("tablet TAB-CERT1")
