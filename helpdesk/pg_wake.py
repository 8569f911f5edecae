"""Wake-ups across workers and hosts: PostgreSQL ``LISTEN``/``NOTIFY``.

Every worker's live feed sleeps until a commit wakes it. In one process the writing
thread wakes it (``Database.after_commit``); a commit in *another* worker or on another
host reaches this one through ``NOTIFY helpdesk_changes``, sent inside the writing
transaction (PostgreSQL delivers it at commit, and only if the transaction commits)
and heard here by a listening connection on its own thread.

A wake-up, not a log: the change log stays the source. A notification carries no
payload; a stream woken reads the rows after its last seq. A notification lost while
the listening connection was down only delays: on reconnecting, the listener wakes
every stream once, and the heartbeat bounds the delay in any case.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

CHANNEL = "helpdesk_changes"
NOTIFY_SQL = f"NOTIFY {CHANNEL}"
POLL_SECONDS = 1.0  # how often the listener looks at its stop flag
RETRY_SECONDS = (0.5, 1.0, 2.0, 5.0)  # reconnect backoff, the last one repeated


def libpq_url(sqlalchemy_url: str) -> str:
    """``postgresql+psycopg://…`` as libpq takes it (``postgresql://…``)."""
    url = make_url(sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class PgWakeListener:
    """``LISTEN helpdesk_changes`` on a thread; ``wake()`` for each notification."""

    def __init__(self, sqlalchemy_url: str, wake: Callable[[], None]) -> None:
        self._url = libpq_url(sqlalchemy_url)
        self._wake = wake
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="helpdesk:listen", daemon=True)
        self.listening = threading.Event()  # set while LISTEN holds (readiness, tests)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                self._listen()
                failures = 0
            except Exception as error:  # noqa: BLE001 - the connection dropped: retry
                self.listening.clear()
                delay = RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)]
                failures += 1
                log.warning("feed wake-ups: LISTEN lost (%s); retrying in %.1f s", error, delay)
                self._stop.wait(delay)

    def _listen(self) -> None:
        import psycopg  # the PostgreSQL driver: only a PostgreSQL helpdesk needs it

        with psycopg.connect(self._url, autocommit=True) as connection:
            connection.execute(f"LISTEN {CHANNEL}")
            self.listening.set()
            self._wake()  # what was committed while no one listened is read now
            while not self._stop.is_set():
                woken = False
                for _ in connection.notifies(timeout=POLL_SECONDS):
                    woken = True
                    break  # one wake reads everything committed so far
                if woken:
                    self._wake()
