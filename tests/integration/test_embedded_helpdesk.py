"""The embedded demo helpdesk (``make run``) on a demo directory an earlier release
wrote: its database holds the demo property but no staff assignment to devices."""

import sqlite3
from pathlib import Path

import httpx

from app.demo.generator import DEMO_PIN
from app.sync.embedded import DB_NAME, DEMO_ENROLMENT_CODE
from helpdesk.embedded import start_embedded_helpdesk
from tests.integration.conftest import enrol_body


def test_a_demo_database_seeded_before_staff_assignments_lets_its_staff_sign_in(
    tmp_path: Path,
) -> None:
    start_embedded_helpdesk(tmp_path, 3).stop()
    db = sqlite3.connect(tmp_path / DB_NAME)
    with db:
        db.execute("DELETE FROM staff_devices")  # as a database seeded before them
    db.close()
    helpdesk = start_embedded_helpdesk(tmp_path, 3)
    try:
        enrolled = httpx.post(
            f"{helpdesk.url}/v1/devices/enrol",
            json=enrol_body("TAB-DEMO", DEMO_ENROLMENT_CODE, b"d" * 32),
        )
        device = {"Authorization": f"Bearer {enrolled.json()['device_token']}"}
        verifiers = httpx.get(f"{helpdesk.url}/v1/staff/verifiers", headers=device).json()
        assert "P001" in {item["staff"]["id"] for item in verifiers["staff"]}
        signed_in = httpx.post(
            f"{helpdesk.url}/v1/staff/sessions",
            json={"staff_id": "P001", "pin": DEMO_PIN},
            headers=device,
        )
        assert signed_in.status_code == 200 and signed_in.json()["role"] == "pit_boss"
    finally:
        helpdesk.stop()
