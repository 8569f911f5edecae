"""View a signed act on the screen, or print the guest's copy, from wherever it is listed.

Both read the act through the core (``ActService.view_copy`` / ``guest_copy``: the
layout of the ``act.json`` inside the newest signed PDF, checked against the hash the
act was recorded with; each read audited) in the executor, then paint on the GUI
thread. The incident screen lists its acts in an ``ActList``; the guest timeline calls
``ActActions`` for the act row that is selected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QScroller,
    QVBoxLayout,
    QWidget,
)

from app.actor import Actor
from app.acts.model import ActKind, ActRecord
from app.acts.reading import GuestCopy
from ui.acts.fit import fit_to_window
from ui.acts.print_copy import ask_and_print, page_image
from ui.async_ops import AsyncOps
from ui.form_parts import error_line, show_refusals
from ui.incident.labels import act_number_text
from ui.locale_format import format_date_time

PrintCopy = Callable[[GuestCopy, QWidget], Any]
_KINDS = (QT_TRANSLATE_NOOP("ActList", "Act"), QT_TRANSLATE_NOOP("ActList", "Post-incident report"))
ACT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ActViewer(QDialog):
    """The act's pages, one under the other, as wide as the dialog; Print and Close."""

    print_wanted = Signal()

    def __init__(self, copy: GuestCopy, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actViewer")
        self.copy = copy
        self.setWindowTitle(self.tr("Act {number}").format(number=copy.act.number))
        title = QLabel(self.tr("Act {number}").format(number=copy.act.number))
        title.setProperty("variant", "title")
        source = QLabel(
            self.tr("From the signed PDF {sha}… (PAdES {level})").format(
                sha=copy.revision.sha256[:16], level=copy.revision.level.value
            )
        )
        source.setProperty("variant", "subtle")
        source.setWordWrap(True)
        self.pages = QWidget()
        self._page_box = QVBoxLayout(self.pages)
        self.page_labels: list[QLabel] = []
        self.page_scroll = QScrollArea()
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_scroll.setWidget(self.pages)
        QScroller.grabGesture(
            self.page_scroll.viewport(), QScroller.ScrollerGestureType.TouchGesture
        )
        # The viewport narrows without the dialog resizing when its scroll bar comes
        self.page_scroll.viewport().installEventFilter(self)
        self.print_button = QPushButton(self.tr("Print guest copy"))
        self.print_button.setObjectName("actViewerPrint")
        self.print_button.clicked.connect(self.print_wanted)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setObjectName("actViewerClose")
        self.close_button.setProperty("variant", "primary")
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(source)
        layout.addWidget(self.page_scroll, 1)
        layout.addLayout(buttons)
        self._rendered_width = 0
        fit_to_window(self, parent)
        self.render_pages()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_pages)  # once the layout has settled

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        QTimer.singleShot(0, self._fit_pages)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.page_scroll.viewport():
            QTimer.singleShot(0, self._fit_pages)
        return super().eventFilter(watched, event)

    def _fit_pages(self) -> None:
        """Again when a page would run past the viewport (its scroll bar came, 24 px),
        or when the viewport has grown well past the page."""
        room = self._page_width()
        if self._rendered_width > room or room - self._rendered_width > 24:
            self.render_pages()

    def _page_width(self) -> int:
        """The viewport less the pages' own margins."""
        margins = self._page_box.contentsMargins()
        return max(320, self.page_scroll.viewport().width() - margins.left() - margins.right())

    def render_pages(self) -> None:
        """Each page as wide as the scroll area shows it (no sideways scrolling)."""
        width = self._rendered_width = self._page_width()
        for label in self.page_labels:  # out of the layout now, not at the next turn
            self._page_box.removeWidget(label)
            label.deleteLater()
        self.page_labels = []
        for index in range(len(self.copy.layout.pages)):
            label = QLabel()
            label.setObjectName(f"actPage{index + 1}")
            label.setPixmap(QPixmap.fromImage(page_image(self.copy, index, width)))
            self._page_box.addWidget(label)
            self.page_labels.append(label)


class ActActions(QObject):
    """View or print an act by id; a refusal of the core shows in ``message``."""

    def __init__(
        self,
        ops: AsyncOps,
        acts: Callable[[], Any],
        actor: Actor,
        parent: QWidget,
        message: QLabel,
        print_copy: PrintCopy = ask_and_print,
    ) -> None:
        super().__init__(parent)
        self._ops, self._acts, self._actor = ops, acts, actor
        self._parent, self._message, self._print = parent, message, print_copy
        self.viewer: ActViewer | None = None

    def view(self, act_id: str) -> None:
        self._message.hide()
        self._ops.run(
            lambda: self._acts().view_copy(self._actor, act_id),
            on_success=self._show,
            on_error=show_refusals(self._message, {}),
        )

    def print_copy(self, act_id: str) -> None:
        self._message.hide()
        self._ops.run(
            lambda: self._acts().guest_copy(self._actor, act_id),
            on_success=lambda copy: self._print(copy, self._parent),
            on_error=show_refusals(self._message, {}),
        )

    def _show(self, copy: GuestCopy) -> None:
        self.viewer = ActViewer(copy, self._parent)
        self.viewer.print_wanted.connect(lambda: self.print_copy(copy.act.id))
        self.viewer.open()


