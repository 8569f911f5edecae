"""Where an act is rendered and signed: in the calling thread, or in a child process.

Both cost the same CPU; they differ in what the GUI feels. Rendering and signing in a
thread of the console's own process holds the GIL in 5 ms slices and leaves a lot of
garbage whose collection stops *every* thread (measured: GUI stalls of ~90 ms, see
``bench/acts.py``). ``ProcessWorker`` does the work in one long-lived child process
(``spawn``: no fork of a Qt process) that loaded the fonts and the signing key once;
the console's executor thread only waits for bytes, so the GUI keeps its frame rate.

The tablet's key reaches the child with each job (a pipe), never a file or the
environment; the child keeps the identity built from it until a renewed certificate
comes with a job.
"""

import gc
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol

from app.acts.content import ActContent
from app.acts.pki import SigningMaterial
from app.acts.signing import IdentityProvider, Signatory, SigningIdentity, identity_from


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    render_s: float
    sign_s: float


class ActWorker(Protocol):
    def render_and_sign(self, content: ActContent, who: Signatory) -> Signed: ...
    def warm_up(self) -> None: ...
    def close(self) -> None: ...


def render_and_sign(content: ActContent, who: Signatory, identity: SigningIdentity) -> Signed:
    from app.acts.document import render_act
    from app.acts.signing import sign_act

    started = time.perf_counter()
    rendered = render_act(content)
    rendered_at = time.perf_counter()
    pdf = sign_act(rendered, identity, who)
    return Signed(pdf, rendered_at - started, time.perf_counter() - rendered_at)


class InlineWorker:
    """In the calling thread (tests, command-line tools, the benchmark's baseline)."""

    def __init__(self, identity: IdentityProvider) -> None:
        self._identity = identity

    def render_and_sign(self, content: ActContent, who: Signatory) -> Signed:
        return render_and_sign(content, who, self._identity.get())

    def warm_up(self) -> None:
        from app.acts.fonts import load_fonts

        load_fonts()

    def close(self) -> None:
        pass


_child_identity: SigningIdentity | None = None


# The child's long-lived objects (modules, fonts, the identity) are frozen out of the
# cyclic collector: a full collection over them (~150,000 objects) took ~50 ms, about
# one act in a hundred (its p99), and finds nothing to free; frozen, ~2 ms.


CONSOLE_WATCH_S = 1.0  # how often the signing child looks for its console


def _child_init() -> None:
    _end_with(os.getppid())
    from app.acts.document import render_act  # noqa: F401  (loaded before the freeze)
    from app.acts.fonts import load_fonts

    load_fonts()
    gc.freeze()


def _end_with(console_pid: int) -> None:
    """The signing child ends when its console is gone (killed, crashed): its pool's
    queue never closes then, and it waited on it for ever, an orphan per start."""

    def watch() -> None:
        while os.getppid() == console_pid:
            time.sleep(CONSOLE_WATCH_S)
        os._exit(0)

    threading.Thread(target=watch, name="console-watch", daemon=True).start()


def _child_job(plain: dict[str, Any], who: Signatory, material: SigningMaterial) -> Signed:
    global _child_identity
    if _child_identity is None or _child_identity.material != material:
        _child_identity = identity_from(material)
        gc.freeze()
    return render_and_sign(ActContent(plain), who, _child_identity)


def _child_ready() -> bool:
    return True


class ProcessWorker:
    """One child process that renders and signs; started at ``warm_up`` or first use."""

    def __init__(self, identity: IdentityProvider) -> None:
        self._identity = identity
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_child_init,
            )
        return self._pool

    def render_and_sign(self, content: ActContent, who: Signatory) -> Signed:
        try:
            return self._submit(content, who)
        except BrokenProcessPool:
            # The child died (killed, out of memory): start a new one, once.
            self.close()
            return self._submit(content, who)

    def _submit(self, content: ActContent, who: Signatory) -> Signed:
        material = self._identity.get().material  # refused here, in this process
        future: Future[Signed] = self._started().submit(
            _child_job, dict(content.plain), who, material
        )
        return future.result()

    def warm_up(self) -> None:
        self._started().submit(_child_ready).result()

    def close(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            pool.shutdown(wait=True, cancel_futures=True)
