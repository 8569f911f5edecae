"""The console's sync for its whole run: the engine, and the embedded helpdesk if asked.

``ConsoleSync.start()`` runs on the console's event loop; the embedded helpdesk (a
FastAPI app, seeded on first run) starts in a worker thread, so the window is up
and usable meanwhile, offline until the helpdesk answers.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from app.ports import SyncedStore
from app.sync.embedded import EMBEDDED, EmbeddedHelpdesk, StartEmbedded
from app.sync.engine import SyncConfig, SyncEngine
from app.sync.skew import ClockSkew
from app.yielding_imports import yielding_imports

log = logging.getLogger(__name__)


class ConsoleSync:
    def __init__(
        self,
        store: SyncedStore,
        data_dir: Path,
        device_id: str,
        helpdesk: str | None,
        *,
        skew: ClockSkew | None = None,
        enrolment_code: str | None = None,
        checkpoint_public_key: str | None = None,
        start_embedded: StartEmbedded | None = None,
    ) -> None:
        """``helpdesk``: a URL, ``"embedded"``, or None to work offline only.
        ``enrolment_code``: the code IT issued for this device (``--enrol``), or a demo
        directory's demo code; None: a token already held, or no sync until provisioned.
        ``start_embedded`` starts the embedded helpdesk (None: there is none to start)."""
        self._store = store
        self._data_dir = data_dir
        self._embedded_wanted = helpdesk == EMBEDDED
        self._start_embedded = start_embedded
        self._embedded: EmbeddedHelpdesk | None = None
        url = None if self._embedded_wanted else helpdesk
        config = SyncConfig(
            base_url=url,
            device_id=device_id,
            enrolment_code=enrolment_code,
            checkpoint_public_key=checkpoint_public_key,
            data_dir=data_dir,
        )
        self.engine = SyncEngine(store, config, skew=skew, expect_helpdesk=helpdesk is not None)

    async def start(self) -> None:
        url = None
        if self._embedded_wanted and self._start_embedded is None:
            log.warning("no embedded helpdesk in this installation: running offline")
        elif self._embedded_wanted and self._start_embedded is not None:
            guests = await asyncio.to_thread(self._guest_count)
            try:
                self._embedded = await asyncio.to_thread(self._embedded_started, guests)
            except Exception:
                log.exception("the embedded helpdesk did not start: running offline")
            url = self._embedded.url if self._embedded else None
        await self.engine.start(url)

    async def stop(self) -> None:
        await self.engine.stop()
        if self._embedded is not None:
            await asyncio.to_thread(self._embedded.stop)
            self._embedded = None

    def _embedded_started(self, guests: int) -> EmbeddedHelpdesk:
        """On a worker: its web stack's imports let the GUI's thread in between them."""
        assert self._start_embedded is not None
        with yielding_imports():
            return self._start_embedded(self._data_dir, guests)

    def _guest_count(self) -> int:
        with self._store.unit_of_work() as uow:
            return uow.guests.count()
