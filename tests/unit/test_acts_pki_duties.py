"""A PKI that separates duties, and revocation as of when an act is proven to exist
(issue 13, item 1).

Each forged act is built for real: rendered, signed with the wrong key through the
same signing code, then refused by ``act verify``. Revocation is judged against CRLs
the acts CA issued, at the earliest timestamp over each signature (the helpdesk's TSA,
in process, with its clock set), else now.
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from asn1crypto import tsp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.sign.timestamps.api import TimeStamper

from app.acts.device_cert import CertificateRefused, checked_chain, due
from app.acts.pki import PEM, SigningMaterial, make_pki, private_pem
from app.acts.service import ActService
from app.acts.signing import IdentityProvider, SigningUnavailable
from app.acts.upgrade import stamp_with
from app.acts.verify import verify_pdf
from app.cli import main as cli_main
from helpdesk.pki import TimestampAuthority
from tests.unit.acts_fixtures import (
    PIT_BOSS,
    ZONE,
    ActsEnv,
    act_draft,
    build_env,
    open_env,
    pdfsig,
    shared_pki,
    trust_in,
)


@pytest.fixture
def acts_env(tmp_path: Path) -> Iterator[ActsEnv]:
    with open_env(tmp_path / "data") as env:
        yield env


def signed_with(env: ActsEnv, material: SigningMaterial) -> bytes:
    """An act of ``env``'s store signed by the holder of ``material``, through the
    console's own rendering and signing."""
    forger = ActService(
        env.store,
        env.clock,
        files=env.service.files,
        identity=IdentityProvider(lambda: material, env.clock.now),
        property_name="Harbour Crown Casino",
        device_id="TAB-TEST01",
        venue_tz=ZONE,
    )
    return forger.record_act(PIT_BOSS, act_draft()).pdf


def _pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(PEM)


def test_the_tablets_own_certificate_verifies(acts_env: ActsEnv) -> None:
    pdf = acts_env.service.record_act(PIT_BOSS, act_draft()).pdf
    verdict = verify_pdf(pdf, trust_in(acts_env.pki_paths))
    assert verdict.ok, verdict.problems
    assert {c.signer for c in verdict.checks} == {"Harbour Crown Casino — tablet TAB-TEST01"}
    assert verdict.notes[0].startswith("revocation not checked")


def test_an_act_signed_with_the_tsa_key_fails(
    acts_env: ActsEnv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The TSA key sits on the helpdesk, unencrypted: it must forge nothing."""
    pki = shared_pki()
    tsa = SigningMaterial(private_pem(pki.tsa_key), (_pem(pki.tsa_cert), _pem(pki.tsa_root)))
    forged = signed_with(acts_env, tsa)

    verdict = verify_pdf(forged, trust_in(acts_env.pki_paths))
    assert not verdict.ok
    assert any(
        "not a document-signing certificate" in p and "time_stamping" in p for p in verdict.problems
    )
    # Even told to trust the TSA's root for signatures, the EKU refuses it.
    both = trust_in(acts_env.pki_paths)
    both = replace(both, signers=[*both.signers, *both.timestamps])
    assert not verify_pdf(forged, both).ok

    path = tmp_path / "forged.pdf"
    path.write_bytes(forged)
    assert cli_main(["--data-dir", str(acts_env.data_dir), "act", "verify", str(path)]) == 1
    assert "not a document-signing certificate" in capsys.readouterr().err
    # pdfsig cannot tell: it checks the mathematics, not whose key or for what purpose.
    assert pdfsig(path).count("Signature Validation: Signature is Valid.") == 2


def test_a_timestamping_certificate_of_the_acts_ca_itself_fails(acts_env: ActsEnv) -> None:
    """The old PKI's shape (one CA for the TSA and the signer): the chain is good, the
    purpose is not, and pyHanko's key-usage check says so too."""
    pki = shared_pki()
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Old TSA")]))
        .issuer_name(pki.ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)
        .sign(pki.ca_key, hashes.SHA256())
    )
    forged = signed_with(acts_env, SigningMaterial(private_pem(key), (_pem(cert), pki.ca_pem)))
    verdict = verify_pdf(forged, trust_in(acts_env.pki_paths))
    assert not verdict.ok
    assert any("not a document-signing certificate: Old TSA" in p for p in verdict.problems)


def test_the_ca_key_signing_as_itself_fails(acts_env: ActsEnv) -> None:
    """A signer that is the trust anchor escapes pyHanko's key-usage check: ours not."""
    pki = shared_pki()
    forged = signed_with(acts_env, SigningMaterial(private_pem(pki.ca_key), (pki.ca_pem,)))
    verdict = verify_pdf(forged, trust_in(acts_env.pki_paths))
    assert not verdict.ok
    assert any("is a CA" in p for p in verdict.problems)


def _crl(pki_revoked: object) -> bytes:
    return pki_revoked.crl.public_bytes(serialization.Encoding.DER)  # type: ignore[attr-defined]


