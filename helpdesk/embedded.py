"""The reference helpdesk embedded in the console, for the demo (``make run``).

It serves the same demo property as the console's demo store (same generator, seed and
guest count, so the ids match) from ``<data dir>/helpdesk.db`` on 127.0.0.1, so a new
user sees live sync at once. The console's composition root (``app.bootstrap``) hands
``start_embedded_helpdesk`` to its sync; without this package the console runs offline.

It runs in a process of its own, started by the console and ended with it: in the
console's process its start (FastAPI, pydantic's schemas, SQLAlchemy's mappers) held
the GIL for up to 60 ms at a time in the first seconds, and each sync request it served
competed with the console's screen for it.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from functools import partial
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import TYPE_CHECKING

from app.sync.embedded import DB_NAME, DEMO_ENROLMENT_CODE, EmbeddedHelpdesk

if TYPE_CHECKING:
    from helpdesk.server import RunningServer

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120.0  # a first start seeds the demo property
STOP_TIMEOUT_S = 10.0
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"  # the console's (app/cli.py)


def start_embedded_helpdesk(data_dir: Path, guests: int) -> EmbeddedHelpdesk:
    """Start it in its own process (seeding an empty database first) and return once it
    answers; blocking: call it off the GUI thread. RuntimeError if it did not start."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(
        target=_serve, args=(data_dir, guests, theirs), name="embedded-helpdesk", daemon=True
    )
    process.start()
    theirs.close()  # its end: the child's alone, so a child gone reads as the pipe's end
    try:
        if not ours.poll(START_TIMEOUT_S):
            raise RuntimeError("the embedded helpdesk did not start in time")
        kind, value = ours.recv()
    except (EOFError, OSError) as error:
        _stop(process, ours)
        raise RuntimeError(f"the embedded helpdesk ended as it started ({error!r})") from error
    except BaseException:
        _stop(process, ours)
        raise
    if kind != "url":
        _stop(process, ours)
        raise RuntimeError(f"the embedded helpdesk did not start: {value}")
    return EmbeddedHelpdesk(value, partial(_stop, process, ours))


def _serve(data_dir: Path, guests: int, console: Connection) -> None:
    """The helpdesk's process: serve until the console says stop, or is gone."""
    from app.security.log_redaction import install_card_redaction

    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)  # on the console's stderr
    install_card_redaction()  # as the console's own log: no full card number (SPEC §3)
    try:
        running = _started(data_dir, guests)
    except BaseException as error:  # noqa: BLE001 - told to the console, which logs it
        console.send(("error", repr(error)))
        return
    try:
        console.send(("url", running.url))
        console.recv()  # "stop"; EOFError when the console's end closed (it is gone)
    except (EOFError, OSError):
        pass
    finally:
        running.stop()


def _stop(process: BaseProcess, console_end: Connection) -> None:
    try:
        console_end.send("stop")
    except OSError:
        pass  # it is gone already
    process.join(STOP_TIMEOUT_S)
    if process.is_alive():
        log.warning("the embedded helpdesk did not stop in %.0f s: ended", STOP_TIMEOUT_S)
        process.terminate()
        process.join(STOP_TIMEOUT_S)
    console_end.close()


def _started(data_dir: Path, guests: int) -> RunningServer:
    """The helpdesk serving the demo property on loopback, its database seeded."""
    from helpdesk.config import Settings
    from helpdesk.sealing import DEMO_BLOB_KEY
    from helpdesk.seed import assign_demo_staff, seed_demo
    from helpdesk.server import start_in_thread

    started = time.perf_counter()
    settings = Settings(
        db_url=f"sqlite:///{data_dir / DB_NAME}",
        demo_enrolment_code=DEMO_ENROLMENT_CODE,
        blob_key=DEMO_BLOB_KEY,
    )
    running = start_in_thread(settings, own_process=True)
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
    return running


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
