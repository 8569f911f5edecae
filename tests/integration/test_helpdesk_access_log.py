"""The served helpdesk's access log writes a line for a URL holding card-like digits,
with the digits masked (it used to write a traceback instead: the redaction flattened
the record and uvicorn's access formatter could no longer unpack its arguments)."""

import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.security.card_numbers import REDACTED

ROOT = Path(__file__).resolve().parents[2]
CARD = "4111111111111111"
START_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``vip-console helpdesk serve`` as run in production: its own logging, on loopback."""
    port = _free_port()
    log_file = tmp_path / "helpdesk.log"
    command = [sys.executable, "-m", "helpdesk", "serve", "--db", str(tmp_path / "h.db")]
    command += ["--port", str(port)]
    with log_file.open("w") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:  # waiting for it to listen, not measuring it
            try:
                httpx.get(f"{url}/v1/health", timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_file.read_text()) from None
                time.sleep(0.05)
        yield url, log_file
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_a_url_with_card_like_digits_is_logged_masked(served: tuple[str, Path]) -> None:
    url, log_file = served
    spaced = "4111%201111%201111%201111"
    answers = [
        httpx.get(f"{url}/v1/attachments/{CARD}").status_code,
        httpx.get(f"{url}/v1/changes", params={"cursor": CARD}).status_code,
        httpx.get(f"{url}/v1/no-such/{spaced}").status_code,
        httpx.get(f"{url}/v1/health").status_code,
    ]
    assert answers == [401, 401, 404, 200]
    httpx.get(f"{url}/v1/health")  # one more line: the ones before are flushed by now
    lines = [line for line in log_file.read_text().splitlines() if line.startswith("INFO:")]
    masked = [line for line in lines if REDACTED in line]
    assert len(masked) == 3, lines
    assert any(f"/v1/attachments/{REDACTED} HTTP/1.1" in line for line in masked)
    assert any(f"cursor={REDACTED}" in line for line in masked)
    text = log_file.read_text()
    assert "Traceback" not in text and "--- Logging error ---" not in text
    assert CARD not in text and "1111%201111" not in text
