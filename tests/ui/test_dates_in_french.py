"""Dates and times outside the core's messages read the French way in the French UI
(``ui.locale_format``): the guest timeline, the board's tooltips, the sync banner and its
review, the sign-in lock. A moment in 2030 is never today, so it always carries its date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from PySide6.QtCore import Qt

from app.actor import Actor
from app.domain import Category, IncidentStatus, Priority
from app.services.timeline import TimelineEntry, TimelineKind
from app.sync.status import Link, SyncStatus
from tests.ui.conftest import HOST
from tests.ui.demo_objects import NOW
from ui.board.model import Col
from ui.board.rows import BoardRow
from ui.board.view import BoardView
from ui.contracts import AccountLocked
from ui.guest.timeline import GuestTimelineView
from ui.i18n import use_language
from ui.incident.labels import countdown
from ui.sign_in import SignInScreen
from ui.sync.status_banner import SyncStatusBanner

AT = datetime(2030, 12, 1, 14, 5).astimezone()  # 14:05 on the tablet's clock
NB = "\u00a0"
NNB = "\u202f"
FRENCH_AT = "14:05 (1 déc. 2030)"


class Timeline:
    def timeline(self, actor: Actor, guest_id: str) -> list[TimelineEntry]:
        return [
            TimelineEntry(None, TimelineKind.FLAG, "cooling_off", until=date(2030, 12, 1)),
            TimelineEntry(AT, TimelineKind.NOTE, "Prefers the quiet salon"),
            TimelineEntry(
                AT,
                TimelineKind.COMPENSATION,
                "F&B credit",
                amount=Decimal("1500"),
                currency="AUD",
            ),
        ]


def test_the_guest_timeline(qtbot, french, ops) -> None:
    view = GuestTimelineView(Timeline(), ops)
    qtbot.addWidget(view)
    view.load(HOST, "g1")
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)

    def cell(r: int, c: int) -> str:
        return view.table.model().index(r, c).data()

    assert cell(0, 3) == "Période de réflexion jusqu'au 1 déc. 2030"
    assert cell(1, 0) == "1 déc. 2030\n14:05"  # the time under the date
    assert cell(2, 3) == f"F&B credit (1{NNB}500{NB}AUD)"


def test_the_board_tooltip_of_the_next_update(qtbot, french) -> None:
    board = BoardView()
    qtbot.addWidget(board)
    incident = BoardRow(
        "i1",
        "VIP-1",
        False,
        Priority.P3,
        Category.OTHER,
        "Guest",
        "BJ-07",
        IncidentStatus.IN_PROGRESS,
        1,
        NOW + timedelta(minutes=30),
        next_update_at=AT,
    )
    board.model.set_rows([incident], NOW)
    index = board.proxy.index(0, Col.NEXT_UPDATE)
    assert index.data(Qt.ItemDataRole.ToolTipRole) == FRENCH_AT


def test_the_sync_banner(qtbot, french) -> None:
    banner = SyncStatusBanner(SyncStatus(Link.OFFLINE, offline_since=AT, last_sync_at=AT))
    qtbot.addWidget(banner)
    assert banner.headline.text() == f"Hors ligne depuis {FRENCH_AT}"
    assert banner.detail.text() == (
        f"0 modification(s) en attente · dernière synchronisation à {FRENCH_AT}"
    )
    banner.show_status(SyncStatus(Link.ONLINE, dead=1, conflicts=2))
    assert banner.review_button.text() == "Examiner : 1 refusée(s), 2 à régler"


def test_the_sign_in_lock(qtbot, french, ops) -> None:
    class Locked:
        def sign_in(self, staff_id: str, pin: str) -> Actor:
            raise AccountLocked(AT)

    screen = SignInScreen(Locked(), ops)
    qtbot.addWidget(screen)
    screen.show()
    screen.staff_edit.setText("H001")
    screen.pin_edit.setText("0000")
    screen.submit()
    qtbot.waitUntil(lambda: screen.message.isVisible())
    assert screen.message.text() == (
        f"Trop de codes PIN erronés : ce compte est bloqué jusqu'à {FRENCH_AT}."
    )


def test_a_countdown_of_days_reads_in_the_screens_language(qapp) -> None:
    left = timedelta(days=1, hours=2, minutes=5)
    assert countdown(left) == "1d 02:05"
    assert use_language(qapp, "fr")
    try:
        assert countdown(left) == "1 j 02:05"  # the report reminder's "à rendre dans"
        assert countdown(-left) == "\u22121 j 02:05"
    finally:
        use_language(qapp, "en")
