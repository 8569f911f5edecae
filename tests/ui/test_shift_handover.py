"""The shift handover on the real console (a demo property): the pit boss and the duty
manager find "Shift handover" on the board's top line, the signed PDF is written off the
GUI thread and saved for the incoming team; a host has no such button."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from asn1crypto import pem, x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from tests.ui.demo_console import Console, in_view, screen_fits, sign_in, tap
from tests.ui.waits import WAIT_MS


def _trusted(data: bytes, ca_pem: bytes, console: Console) -> bool:
    _kind, _headers, der = pem.unarmor(ca_pem)
    context = ValidationContext(
        trust_roots=[x509.Certificate.load(der)],
        moment=console.clock.now(),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    (signature,) = PdfFileReader(io.BytesIO(data)).embedded_signatures
    # pyHanko's validator runs its own event loop: not on the console's (qasync) one.
    with ThreadPoolExecutor(1) as pool:
        status = pool.submit(validate_pdf_signature, signature, context).result()
    return bool(status.intact and status.valid and status.trusted and status.docmdp_ok)


@pytest.mark.parametrize("staff_id", ["P001", "M001"], ids=["pit boss", "duty manager"])
def test_the_handover_is_signed_and_saved_from_the_board(
    console: Console, staff_id: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    sign_in(console, staff_id)
    page = console.shell.page("board")
    console.qtbot.waitUntil(lambda: page.board.model.rowCount() > 0, timeout=WAIT_MS)
    button = page.handover
    in_view(console.window, button)
    screen_fits(console, page.board)
    with console.qtbot.waitSignal(button.written, timeout=30_000) as written:
        tap(console, button)
    signed = written.args[0]
    dialog = button.dialog
    console.qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)
    assert str(len(signed.handover.breached)) in dialog.summary.text()
    # No helpdesk here: signed by the tablet alone, and the dialog says so.
    assert signed.level == "B-B" and "(PAdES B-B)" in dialog.signature.text()
    in_view(console.window, dialog.signature)
    size = request.node.callspec.params["console"]
    console.window.grab().save(str(tmp_path / f"handover-{size}.png"))
    dialog.grab().save(str(tmp_path / f"handover-dialog-{size}.png"))
    out = tmp_path / dialog.suggested_name()
    with console.qtbot.waitSignal(dialog.saved, timeout=WAIT_MS):
        dialog.save_to(out)
    assert dialog.isHidden()
    data = out.read_bytes()
    assert _trusted(data, (console.context.data_dir / "pki" / "ca.pem").read_bytes(), console)
    with console.context.store.unit_of_work() as uow:
        actions = [(e.action, e.staff_id) for e in uow.audit.recent(5)]
    assert ("shift.handover", staff_id) in actions


def test_a_host_has_no_handover(console: Console) -> None:
    sign_in(console, "H001")
    page = console.shell.page("board")
    assert getattr(page, "handover", None) is None
