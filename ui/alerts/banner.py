"""The alert banner in the window's status bar, over the "signed in" line while it shows:
the newest alert in words, how many more came with it, a tap to the inbox. It plays the
sound and has a screen reader say it (``QAccessibleAnnouncementEvent`` on Qt 6.8+, else
an accessible name change event).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent, QHideEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from ui.alerts.sound import AlertSound
from ui.fitted_label import FittedLabel
from ui.theme import MIN_TOUCH, scaled

try:  # Qt 6.8: a real announcement, spoken at once
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older Qt: the name change is read out
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]


class AlertBanner(QFrame):
    open_inbox = Signal()
    shown = Signal(bool)  # shown or hidden: the window gives it the signed-in line's place

    def __init__(self, sound: AlertSound, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alertBanner")
        self.sound = sound
        self.announced: list[str] = []  # what was handed to the screen reader
        self.setStyleSheet(
            "#alertBanner { background-color: #8a2b2b; border-radius: 8px; }"
            "#alertBannerText { color: #ffffff; font-weight: bold; "
            f"font-size: {scaled(17)}px; }}"  # the device's text size, as the theme's
        )
        # The status bar sizes the banner by its hint: the label asks for its lines' height.
        self.text = FittedLabel()
        self.text.setObjectName("alertBannerText")
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.setAccessibleName(self.tr("Open alerts"))
        self.open_button.setObjectName("alertBannerOpen")
        self.open_button.setMinimumHeight(MIN_TOUCH)
        self.open_button.clicked.connect(self._open)
        self.dismiss = QPushButton("\u2715")  # ✕
        self.dismiss.setAccessibleName(self.tr("Dismiss"))
        self.dismiss.setFixedWidth(MIN_TOUCH + 8)
        self.dismiss.setObjectName("alertBannerDismiss")
        self.dismiss.setMinimumHeight(MIN_TOUCH)
        self.dismiss.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 2, 6, 2)
        row.addWidget(self.text, 1)
        row.addWidget(self.open_button)
        row.addWidget(self.dismiss)
        self.hide()

    def show_alert(self, text: str, more: int) -> None:
        """Show ``text`` (and how many others came with it), sound it, announce it."""
        if more:
            text = self.tr("{alert} (+{more} more)").format(alert=text, more=more)
        self.text.setText(text)
        self.setAccessibleName(text)
        self.show()
        self.sound.play()
        self._announce(text)

    def _announce(self, text: str) -> None:
        self.announced.append(text)
        if QAccessibleAnnouncementEvent is not None:
            event = QAccessibleAnnouncementEvent(self, text)
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
            QAccessible.updateAccessibility(event)
        else:  # pragma: no cover - older Qt
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.shown.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        self.shown.emit(False)

    def _open(self) -> None:
        self.hide()
        self.open_inbox.emit()
