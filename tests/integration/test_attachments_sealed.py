"""The helpdesk keeps attachments (signed acts, photos) sealed in its database, and a
real helpdesk does not start without the key (issue 13, item 3)."""

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import httpx

from tests.integration.conftest import HelpdeskService, incident_body, new_key, query_helpdesk

BLOB_KEY = bytes(range(32))
PDF = b"%PDF-1.7\n% an act of Ines Roomer: refund AUD 12000.00\n%%EOF\n"
ROOT = Path(__file__).resolve().parents[2]


def test_an_uploaded_act_is_sealed_in_the_database_and_served_plain(
    helpdesk_factory: Callable[..., HelpdeskService], tmp_path: Path
) -> None:
    helpdesk = helpdesk_factory(blob_key=BLOB_KEY)
    sha = hashlib.sha256(PDF).hexdigest()
    with httpx.Client(base_url=f"{helpdesk.url}/v1", timeout=10) as client:
        body = incident_body()
        created = client.post("/incidents", json=body, headers=helpdesk.headers(key=new_key()))
        assert created.status_code == 201
        put = client.put(
            f"/incidents/{body['id']}/attachments/{sha}",
            content=PDF,
            headers={**helpdesk.headers(), "Content-Type": "application/pdf"},
        )
        assert put.status_code == 201
        assert client.get(f"/attachments/{sha}", headers=helpdesk.headers()).content == PDF

    url = helpdesk.server.context.settings.db_url
    [(stored,)] = query_helpdesk(url, "SELECT content FROM attachments WHERE sha256 = :s", s=sha)
    assert stored != PDF and b"%PDF" not in stored and b"Roomer" not in stored


def test_a_real_helpdesk_refuses_to_start_without_its_blob_key(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "VIP_HELPDESK_BLOB_KEY"}
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", str(tmp_path / "h.db")]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "VIP_HELPDESK_BLOB_KEY" in done.stderr
    assert not (tmp_path / "h.db").exists()


def test_a_setting_out_of_its_range_is_said_not_a_traceback(tmp_path: Path) -> None:
    env = {**os.environ, "VIP_HELPDESK_BLOB_KEY": "ab" * 32}
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", str(tmp_path / "h.db")]
    done = subprocess.run(
        [*command, "--feed-window", "-1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "feed_window_seconds: 0 to 5" in done.stderr and "Traceback" not in done.stderr
