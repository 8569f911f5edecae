"""The board page: the live incident board with the guest card beside it.

Shown to hosts, pit bosses and the VIP desk. The post-incident report reminder sits
above the board; a row tapped opens the incident view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from app.domain import Role
from ui.shell.pages import PageEnv, PageSpec

BOARD_ROLES = frozenset({Role.HOST, Role.PIT_BOSS, Role.VIP_DESK})


def pages(env: PageEnv) -> list[PageSpec]:
    title = QCoreApplication.translate("pages", "Board")
    return [PageSpec("board", title, BOARD_ROLES, lambda: build_board(env), order=10)]


def build_board(env: PageEnv) -> QWidget:
    from ui.board.view import BoardView

    board = BoardView(clock=env.extras.get("clock"))
    board.setObjectName("board")
    open_incident = env.extras.get("open_incident")
    if open_incident is not None:
        board.incident_activated.connect(open_incident)
    page = QWidget()
    page.setObjectName("boardPage")
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    if env.context is not None:
        from ui.acts.report_reminder import ReportReminder, ReportReminderBanner

        context = env.context
        reminder = ReportReminder(
            env.ops,
            lambda a: context.acts.due_reports(a),
            env.actor,
            page,
            acts=lambda: context.acts,  # "Write report" opens the report form
        )
        layout.addWidget(ReportReminderBanner(reminder, env.extras.get("clock")))
        reminder.refresh()
        page.reminder = reminder  # type: ignore[attr-defined]
    card = env.extras.get("card")
    if card is not None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setHandleWidth(12)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(board)
        splitter.addWidget(card)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1100, 480])
        layout.addWidget(splitter, 1)
    else:
        layout.addWidget(board, 1)
    page.board = board  # type: ignore[attr-defined]
    return page
