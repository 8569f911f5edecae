"""A line above the board: what is due in words, and the button that does it.

The report reminder and the sign-off banner are each one (``ui.acts.report_reminder``,
``ui.acts.sign_off_banner``). Each has a compact form for a board short of height (text
at 200 %, ``app.board_room``): one line, how many are due, beside the same button; the
whole sentence stays its tooltip and accessible name, and the form the button opens
names the ticket.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

MARGINS = (8, 4, 8, 4)  # px: left, top, right, bottom inside the frame


class NoticeBanner(QFrame):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setProperty("variant", "panel")
        self.text = QLabel()
        self.text.setObjectName(f"{name}Text")
        self.text.setProperty("variant", "warning")
        self.text.setWordWrap(True)
        self.compact = False
        self._texts = ("", "")  # the sentence, and its compact form

    def lay_out(self, button: QPushButton) -> None:
        """The text, then ``button``, on one line (once the button exists)."""
        self._button = button
        row = QHBoxLayout(self)
        row.setContentsMargins(*MARGINS)
        row.addWidget(self.text, 1)
        row.addWidget(button)

    def show_notice(self, sentence: str, short: str) -> None:
        self._texts = (sentence, short)
        self.setAccessibleName(sentence)  # the whole of it, compact or not
        self._show_text()
        self.show()

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._show_text()

    def _show_text(self) -> None:
        sentence, short = self._texts
        self.text.setText(short if self.compact else sentence)
        self.setToolTip(sentence if self.compact else "")

    def height_for(self, width: int, compact: bool) -> int:
        """Its height at ``width`` px in either form, whichever it shows now."""
        text = self._texts[1 if compact else 0]
        frame = self.contentsMargins()
        row = self.layout()
        left, top, right, bottom = MARGINS
        inner = width - frame.left() - frame.right() - left - right
        button = 0
        if not self._button.isHidden():
            inner -= self._button.sizeHint().width() + (row.spacing() if row else 0)
            button = max(self._button.sizeHint().height(), self._button.minimumHeight())
        label = self.text.contentsMargins()
        inner -= label.left() + label.right()
        flags = Qt.TextFlag.TextWordWrap.value | self.text.alignment().value
        lines = self.text.fontMetrics().boundingRect(
            QRect(0, 0, max(inner, 1), 1 << 20), flags, text
        )
        needed = lines.height() + label.top() + label.bottom()
        return frame.top() + frame.bottom() + top + bottom + max(needed, button)