def act_title(act: ActRecord, number: str | None = None, provisional: str = "") -> str:
    """``Act VIP-20016-A1 · 3 Dec 2026 9:55 am``: on the ticket number staff see."""
    titles = {
        ActKind.INCIDENT_ACT: QCoreApplication.translate("ActList", "Act"),
        ActKind.POST_INCIDENT_REPORT: QCoreApplication.translate("ActList", "Post-incident report"),
        ActKind.REPORT_SIGN_OFF: QCoreApplication.translate("ActList", "Report sign-off"),
    }
    when = format_date_time(act.created_at)
    shown = act_number_text(act.number, number, provisional) if provisional else act.number
    return f"{titles[act.kind]} {shown} · {when}"


class ActList(QWidget):
    """An incident's acts; View act and Print guest copy act on the chosen one."""

    def __init__(self, actions: ActActions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.copies = actions
        self.list = QListWidget()
        self.list.setObjectName("incidentActs")
        self.empty = QLabel(self.tr("No act signed for this incident yet."))
        self.empty.setProperty("variant", "subtle")
        self.view_button = QPushButton(self.tr("View act"))
        self.view_button.setObjectName("viewAct")
        self.view_button.clicked.connect(lambda: self._chosen(self.copies.view))
        self.print_button = QPushButton(self.tr("Print guest copy"))
        self.print_button.setObjectName("printGuestCopy")
        self.print_button.clicked.connect(lambda: self._chosen(self.copies.print_copy))
        self.list.currentRowChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(self.list, 1)
        self.show_acts(())

    def show_acts(
        self, acts: Sequence[ActRecord], number: str | None = None, provisional: str = ""
    ) -> None:
        """``number`` / ``provisional``: the incident's ticket numbers (``act_title``)."""
        self.list.clear()
        for act in reversed(acts):  # the newest first, chosen
            item = QListWidgetItem(act_title(act, number, provisional))
            item.setData(ACT_ID_ROLE, act.id)
            self.list.addItem(item)
        self.empty.setVisible(not acts)
        self.list.setVisible(bool(acts))
        if acts:
            self.list.setCurrentRow(0)
        self._enable()

    def _enable(self, *_: object) -> None:
        chosen = self.list.currentItem() is not None
        self.view_button.setEnabled(chosen)
        self.print_button.setEnabled(chosen)

    def _chosen(self, action: Callable[[str], None]) -> None:
        item = self.list.currentItem()
        if item is not None:
            action(item.data(ACT_ID_ROLE))


@dataclass
class ActButtons:
    view_button: QPushButton
    print_button: QPushButton
    message: QLabel


def act_buttons(owner: Any, layout: QVBoxLayout) -> ActButtons:
    """View act and Print guest copy under a table whose rows may be acts (the guest
    timeline). ``owner`` has ``table``, ``chosen_act() -> act id or ""`` and ``copies``
    (an ``ActActions``, None until it knows who is signed in: then they stay hidden)."""
    view_button = QPushButton(QCoreApplication.translate("ActList", "View act"))
    view_button.setObjectName("timelineViewAct")
    print_button = QPushButton(QCoreApplication.translate("ActList", "Print guest copy"))
    print_button.setObjectName("timelinePrintCopy")
    message = error_line("timelineActMessage")
    row = QHBoxLayout()
    row.addWidget(view_button)
    row.addWidget(print_button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(message)

    def chosen() -> None:
        available = owner.copies is not None
        view_button.setVisible(available)
        print_button.setVisible(available)
        act_id = owner.chosen_act() if available else ""
        view_button.setEnabled(bool(act_id))
        print_button.setEnabled(bool(act_id))

    view_button.clicked.connect(
        lambda: owner.chosen_act() and owner.copies.view(owner.chosen_act())
    )
    print_button.clicked.connect(
        lambda: owner.chosen_act() and owner.copies.print_copy(owner.chosen_act())
    )
    owner.table.selectionModel().selectionChanged.connect(chosen)
    owner.table.model().modelReset.connect(chosen)
    chosen()
    return ActButtons(view_button, print_button, message)
