"""A duty manager's sign-off of a post-incident report, end to end: recorded offline on
the tablet, sent by the console's real sync engine under the duty manager's own session,
taken by the real helpdesk (the note and the signed PDF), read back there."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.actor import Actor
from app.acts.model import ReportDraft, SignOffDraft
from app.acts.pki import make_pki
from app.clock import SystemClock
from app.domain import Category, IncidentStatus, Priority, Role
from app.policy import load_policy
from app.services.incidents import IncidentDraft, IncidentService
from app.sync.sessions import open_session
from tests.integration.conftest import HelpdeskService
from tests.integration.sync_consoles import TEST_STORE_KEY
from tests.integration.test_acts_helpdesk import send_everything
from tests.unit.acts_fixtures import drawn, open_env

DEVICE = "TAB-SIGNOFF1"


def test_a_sign_off_reaches_the_helpdesk_under_the_duty_managers_session(
    helpdesk: HelpdeskService, tmp_path: Path
) -> None:
    pki = make_pki(datetime.now(UTC), helpdesk.url)
    with open_env(tmp_path / "console", pki, store_key=TEST_STORE_KEY, device_id=DEVICE) as env:
        now = datetime.now(UTC)
        with env.store.unit_of_work() as uow:  # both signed in offline, vouched by the device
            boss_session = open_session(uow, "P001", DEVICE, now)
            duty_session = open_session(uow, "M001", DEVICE, now)
        boss = Actor("P001", Role.PIT_BOSS, DEVICE, session_id=boss_session.session_id)
        duty = Actor("M001", Role.DUTY_MANAGER, DEVICE, session_id=duty_session.session_id)
        incidents = IncidentService(env.store, SystemClock(), load_policy())
        incident = incidents.open(boss, IncidentDraft(Priority.P1, Category.PAYMENT_FAILED))
        incidents.change_status(boss, incident.id, IncidentStatus.RESOLVED)
        report = env.service.record_report(
            boss, ReportDraft(incident.id, "Terminal offline", ("Second line",), drawn())
        )
        draft = SignOffDraft(incident.id, report.act.id, "Agreed", drawn(2))
        signed = env.service.record_sign_off(duty, draft)

        send_everything(env.store, helpdesk, DEVICE, env.data_dir, TEST_STORE_KEY)

        sha = signed.revision.sha256
        with httpx.Client(base_url=helpdesk.url, headers=helpdesk.headers(staff="M001")) as client:
            stored = client.get(f"/v1/incidents/{incident.id}").json()
            assert sha in stored["attachments"]
            [note] = [e for e in stored["events"] if "signed off" in e["detail"]]
            assert note["actor_id"] == "M001" and note["kind"] == "note"
            pdf = client.get(f"/v1/attachments/{sha}")
            assert pdf.status_code == 200 and pdf.content == signed.pdf
