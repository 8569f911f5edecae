"""What the helpdesk holds of this tablet's audit chain, for ``vip-console audit verify
--against-helpdesk URL``: the hash of every row it received and its latest checkpoint.

Read with the tablet's device token (from its store: ``app.cli`` opens it) and its
device id.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx

from app.security.audit_chain import Checkpoint

PAGE = 10_000


class HelpdeskCopyUnavailable(Exception):
    """The helpdesk's copy could not be had (no token, unreachable, refused)."""


@dataclass
class HelpdeskCopy:
    rows: list[tuple[int, str]] = field(default_factory=list)  # (id, hash)
    checkpoints: list[Checkpoint] = field(default_factory=list)


def helpdesk_copy(
    url: str, device_id: str, token: str | None, timeout_s: float = 10.0
) -> HelpdeskCopy:
    if not token:
        raise HelpdeskCopyUnavailable("this tablet holds no device token: it was never enrolled")
    headers = {"Authorization": f"Bearer {token}"}
    base = url.rstrip("/") + "/v1/audit"
    copy = HelpdeskCopy()
    try:
        with httpx.Client(timeout=timeout_s, headers=headers) as client:
            after = 0
            while True:
                page = client.get(f"{base}/rows/{device_id}", params={"after": after})
                _raise_for(page)
                rows = page.json()["rows"]
                copy.rows.extend((int(r[0]), str(r[2])) for r in rows)
                if len(rows) < PAGE:
                    break
                after = int(rows[-1][0])
            latest = client.get(f"{base}/checkpoints/{device_id}/latest")
            if latest.status_code != 404:
                _raise_for(latest)
                copy.checkpoints.append(Checkpoint.from_json(latest.json()))
    except httpx.HTTPError as error:
        raise HelpdeskCopyUnavailable(f"the helpdesk did not answer: {error}") from error
    return copy


def _raise_for(answer: httpx.Response) -> None:
    if answer.status_code != 200:
        raise HelpdeskCopyUnavailable(f"the helpdesk answered {answer.status_code}")
