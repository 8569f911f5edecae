"""The reference helpdesk embedded in the console process, for the demo (``make run``).

It serves the same demo property as the console's demo store (same generator, seed and
guest count, so the ids match) from ``<data dir>/helpdesk.db`` on 127.0.0.1, so a new
user sees live sync at once. The console's composition root (``app.bootstrap``) hands
``start_embedded_helpdesk`` to its sync; without this package the console runs offline.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from app.sync.embedded import DB_NAME, DEMO_ENROLMENT_CODE, EmbeddedHelpdesk

log = logging.getLogger(__name__)


def start_embedded_helpdesk(data_dir: Path, guests: int) -> EmbeddedHelpdesk:
    """Start it (seeding an empty database first); blocking: call it off the GUI thread."""
    from helpdesk.config import Settings
    from helpdesk.seed import assign_demo_staff, seed_demo
    from helpdesk.server import start_in_thread

    started = time.perf_counter()
    from helpdesk.sealing import DEMO_BLOB_KEY

    settings = Settings(
        db_url=f"sqlite:///{data_dir / DB_NAME}",
        demo_enrolment_code=DEMO_ENROLMENT_CODE,
        blob_key=DEMO_BLOB_KEY,
    )
    running = start_in_thread(settings)
    _serve_pki(running, data_dir / "pki")
    try:
        summary = seed_demo(running.context, guest_count=max(guests, 1))
        if summary.skipped:  # a demo directory from an earlier release
            assign_demo_staff(running.context)
    except BaseException:
        running.stop()
        raise
    log.info(
        "embedded helpdesk on %s (%s) in %.1f s",
        running.url,
        "already seeded" if summary.skipped else f"seeded {summary.guests} guests",
        time.perf_counter() - started,
    )
    return EmbeddedHelpdesk(running.url, running.stop)


def _serve_pki(running: object, pki_dir: Path) -> None:
    """The demo PKI (timestamps, CRLs) from the embedded helpdesk, when the directory has it."""
    if not (pki_dir / "tsa.pem").is_file():
        log.info("no demo PKI in %s: the embedded helpdesk serves no timestamps", pki_dir)
        return
    try:
        from helpdesk.pki import configure_pki

        configure_pki(running.app, pki_dir)  # type: ignore[attr-defined]
    except Exception:
        log.exception("the embedded helpdesk could not load the PKI in %s", pki_dir)
