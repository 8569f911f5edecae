"""The served helpdesk's access log writes a line for a URL holding card-like digits,
with the digits masked (it used to write a traceback instead: the redaction flattened
the record and uvicorn's access formatter could no longer unpack its arguments)."""

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.security.card_numbers import REDACTED
from tests.integration.served_helpdesk import served_helpdesk

CARD = "4111111111111111"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    with served_helpdesk(tmp_path) as running:
        yield running


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
