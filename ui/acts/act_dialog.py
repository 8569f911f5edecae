"""An act or a report signed on the tablet: the form over the console window, then a receipt.

``ActDialog`` lays the ``ActForm`` (or the ``ReportForm``) over the console window's
area (``ui.acts.fit``), so Sign and the pads are on screen at 1024×768. Cancel closes it
at once when nothing was entered, else asks before it throws a decision or a signature
away. Once the core has recorded the act, the dialog says so with the act's number and
offers to view it and print the guest's copy before it is closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.acts.fit import fit_to_window
from ui.acts.signing_layout import SigningForm

if TYPE_CHECKING:
    from app.acts.service import RecordedAct


class ActDialog(QDialog):
    def __init__(
        self,
        form: SigningForm,
        title: str,
        done_text: Callable[[RecordedAct], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("actDialog")
        self.setWindowTitle(title)
        self.form = form
        self.recorded: RecordedAct | None = None
        self._done_text = done_text
        heading = QLabel(title)
        heading.setObjectName("actDialogTitle")
        heading.setProperty("variant", "title")
        heading.setWordWrap(True)

        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("cancelAct")
        self.cancel_button.setMinimumHeight(56)
        self.cancel_button.clicked.connect(self.cancel)
        form.action_row.insertWidget(0, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, form.sign_button)  # as they read: Cancel, Sign
        self.discard_bar = QFrame()
        self.discard_bar.setObjectName("discardBar")
        self.discard_bar.setProperty("variant", "panel")
        discard_text = QLabel(self.tr("Discard this act? What was written and signed is lost."))
        discard_text.setWordWrap(True)
        self.keep_button = QPushButton(self.tr("Keep editing"))
        self.keep_button.setObjectName("keepAct")
        self.keep_button.clicked.connect(self.discard_bar.hide)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setObjectName("discardAct")
        self.discard_button.clicked.connect(self.reject)
        bar = QHBoxLayout(self.discard_bar)
        bar.addWidget(discard_text, 1)
        bar.addWidget(self.keep_button)
        bar.addWidget(self.discard_button)
        self.discard_bar.hide()

        editing = QWidget()
        column = QVBoxLayout(editing)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(form, 1)
        column.addWidget(self.discard_bar)

        self.done_text = QLabel()
        self.done_text.setObjectName("actRecordedText")
        self.done_text.setProperty("variant", "info")
        self.done_text.setWordWrap(True)
        self.view_button = QPushButton(self.tr("View act"))
        self.view_button.setObjectName("actDoneView")
        self.print_button = QPushButton(self.tr("Print guest copy"))
        self.print_button.setObjectName("actDonePrint")
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setObjectName("actDone")
        self.done_button.setProperty("variant", "primary")
        self.done_button.clicked.connect(self.accept)
        done = QWidget()
        done_layout = QVBoxLayout(done)
        done_layout.addWidget(self.done_text)
        buttons = QHBoxLayout()
        for button in (self.view_button, self.print_button, self.done_button):
            button.setMinimumHeight(64)
            buttons.addWidget(button)
        done_layout.addLayout(buttons)
        done_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(editing)
        self.pages.addWidget(done)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.pages, 1)
        form.act_recorded.connect(self._recorded)
        fit_to_window(self, parent)

    def cancel(self) -> None:
        if self.form.has_input:
            self.discard_bar.show()
        else:
            self.reject()

    def _recorded(self, recorded: RecordedAct) -> None:
        self.recorded = recorded
        self.done_text.setText(self._done_text(recorded))
        self.pages.setCurrentIndex(1)
        self.done_button.setFocus()

    def connect_copies(self, view: Callable[[str], Any], print_copy: Callable[[str], Any]) -> None:
        """What View act and Print guest copy do with the act just recorded."""
        self.view_button.clicked.connect(lambda: self.recorded and view(self.recorded.act.id))
        self.print_button.clicked.connect(
            lambda: self.recorded and print_copy(self.recorded.act.id)
        )
