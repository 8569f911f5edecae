"""``vip-console helpdesk staff``: new staff with 6-digit PINs, devices, authenticators."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from app.security.totp import decode_secret, totp
from helpdesk.staff_admin import StaffAdmin, StaffAdminError
from tests.integration.conftest import database_url_for, start_service

ROOT_DIR = Path(__file__).resolve().parents[2]


def _sign_in(service, staff_id: str, pin: str, code: str | None = None) -> httpx.Response:
    body = {"staff_id": staff_id, "pin": pin} | ({"totp_code": code} if code else {})
    return httpx.post(
        f"{service.url}/v1/staff/sessions",
        json=body,
        headers={"Authorization": f"Bearer {service.device_token}"},
    )


def test_a_new_staff_member_needs_six_digits_and_signs_in_where_assigned(tmp_path: Path) -> None:
    db = tmp_path / "helpdesk.db"
    service = start_service(db, require_totp=True)
    admin = StaffAdmin(database_url_for(db))
    try:
        with pytest.raises(StaffAdminError, match="6 to 8 digits"):
            admin.add("H777", "Nadia Petrov", "host", "2468", [service.device_id])
        admin.add("H777", "Nadia Petrov", "host", "482913", [service.device_id])
        uri = admin.enrol_totp("H777")
        secret = uri.split("secret=")[1].split("&")[0]
        code = totp(decode_secret(secret), datetime.now(UTC))
        assert _sign_in(service, "H777", "482913").status_code == 401  # the code first
        granted = _sign_in(service, "H777", "482913", code)
        assert granted.status_code == 200 and granted.json()["role"] == "host"
        assert _sign_in(service, "H777", "482913", code).status_code == 401  # used once
        verifiers = httpx.get(
            f"{service.url}/v1/staff/verifiers",
            headers={"Authorization": f"Bearer {service.device_token}"},
        ).json()["staff"]
        [mine] = [v for v in verifiers if v["staff"]["id"] == "H777"]
        assert mine["staff"]["pin_hash"].startswith("$argon2id$") and mine["totp_secret"]
        admin.unassign("H777", service.device_id)
        assert _sign_in(service, "H777", "482913", "000000").status_code == 401
    finally:
        admin.close()
        service.server.stop()


def test_the_pin_is_read_from_standard_input_never_from_the_command_line(tmp_path) -> None:
    command = [sys.executable, "-m", "app.cli", "helpdesk", "staff", "add", "C777"]
    command += ["--name", "Li Wei", "--role", "concierge", "--db", str(tmp_path / "h.db")]
    short = subprocess.run(command, input="1234\n", capture_output=True, text=True, cwd=ROOT_DIR)
    assert short.returncode == 1 and "6 to 8 digits" in short.stderr
    done = subprocess.run(command, input="739164\n", capture_output=True, text=True, cwd=ROOT_DIR)
    assert done.returncode == 0, done.stderr
    assert "739164" not in done.stdout + done.stderr


def test_a_duty_manager_is_added_and_the_helpdesk_says_their_role(tmp_path: Path) -> None:
    from app.domain import Role
    from helpdesk.staff_cli import ROLES

    assert ROLES == tuple(role.value for role in Role)  # the CLI offers every role
    db = tmp_path / "helpdesk.db"
    service = start_service(db)
    admin = StaffAdmin(database_url_for(db))
    try:
        admin.add("M777", "Harriet Okafor", "duty_manager", "482913", [service.device_id])
        granted = _sign_in(service, "M777", "482913")
        assert granted.status_code == 200 and granted.json()["role"] == "duty_manager"
    finally:
        admin.close()
        service.server.stop()
