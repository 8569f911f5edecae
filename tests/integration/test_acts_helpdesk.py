"""End to end on the real helpdesk: an act goes up through the outbox, is upgraded to
B-LT against the helpdesk's own TSA and CRL, and every revision arrives as an attachment.

Uses the shared ``helpdesk`` fixture (the full service, ``helpdesk.app.create_app``,
with ``helpdesk.pki`` included) and the console's real ``SyncEngine``.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.actor import Actor
from app.acts.model import SignatureLevel
from app.acts.online import ActUpgrader
from app.acts.pki import make_pki, write_pki
from app.acts.verify import verify_pdf
from app.clock import SystemClock
from app.domain import Category, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.sessions import open_session
from helpdesk.pki import configure_pki
from tests.integration.conftest import HelpdeskService
from tests.integration.sync_consoles import TEST_STORE_KEY
from tests.unit.acts_fixtures import act_draft, open_env, trust_in

DEVICE = "TAB-ACTS01"  # its own device: the helpdesk checks each row's device_id

TIMEOUT_S = 30.0


async def eventually(check, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)  # a re-check interval, not a wait for something


def send_everything(
    store, helpdesk: HelpdeskService, device_id: str, data_dir: Path, store_key: bytes
) -> None:
    """Run the console's real sync engine, provisioned with a code issued for
    ``device_id`` (binding the checkpoint key of ``store_key``, which vouches for its
    sign-ins), until its outbox is empty."""
    config = SyncConfig(
        base_url=helpdesk.url,
        device_id=device_id,
        enrolment_code=helpdesk.issue_code(device_id),
        checkpoint_public_key=store.checkpoint_public_key,  # as the console sends it
        backoff_base_s=0.02,
        backoff_cap_s=0.5,
        poll_interval_s=0.5,
        data_dir=data_dir,
    )

    def outbox_empty() -> bool:
        with store.unit_of_work() as uow:
            return uow.outbox.counts() == (0, 0)

    async def scenario() -> None:
        engine = SyncEngine(store, config)
        await engine.start()
        try:
            await eventually(outbox_empty, "every queued change to be sent")
        finally:
            await engine.stop()

    asyncio.run(scenario())


def test_acts_reach_the_helpdesk_and_are_upgraded_there(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    pki = make_pki(datetime.now(UTC), helpdesk.url)  # CRL DP: this helpdesk
    configure_pki(helpdesk.server.app, write_pki(pki, tmp_path / "helpdesk-pki").root)
    with open_env(tmp_path / "console", pki, store_key=TEST_STORE_KEY, device_id=DEVICE) as env:
        with env.store.unit_of_work() as uow:  # signed in offline, vouched by the device
            session = open_session(uow, "P001", DEVICE, datetime.now(UTC))
        actor = Actor(
            "P001", Role.PIT_BOSS, DEVICE, "Grace Thompson", session_id=session.session_id
        )
        incidents = IncidentService(env.store, SystemClock(), load_policy())
        incident = incidents.open(actor, IncidentDraft(Priority.P1, Category.TABLE_DISPUTE))
        recorded = env.service.record_act(actor, act_draft(incident.id, compensation=()))
        report = ActUpgrader(lambda: env.service, helpdesk.url).upgrade_pending()
        assert [r.level for r in report.upgraded] == [SignatureLevel.B_T, SignatureLevel.B_LT]
        shas = [recorded.revision.sha256, *(r.sha256 for r in report.upgraded)]

        send_everything(env.store, helpdesk, DEVICE, env.data_dir, TEST_STORE_KEY)

        headers = helpdesk.headers()
        with httpx.Client(base_url=helpdesk.url, headers=headers) as client:
            stored = client.get(f"/v1/incidents/{incident.id}").json()
            assert set(shas) <= set(stored["attachments"])
            for sha in shas:
                reply = client.get(f"/v1/attachments/{sha}")
                assert reply.status_code == 200
                assert reply.content == env.service.files.get(sha)
            assert any(e["detail"].startswith("Act ") for e in stored["events"])
        final = verify_pdf(env.service.files.get(shas[-1]), trust_in(env.pki_paths))
        assert final.ok and final.level == "B-LT", final.problems


def test_a_photo_goes_up_by_its_hash_from_the_encrypted_store(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    from app.domain.attachment import AttachmentKind
    from app.services.attachments import AttachmentService
    from offline_cache import open_store
    from tests.unit.test_attachments import png

    store = open_store(tmp_path / "console", key=TEST_STORE_KEY)
    try:
        with store.unit_of_work() as uow:  # signed in offline, vouched by the device
            session = open_session(uow, "P001", "TAB-PHOTO01", datetime.now(UTC))
        actor = Actor(
            "P001", Role.PIT_BOSS, "TAB-PHOTO01", "Grace Thompson", session_id=session.session_id
        )
        clock = SystemClock()
        incidents = IncidentService(store, clock, load_policy())
        incident = incidents.open(actor, IncidentDraft(Priority.P2, Category.TABLE_DISPUTE))
        photo = png(b"the table after the dispute")
        info = AttachmentService(store, clock).attach(
            actor, incident.id, photo, AttachmentKind.PHOTO
        )
        send_everything(store, helpdesk, "TAB-PHOTO01", tmp_path / "console", TEST_STORE_KEY)
        with httpx.Client(base_url=helpdesk.url, headers=helpdesk.headers()) as client:
            stored = client.get(f"/v1/incidents/{incident.id}").json()
            assert info.sha256 in stored["attachments"]
            reply = client.get(f"/v1/attachments/{info.sha256}")
            assert reply.status_code == 200 and reply.content == photo
            assert reply.headers["content-type"].startswith("image/png")
            assert any(e["detail"].startswith("Photo attached") for e in stored["events"])
    finally:
        store.close()
