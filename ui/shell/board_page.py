"""The board page: the live incident board and, once a guest is swiped or picked, their
card beside it.

Shown to hosts, pit bosses, the VIP desk and the duty manager (who reads it: the core
gives them no step of the floor's). The post-incident report reminder sits above the
board ("Write report" for a role that signs reports), and for the duty manager the
reports waiting for their sign-off; a row tapped opens the incident view. The card is
this page's own (no widget moves between pages), hidden until there is a guest to
show, and closed with its button to give the board its width back. Short of height
(text at 200 %), what stands above the board gives way to its rows
(``ui.shell.board_room``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.domain import Role
from app.guest_card import GuestCardView
from app.permissions import Action, allowed
from ui.board.rows import BoardRow
from ui.guest.card_panel import GuestCardPanel
from ui.guest.card_widget import GuestCardWidget
from ui.shell.board_room import fit_height
from ui.shell.pages import PageDefaults, PageEnv, PageSpec
from ui.theme import scaled

if TYPE_CHECKING:
    from ui.acts.sign_off_banner import SignOffBanner
    from ui.kpis.strip import KpiStrip

BOARD_ROLES = frozenset({Role.HOST, Role.PIT_BOSS, Role.VIP_DESK, Role.DUTY_MANAGER})
# The card beside the board: a share of the page's width between these bounds, down to
# CARD_FLOOR where the board would lose its first columns (a French 1024-px tablet): the
# board keeps the priority, the time to breach and the table whole. Where even that
# leaves the card narrower than CARD_FLOOR at the device's text size (150 %, 200 %), the
# card takes the board's place until it is closed: whole lines beat two cut columns.
CARD_SHARE = 0.34
CARD_MIN, CARD_MAX = 360, 520  # px
CARD_FLOOR = 320
QWIDGETSIZE_MAX = (1 << 24) - 1


def pages(env: PageEnv) -> list[PageSpec]:
    title = QCoreApplication.translate("pages", "Board")
    return [PageSpec("board", title, BOARD_ROLES, lambda: BoardPage(env), order=10)]


class BoardPage(QWidget, PageDefaults):
    def __init__(self, env: PageEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ui.acts.report_reminder import ReportReminder, ReportReminderBanner
        from ui.acts.sign_off_banner import SignOffBanner
        from ui.board.view import BoardView

        self.setObjectName("boardPage")
        self.board = BoardView(clock=env.clock)
        self.board.setObjectName("board")
        # ui/board is another engineer's: its table is named from here, the page's title.
        self.board.table.setAccessibleName(QCoreApplication.translate("pages", "Board"))
        self.board.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.board.incident_activated.connect(env.nav.open_incident)
        self.board.model.sla_refresh_due.connect(lambda *_: env.nav.reload_board())
        services = env.services
        # The duty manager sees the reports due; writing one is the floor's.
        writes = env.actor.role is not Role.DUTY_MANAGER
        self.reminder = ReportReminder(
            env.ops,
            lambda actor: services.acts.due_reports(actor),
            env.actor,
            self,
            acts=(lambda: services.acts) if writes else None,  # "Write report": the form
        )
        self.sign_offs: SignOffBanner | None = None
        if allowed(env.actor, Action.REPORT_SIGN_OFF):
            self.sign_offs = SignOffBanner(env.ops, lambda: services.acts, env.actor, self)
        self.handover: QWidget | None = None
        if allowed(env.actor, Action.SHIFT_HANDOVER):  # the floor's supervisors
            from ui.reports.handover import HandoverButton

            self.handover = HandoverButton(
                env.ops, services.handover, env.actor, self, reach=services.files.handover_export
            )
            self.board.add_action(self.handover)
        # The three KPIs that matter, live, for the roles that may see them (docs/kpis.md).
        self.kpis: KpiStrip | None = None
        if allowed(env.actor, Action.KPI_STRIP):
            from ui.kpis.strip import KpiStrip

            self.kpis = KpiStrip(env, self)
        self.panel = GuestCardPanel(env, "boardCardPanel")
        self.panel.installEventFilter(self)  # shown or hidden: the board's room changes
        self.card = self.panel.card
        self._row = row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.board, 1)
        row.addWidget(self.panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.kpis is not None:
            layout.addWidget(self.kpis)
        self.reminder_banner = ReportReminderBanner(self.reminder, env.clock)
        layout.addWidget(self.reminder_banner)
        if self.sign_offs is not None:
            layout.addWidget(self.sign_offs)
            self.sign_offs.refresh()
        layout.addLayout(row, 1)
        self.reminder.refresh()

    def guest_card(self) -> GuestCardWidget:
        return self.card

    def show_guest(self, view: GuestCardView) -> None:
        self.panel.show_guest(view)
        self._fit_panel()

    def set_board_rows(self, rows: Sequence[BoardRow], now: datetime) -> None:
        self.board.model.set_rows(rows, now)
        if self.kpis is not None:
            self.kpis.feed.poke()  # the board reloaded: the sync brought changes, or its poll
        if self.panel.isVisible():
            self._fit_panel()  # longer texts may need more of the board

    def suspend(self) -> None:
        self.board.stop()
        if self.kpis is not None:
            self.kpis.feed.suspend()

    def resume(self) -> None:
        self.board.start()
        if self.kpis is not None:
            self.kpis.feed.resume()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit_panel()
        fit_height(self)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part above came, went or grew
            fit_height(self)
        return super().event(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.panel and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self._fit_panel()
        return False

    def card_takes_the_board(self) -> bool:
        """The card open where the board beside it would leave it too narrow."""
        return self._takes_the_board(self._room_beside_board())

    def _takes_the_board(self, room: int) -> bool:
        return not self.panel.isHidden() and room < scaled(CARD_FLOOR)

    def _room_beside_board(self) -> int:
        return self.width() - self._row.spacing() - self.board.first_page_width()

    def _fit_panel(self) -> None:
        card_open = not self.panel.isHidden()
        if self.handover is not None:
            # A guest's card takes the board's width; the handover waits for it to close.
            self.handover.setVisible(not card_open)
        room = self._room_beside_board()
        takes_over = self._takes_the_board(room)
        self.board.setVisible(not takes_over)
        if takes_over:
            self.panel.setMinimumWidth(0)
            self.panel.setMaximumWidth(QWIDGETSIZE_MAX)
            return
        # The bounds grow with the text (the device's text size): the card's lines whole.
        share = min(max(int(self.width() * CARD_SHARE), scaled(CARD_MIN)), scaled(CARD_MAX))
        self.panel.setFixedWidth(max(min(share, room), CARD_FLOOR))
