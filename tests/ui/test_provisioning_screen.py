"""The provisioning screen against a real helpdesk on 127.0.0.1: a scanned QR code
fills the fields, a wrong code is explained and stores nothing, IT's code enrols the
tablet (token in the encrypted store, device id in settings); it fits 1024 x 768 and
1280 x 800 with every control in view."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QMainWindow

from app.bootstrap import ConsoleContext, build_context
from app.settings import load_settings
from app.sync.device_token import TOKEN_KEY
from app.sync.enrolment_uri import enrolment_uri
from app.sync.provisioning import ROLE_SCOPE_KEY, Provisioned
from tests.integration.conftest import HelpdeskService, start_service
from ui.async_ops import AsyncOps
from ui.provisioning.screen import ProvisioningScreen
from ui.theme import MIN_TOUCH

KEY = bytes(range(32))
DEVICE = "TAB-PROV01"


@pytest.fixture
def helpdesk(tmp_path: Path) -> Iterator[HelpdeskService]:
    service = start_service(tmp_path / "helpdesk.db", seed=False)
    yield service
    service.server.stop()


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ConsoleContext]:
    built = build_context(tmp_path / "tablet", store_key=KEY)
    yield built
    built.close()


def _screen(qtbot, context: ConsoleContext, url: str, ops: AsyncOps) -> ProvisioningScreen:
    provisioner = context.provisioner(url)
    assert not provisioner.again()  # no token held: provisioned anew
    screen = ProvisioningScreen(url, context.device_id, provisioner.enrol, ops)
    qtbot.addWidget(screen)
    return screen


def _token(context: ConsoleContext) -> str | None:
    with context.store.unit_of_work() as uow:
        return uow.sync_state.get(TOKEN_KEY)


def test_a_wrong_code_is_explained_and_the_right_one_enrols_the_tablet(
    qtbot, ops: AsyncOps, helpdesk: HelpdeskService, context: ConsoleContext
) -> None:
    screen = _screen(qtbot, context, helpdesk.url, ops)
    code = helpdesk.issue_code(DEVICE, role_scope=("pit_boss",))
    screen.device_edit.setText(DEVICE)
    screen.code_edit.setText("0000-0000-0000-0000")
    screen.submit()
    qtbot.waitUntil(lambda: not screen.message.isHidden(), timeout=10000)
    assert "did not issue this code" in screen.message.text()
    assert _token(context) is None

    screen.code_edit.clear()
    screen.device_edit.setText(enrolment_uri(DEVICE, code))  # a scanner types the QR code
    assert (screen.device_edit.text(), screen.code_edit.text()) == (DEVICE, code)
    with qtbot.waitSignal(screen.provisioned, timeout=10000) as signal:
        screen.submit()
    assert signal.args[0] == Provisioned(DEVICE, ("pit_boss",))
    assert _token(context) is not None
    with context.store.unit_of_work() as uow:
        assert uow.sync_state.get(ROLE_SCOPE_KEY) == "pit_boss"
    assert load_settings(context.data_dir).get("device_id") == DEVICE

    screen.submit()  # the same code again: spent
    qtbot.waitUntil(lambda: not screen.message.isHidden(), timeout=10000)
    assert "used already" in screen.message.text()


def test_an_unreachable_helpdesk_is_said_plainly(
    qtbot, ops: AsyncOps, context: ConsoleContext
) -> None:
    screen = _screen(qtbot, context, "http://127.0.0.1:9", ops)
    screen.code_edit.setText("K7QM-4XPA-9RTE-2WDN")
    screen.submit()
    qtbot.waitUntil(lambda: not screen.message.isHidden(), timeout=15000)
    assert "cannot be reached" in screen.message.text()
    assert ops.errors == []  # type: ignore[attr-defined] - a refusal, not a crash


@pytest.mark.parametrize("size", [(1024, 768), (1280, 800)], ids=["1024", "1280"])
def test_the_screen_fits_the_tablet(
    qtbot, ops: AsyncOps, context: ConsoleContext, size: tuple[int, int], tmp_path: Path
) -> None:
    screen = _screen(qtbot, context, "https://helpdesk.harbour-crown.example", ops)
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(screen)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    screen.message.setText("This code has expired: ask IT for a new one.")
    screen.message.show()
    qtbot.wait(10)  # layouts settle
    need = screen.minimumSizeHint()
    assert need.width() <= size[0] and need.height() <= size[1], need
    inside = window.rect()
    for button in screen.findChildren(QAbstractButton):
        if button.isVisible():
            where = button.mapTo(window, button.rect().topLeft())
            assert inside.contains(where) and inside.contains(
                where + button.rect().bottomRight()
            ), button.objectName() or button.text()
            assert button.height() >= MIN_TOUCH, button.objectName() or button.text()
    window.grab().save(str(tmp_path.parent / f"provisioning_{size[0]}.png"))