def test_an_untimestamped_act_of_a_revoked_tablet_fails_once_a_crl_says_so(
    acts_env: ActsEnv, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = acts_env.service.record_act(PIT_BOSS, act_draft()).pdf
    revoked = shared_pki().revoke(acts_env.device.certificate, datetime.now(UTC))
    crl_file = tmp_path / "acts-ca.crl"
    crl_file.write_bytes(_crl(revoked))

    verdict = verify_pdf(pdf, trust_in(acts_env.pki_paths, (_crl(revoked),)))
    assert not verdict.ok
    assert any(
        "revoked signer" in p and "no timestamp proves it was signed before" in p
        for p in verdict.problems
    )
    path = tmp_path / "act.pdf"
    path.write_bytes(pdf)
    base = ["--data-dir", str(acts_env.data_dir), "act", "verify", str(path)]
    assert cli_main([*base, "--crl", str(crl_file)]) == 1
    assert "revoked signer" in capsys.readouterr().err
    # Without a CRL the verdict cannot know, and says so.
    assert cli_main(base) == 0
    assert "revocation not checked" in capsys.readouterr().out


def test_revoking_one_tablet_leaves_another_tablets_acts_valid(
    acts_env: ActsEnv, tmp_path: Path
) -> None:
    other = build_env(tmp_path / "other-tablet", shared_pki(), device_id="TAB-TEST02")
    try:
        theirs = other.service.record_act(PIT_BOSS, act_draft()).pdf
    finally:
        other.store.close()
    revoked = shared_pki().revoke(acts_env.device.certificate, datetime.now(UTC))
    verdict = verify_pdf(theirs, trust_in(acts_env.pki_paths, (_crl(revoked),)))
    assert verdict.ok, verdict.problems
    assert verdict.notes[0].startswith("revocation checked")


class InProcessTsa(TimeStamper):
    """The helpdesk's TSA without HTTP, its clock set by the test."""

    def __init__(self, authority: TimestampAuthority) -> None:
        super().__init__(include_nonce=True)  # type: ignore[no-untyped-call]
        self.authority = authority

    async def async_request_tsa_response(self, req: tsp.TimeStampReq) -> tsp.TimeStampResp:
        return tsp.TimeStampResp.load(self.authority.respond(req.dump()).dump())


def test_a_timestamp_before_the_revocation_keeps_the_act_one_after_it_does_not(
    acts_env: ActsEnv,
) -> None:
    now = datetime.now(UTC)
    revoked_at = now - timedelta(minutes=10)
    authority = TimestampAuthority.load(acts_env.pki_paths.root)
    service = acts_env.service

    authority.clock = lambda: revoked_at - timedelta(minutes=20)
    first = service.record_act(PIT_BOSS, act_draft()).pdf
    before = stamp_with(first, InProcessTsa(authority))
    authority.clock = lambda: revoked_at + timedelta(minutes=5)
    second = service.record_act(PIT_BOSS, act_draft(decision="Another")).pdf
    after = stamp_with(second, InProcessTsa(authority))

    trust = trust_in(
        acts_env.pki_paths, (_crl(shared_pki().revoke(acts_env.device.certificate, revoked_at)),)
    )
    kept = verify_pdf(before, trust)
    assert kept.ok and kept.level == "B-T", kept.problems
    refused = verify_pdf(after, trust)
    assert not refused.ok
    assert any(
        "revoked signer" in p and "its earliest timestamp" in p and "is later" in p
        for p in refused.problems
    )


def test_the_console_refuses_to_sign_with_an_expired_certificate(acts_env: ActsEnv) -> None:
    expired = shared_pki().device_material("TAB-TEST01", datetime.now(UTC), days=0)
    provider = IdentityProvider(lambda: expired, lambda: datetime.now(UTC) + timedelta(hours=2))
    with pytest.raises(SigningUnavailable, match="expired") as expired_error:
        provider.get()
    assert expired_error.value.key == "act.certificate_expired"
    with pytest.raises(SigningUnavailable, match="no act-signing certificate") as none_yet:
        IdentityProvider(lambda: None, acts_env.clock.now).get()
    assert none_yet.value.key == "act.no_certificate"  # a refusal staff read, translated


def test_a_certificate_is_due_for_renewal_in_its_last_third(acts_env: ActsEnv) -> None:
    cert = acts_env.device.certificate
    life = cert.not_valid_after_utc - cert.not_valid_before_utc
    assert due(None, datetime.now(UTC))
    assert not due(acts_env.device, cert.not_valid_before_utc + life / 2)
    assert due(acts_env.device, cert.not_valid_before_utc + life * 0.7)


def test_the_console_keeps_only_a_signing_certificate_for_its_own_key() -> None:
    pki = make_pki(datetime.now(UTC), "http://127.0.0.1:9")
    mine, other = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    good = [_pem(pki.issue_device("TAB-1", mine.public_key(), now)).decode(), pki.ca_pem.decode()]
    assert len(checked_chain(mine, good)) == 2
    with pytest.raises(CertificateRefused, match="not for this tablet's key"):
        checked_chain(other, good)
    with pytest.raises(CertificateRefused, match="not a document-signing"):
        tsa = [_pem(pki.tsa_cert).decode(), _pem(pki.tsa_root).decode()]
        checked_chain(pki.tsa_key, tsa)
    stranger = make_pki(now, "http://127.0.0.1:9")
    with pytest.raises(CertificateRefused, match="signature does not verify"):
        checked_chain(mine, [good[0], stranger.ca_pem.decode()])
