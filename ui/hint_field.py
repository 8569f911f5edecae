"""A field's hint that is never cut: inside the field when it fits, under it when not.

A placeholder is one line: in French, on a 1024-px tablet or with text at 200 %, the
end of "Optional, with + country code" would be cut. ``HintedField`` holds the field and
a small wrapped line under it, shown only while the hint does not fit inside.
``ShorteningHint`` is for a field that has no room under it (the window's search bar):
the longest of a few wordings that fits, each shorter one saying the same in fewer words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

FIELD_MARGINS = 16  # a line edit's frame, padding and caret


class HintedField(QWidget):
    """``edit`` with ``hint`` inside it, or under it when the field is too narrow."""

    def __init__(self, edit: QLineEdit, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit, self.hint = edit, hint
        edit.setAccessibleDescription(hint)  # a screen reader says it either way
        self.below = QLabel(hint)
        self.below.setObjectName(f"{edit.objectName()}Hint")
        self.below.setProperty("variant", "subtle")
        self.below.setWordWrap(True)
        self.below.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        layout.addWidget(self.below)
        edit.setPlaceholderText(hint)
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.edit and event.type() in (QEvent.Type.Resize, QEvent.Type.Polish):
            self._place_hint()
        return False

    def _place_hint(self) -> None:
        need = self.edit.fontMetrics().horizontalAdvance(self.hint) + FIELD_MARGINS
        fits = need <= self.edit.width()
        self.edit.setPlaceholderText(self.hint if fits else "")
        if self.below.isHidden() == fits:
            return
        self.below.setVisible(not fits)


class ShorteningHint(QObject):
    """``edit``'s hint: the first of ``wordings`` (longest first) that fits the field;
    the last when none does. A screen reader is told the whole first wording."""

    def __init__(self, edit: QLineEdit, wordings: list[str]) -> None:
        super().__init__(edit)
        self.edit, self.wordings = edit, wordings
        edit.setAccessibleDescription(wordings[0])
        edit.setPlaceholderText(wordings[-1])
        edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kinds = (QEvent.Type.Resize, QEvent.Type.Polish, QEvent.Type.FontChange)
        if watched is self.edit and event.type() in kinds:
            self.edit.setPlaceholderText(self.fitting())
        return False

    def fitting(self) -> str:
        metrics, room = self.edit.fontMetrics(), self.edit.width() - FIELD_MARGINS
        for wording in self.wordings:
            if metrics.horizontalAdvance(wording) <= room:
                return wording
        return self.wordings[-1]


def add_hinted_row(form: QFormLayout, label: str, field: HintedField) -> None:
    """``field`` as a row of ``form``, its label the edit's buddy and name: a screen
    reader names the edit by it, as Qt does by itself for an edit added alone (it looks
    for a buddy among the edit's siblings only)."""
    form.addRow(label, field)
    if not field.edit.accessibleName():
        field.edit.setAccessibleName(label)
    buddy = form.labelForField(field)
    if isinstance(buddy, QLabel):
        buddy.setBuddy(field.edit)
