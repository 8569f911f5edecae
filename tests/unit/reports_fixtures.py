"""A console store holding the KPI fixtures (tests/unit/kpi_fixtures.py), a PKI, and the
check of a signed report by pyHanko's own validator (not ``app.acts.verify``)."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext

from app.acts.pki import Pki
from app.domain import Guest, Tier
from offline_cache import SqliteStore, open_store
from tests.unit.kpi_fixtures import cases

VVIP = Guest(id="g-vvip", card_number="9000000002", name="Ada Stone", tier=Tier.VVIP)


def fixture_store(data_dir: Path, key: bytes | None = None) -> SqliteStore:
    store = open_store(data_dir, key=key)
    with store.unit_of_work() as uow:
        uow.guests.save(VVIP)
        uow.incidents.save_many(
            replace(c.incident, guest_id=VVIP.id) if c.tier is Tier.VVIP else c.incident
            for c in cases()
        )
    return store


def validated(data: bytes, pki: Pki, at: datetime) -> PdfSignatureStatus:
    """The report's one signature, as pyHanko judges it against the acts CA at ``at``."""
    _kind, _headers, der = pem.unarmor(pki.ca_pem)
    context = ValidationContext(
        trust_roots=[x509.Certificate.load(der)],
        moment=at + timedelta(minutes=1),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    return validate_pdf_signature(
        signature,
        context,
        key_usage_settings=KeyUsageConstraints(
            key_usage={"digital_signature", "non_repudiation"},
            extd_key_usage={"1.3.6.1.5.5.7.3.36"},  # id-kp-documentSigning
            explicit_extd_key_usage_required=True,
        ),
    )
