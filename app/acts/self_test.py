"""``vip-console act self-test``: can this install sign an act? Exit 0 only if it did.

IT runs it after installing a package, and the bundle check runs it on every build: a
library the signing child needs but the package left out (Pillow's, reportlab's fonts)
shows only when an incident is recorded, on the floor. The test takes the console's
own path: a throwaway demo property in a temporary directory (never the tablet's data,
never its key), an act on one of its open incidents rendered and signed by the
signing child process, stored, then verified against that property's acts CA.
"""

import math
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from app.actor import Actor
from app.domain import Role

if TYPE_CHECKING:
    from app.acts.model import ActDraft
    from app.acts.strokes import DrawnSignature

STAFF = "P001"  # the demo property's pit boss


def self_test() -> int:
    with tempfile.TemporaryDirectory(prefix="vip-act-self-test-") as tmp:
        try:
            verdict = _sign_and_verify(Path(tmp) / "demo")
        except Exception as error:  # noqa: BLE001 - any failure is the verdict
            print(f"act self-test FAILED: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
    if verdict:
        print(f"act self-test FAILED: the signed act does not verify: {verdict}", file=sys.stderr)
        return 1
    print("act self-test: an act was rendered and signed by the signing process, and verified")
    return 0


def _sign_and_verify(directory: Path) -> str:
    """What is wrong with the act signed on a demo property in ``directory`` ('' if none)."""
    from app.acts.pki import pki_paths
    from app.acts.trust import Trust, load_certificates
    from app.acts.verify import verify_pdf
    from app.bootstrap import build_context
    from app.clock import SystemClock
    from app.demo.writer import write_demo_property
    from app.security.store_key import DEMO_STORE_KEY
    from offline_cache import open_store

    store = open_store(directory, key=DEMO_STORE_KEY)
    try:
        write_demo_property(store, directory, 10, SystemClock())
    finally:
        store.close()
    context = build_context(directory, store_key=DEMO_STORE_KEY)
    try:
        actor = Actor(STAFF, Role.PIT_BOSS, context.device_id or "SELF-TEST")
        incident = context.incidents.board(actor)[0].incident
        pdf = context.acts.record_act(actor, _draft(incident.id)).pdf
    finally:
        context.close()
    roots = load_certificates(pki_paths(directory).ca)
    verdict = verify_pdf(pdf, Trust(signers=roots, timestamps=roots))
    return "" if verdict.ok else "; ".join(verdict.problems)


def _draft(incident_id: str) -> "ActDraft":
    from app.acts.model import ActDraft, GuestSignature, GuestSignatureStatus

    return ActDraft(
        incident_id=incident_id,
        decision="Self-test of this install: not an act of the floor.",
        staff_signature=_loop(),
        guest=GuestSignature(GuestSignatureStatus.NOT_PRESENT, None),
    )


def _loop() -> "DrawnSignature":
    """A drawn signature: one wave, as a finger would leave it."""
    from app.acts.strokes import InputKind, StrokeRecorder

    recorder = StrokeRecorder(400, 150)
    recorder.begin(40, 80, 0, None, InputKind.TOUCH)
    for i in range(60):
        recorder.add(40 + i * 5, 80 + 30 * math.sin(i / 6), 8 * (i + 1), None)
    recorder.end()
    return recorder.signature()
