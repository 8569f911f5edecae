"""The provisioning screen IT meets on a new or revoked tablet speaks French: its own
texts at 1024 x 768 and 1280 x 800, none cut, none left in English, and each refusal it
can show. What the helpdesk or the link answered (a detail, an error) is quoted as it
came. The screen is main's (ui/provisioning/): this test runs where it is merged in."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMainWindow

from tests.ui.fit_checks import cut_texts
from tests.ui.french_texts import data_texts, untranslated, visible_texts

screen_module = pytest.importorskip("ui.provisioning.screen")
enrolment = pytest.importorskip("app.sync.enrolment")

URL = "https://helpdesk.harbour-crown.example"
DEVICE = "TAB-0042"
SHOWN = [URL, DEVICE, "XXXX-XXXX-XXXX-XXXX"]  # the screen's data, not its words


async def _never(device_id: str, code: str) -> object:
    raise AssertionError("nothing is enrolled here")


@pytest.fixture(params=[QSize(1024, 768), QSize(1280, 800)], ids=["1024x768", "1280x800"])
def window(request, qtbot, french) -> Iterator[QMainWindow]:
    shown = QMainWindow()
    qtbot.addWidget(shown)
    shown.setFixedSize(request.param)
    shown.show()
    yield shown


@pytest.mark.parametrize("again", [False, True], ids=["new", "revoked"])
def test_the_provisioning_screen_speaks_french(qtbot, ops, window, again: bool) -> None:
    screen = screen_module.ProvisioningScreen(URL, DEVICE, _never, ops, again=again)
    window.setCentralWidget(screen)
    qtbot.waitExposed(window)
    english = untranslated(visible_texts(window), data_texts(SHOWN))
    assert english == [], english
    assert list(cut_texts(window)) == []


def _refusals() -> list[BaseException]:
    from app.sync.transport import HelpdeskTooOld, Unreachable
    from app.wire.contract import MalformedResponse

    need = enrolment.Provisioning
    details = [
        "enrolment_code: already used",
        "enrolment_code: expired; ask IT for a new one",
        "enrolment_code: issued for another device id",
        "device_id: enrolled and live on another tablet",
        "enrolment_code: not a code of this helpdesk",
        "enrolment_code: something new",
    ]
    return [
        ValueError("device_id"),
        ValueError("code"),
        HelpdeskTooOld(),
        *(enrolment.NotProvisioned(need.CODE_REFUSED, detail) for detail in details),
        Unreachable("connection refused"),
        MalformedResponse("token: not a string"),
        enrolment.EnrolmentRefused(503, "busy"),
    ]


@pytest.mark.parametrize("error", _refusals(), ids=lambda error: type(error).__name__)
def test_each_refusal_is_said_in_french(french, error: BaseException) -> None:
    text = screen_module.refusal_text(error, URL)
    assert text is not None
    quoted = [URL, str(error), getattr(error, "detail", "")]
    english = untranslated([("provisioningMessage", text)], data_texts(quoted))
    assert english == [], english
