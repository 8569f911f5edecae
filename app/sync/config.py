"""The sync's settings for one console (``SyncEngine``'s configuration)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class SyncConfig:
    base_url: str | None  # None: no helpdesk, the console works offline only
    device_id: str
    # The single-use code IT issued for this device (or a demo directory's demo code);
    # None: enrol only with a token already held (app/sync/enrolment.py).
    enrolment_code: str | None = None
    checkpoint_public_key: str | None = None  # bound to the device at enrolment
    concurrency: int = 200  # incidents replayed at once; their writes share batches
    batch_writes: bool = True  # /v1/batch; off: each write alone, 8 at a time
    backoff_base_s: float = 0.5
    backoff_cap_s: float = 30.0
    poll_interval_s: float = 5.0
    page_limit: int = 1000
    feed_read_timeout_s: float = 45.0  # three missed heartbeats
    request_timeout_s: float = 10.0
    live_feed: bool = True
    data_dir: Path | None = None  # attachment paths are relative to it
