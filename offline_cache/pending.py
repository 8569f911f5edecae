"""The store while its data layer loads: the console's start does not wait for it.

``offline_cache.opening`` has already checked the file (key, schema, the checkpoint
key), so nothing about the store is left to refuse the start. What remains runs on its
own thread once the sign-in screen is up: the integrity check when the start left it
(a damaged file is moved aside then, and ``opened`` tells the screen), then importing
SQLAlchemy and building the engine (a third of the start). A call that needs the store
before then waits for it: on a worker thread, as every store call from the screens
is; nobody types a staff id and PIN in the quarter second it takes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path

from app.domain import Guest
from app.ports import PreparedGuests, SyncedStore, UnitOfWork
from app.security.audit_chain import CheckpointSigner
from app.sync.outbox import OutboxListener
from app.yielding_imports import yielding_imports
from offline_cache.opening import CheckedStore, finish_check, moved_aside_notice

log = logging.getLogger(__name__)


class PendingStore:
    """The SyncedStore port over a checked store whose engine is still loading."""

    def __init__(
        self,
        checked: CheckedStore,
        finish: Callable[[CheckedStore], SyncedStore] | None = None,
    ) -> None:
        self.path: Path = checked.path
        self.recovered_from = checked.recovered_from
        secret = checked.checkpoint_secret
        self.checkpoint_public_key = CheckpointSigner(secret).public_key if secret else None
        self._checked = checked
        self._finish = finish or _finish_open
        self._opened: Future[SyncedStore] = Future()
        self._lock = threading.Lock()
        self._started = False
        self._store: SyncedStore | None = None
        self._listeners: list[OutboxListener] = []  # added before the store was open

    @property
    def recovery_notice(self) -> str | None:
        return moved_aside_notice(self.recovered_from)

    @property
    def is_open(self) -> bool:
        return self._store is not None

    def start(self) -> None:
        """Load the data layer on its own thread (once the window is up). Idempotent."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threading.Thread(target=self._open, name="store-open").start()

    def wait(self) -> SyncedStore:
        """The open store, starting its load if nobody did; its error if it failed."""
        if self._store is not None:
            return self._store
        self.start()
        waited = time.perf_counter()
        store = self._opened.result()
        # The screens' store calls run on workers: a GUI thread that waited froze.
        gui = threading.current_thread() is threading.main_thread()
        log.log(
            logging.WARNING if gui else logging.DEBUG,
            "%s waited %.0f ms for the store to open",
            threading.current_thread().name,
            (time.perf_counter() - waited) * 1000,
        )
        return store

    @property
    def start_state(self) -> dict[str, str]:
        """The sync state the start's checks read (``check_store``'s ``state_keys``)."""
        return self._checked.state

    @property
    def opened(self) -> Future[SyncedStore]:
        """Done when the store is open (its ``recovered_from`` set if the check the
        start left found it damaged), or failed to open."""
        return self._opened

    def _open(self) -> None:
        started = time.perf_counter()
        try:
            checked = finish_check(self._checked)
            self.recovered_from = checked.recovered_from
            store = self._finish(checked)
        except BaseException as error:
            log.exception("the local store did not open")
            self._opened.set_exception(error)
            return
        with self._lock:  # listeners added while it loaded go to the store itself
            for listener in self._listeners:
                store.add_outbox_listener(listener)
            self._listeners.clear()
            self._store = store
        log.info("store's data layer ready in %.0f ms", (time.perf_counter() - started) * 1000)
        self._opened.set_result(store)

    # The SyncedStore port: each waits for the open store, except the listeners, which
    # the sync engine adds on the GUI thread and which must never make it wait.

    def unit_of_work(self) -> UnitOfWork:
        return self.wait().unit_of_work()

    def reading(self) -> UnitOfWork:
        return self.wait().reading()

    def prepare_guests(self, guests: Sequence[Guest]) -> PreparedGuests:
        return self.wait().prepare_guests(guests)

    def checkpoint_audit(self) -> None:
        self.wait().checkpoint_audit()

    def add_outbox_listener(self, listener: OutboxListener) -> None:
        with self._lock:
            if self._store is None:
                self._listeners.append(listener)
                return
            store = self._store
        store.add_outbox_listener(listener)

    def remove_outbox_listener(self, listener: OutboxListener) -> None:
        with self._lock:
            if self._store is None:
                if listener in self._listeners:
                    self._listeners.remove(listener)
                return
            store = self._store
        store.remove_outbox_listener(listener)

    def close(self) -> None:
        """Close the store once it is open; a store never started has nothing open
        (its checks closed their connections)."""
        with self._lock:
            started = self._started
        if not started:
            return
        try:
            store = self._opened.result()
        except BaseException:
            return  # logged when it failed; nothing was opened
        store.close()


def _finish_open(checked: CheckedStore) -> SyncedStore:
    with yielding_imports():  # the sign-in screen is up: it must not wait for them
        from offline_cache.store import finish_open  # SQLAlchemy: off the start's path

        return finish_open(checked)  # its dialect's modules load here too
