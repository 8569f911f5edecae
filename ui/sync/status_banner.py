"""The sync banner: online or offline since when, what waits, the last sync, what failed.

Always visible above the console: calm when everything is sent, amber when offline
(the console keeps working; changes wait on this device), red when the helpdesk
refused changes or both sides changed a field: a button opens the review.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from app.sync.status import Link, SyncStatus
from ui.locale_format import format_datetime

_STYLES = {
    "ok": "background: #1f3a2a; color: #cfe8d6;",
    "busy": "background: #22324a; color: #d4e2f7;",
    "offline": "background: #5a4310; color: #ffe9b3;",
    "attention": "background: #5c1f1f; color: #ffd6d6;",
}


def clock_time(moment: datetime | None) -> str:
    """The time in the tablet's zone the translation's way, dated unless today."""
    return "—" if moment is None else format_datetime(moment)


def describe(status: SyncStatus) -> tuple[str, str, str]:
    """(state, headline, detail) for ``status``; state picks the colour."""
    waiting = QCoreApplication.translate("SyncStatusBanner", "{n} change(s) waiting")
    waiting = waiting.format(n=status.pending)
    last = QCoreApplication.translate("SyncStatusBanner", "last sync {time}")
    last = last.format(time=clock_time(status.last_sync_at))
    if status.link is Link.DISABLED:
        state = "offline"
        headline = QCoreApplication.translate("SyncStatusBanner", "Offline mode: no helpdesk")
        detail = QCoreApplication.translate("SyncStatusBanner", "{waiting} on this device")
        detail = detail.format(waiting=waiting)
    elif status.link is Link.OFFLINE:
        state = "offline"
        headline = QCoreApplication.translate("SyncStatusBanner", "Offline since {time}")
        headline = headline.format(time=clock_time(status.offline_since))
        detail = f"{waiting} · {last}"
    elif status.link is Link.CONNECTING:
        state, detail = "busy", waiting
        headline = QCoreApplication.translate("SyncStatusBanner", "Connecting to the helpdesk…")
    elif status.pending:
        state, detail = "busy", f"{waiting} · {last}"
        headline = QCoreApplication.translate("SyncStatusBanner", "Sending")
    else:
        if status.live:
            live = QCoreApplication.translate("SyncStatusBanner", "live")
        else:
            live = QCoreApplication.translate("SyncStatusBanner", "polling")
        state, detail = "ok", f"{last} · {live}"
        headline = QCoreApplication.translate("SyncStatusBanner", "Synced")
    if status.helpdesk_outdated:
        headline = QCoreApplication.translate("SyncStatusBanner", "Update the helpdesk")
        detail = QCoreApplication.translate(
            "SyncStatusBanner", "It is older than this console · {waiting}"
        ).format(waiting=waiting)
    elif status.feed_error:
        # What failed is for IT (the tooltip, the log), in the words it came in.
        detail = QCoreApplication.translate(
            "SyncStatusBanner", "Changes from the helpdesk not received: tell IT if it lasts."
        )
        if status.link is Link.ONLINE:
            headline = QCoreApplication.translate("SyncStatusBanner", "Not up to date")
    if status.provisioning:
        headline, detail = provisioning_text(status)
    if status.needs_attention:
        state = "attention"
    return state, headline, detail


def provisioning_text(status: SyncStatus) -> tuple[str, str]:
    """Why this tablet cannot sync until IT provisions it (app/sync/enrolment.py)."""
    ask = QCoreApplication.translate(
        "SyncStatusBanner",
        "Ask IT for an enrolment code for this tablet and restart the console; changes "
        "wait on this device.",
    )
    if status.provisioning == "again":
        headline = QCoreApplication.translate(
            "SyncStatusBanner", "This tablet must be provisioned again"
        )
    elif status.provisioning == "code_refused":
        headline = QCoreApplication.translate(
            "SyncStatusBanner", "The helpdesk refused the enrolment code"
        )
        # Worded as the provisioning screen words it; the helpdesk's own English
        # text stays in the log and the banner's tooltip (last_error).
        from ui.provisioning.screen import code_refusal_text

        ask = code_refusal_text(status.provisioning_detail or "")
    else:
        headline = QCoreApplication.translate("SyncStatusBanner", "This tablet is not provisioned")
    return headline, ask


def attention_text(status: SyncStatus) -> str:
    parts = []
    if status.dead:
        refused = QCoreApplication.translate("SyncStatusBanner", "{n} refused")
        parts.append(refused.format(n=status.dead))
    if status.conflicts:
        to_settle = QCoreApplication.translate("SyncStatusBanner", "{n} to settle")
        parts.append(to_settle.format(n=status.conflicts))
    if status.set_aside:
        set_aside = QCoreApplication.translate("SyncStatusBanner", "{n} set aside")
        parts.append(set_aside.format(n=status.set_aside))
    if not parts:
        return ""
    review = QCoreApplication.translate("SyncStatusBanner", "Review: {what}")
    return review.format(what=", ".join(parts))


class SyncStatusBanner(QFrame):
    review_requested = Signal()

    def __init__(self, status: SyncStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncBanner")
        self.headline = QLabel()
        self.headline.setObjectName("syncHeadline")  # bold in the theme
        self.detail = QLabel()
        self.detail.setObjectName("syncDetail")
        # Plain, unselectable text (an error in full is in the tooltip and the log): no
        # text engine behind either label, whose private object, the first of a class
        # PySide does not know to reach the console's event filters, made PySide create
        # every widget class's enums during the start (20 ms). And a helpdesk's message
        # is never read as HTML.
        for label in (self.headline, self.detail):
            label.setTextFormat(Qt.TextFormat.PlainText)
        # A long error never widens the window past a tablet's screen: cut, whole in
        # the tooltip.
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.review_button = QPushButton()
        self.review_button.setObjectName("syncReviewButton")
        self.review_button.clicked.connect(self.review_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 12, 4)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail, 1)
        layout.addWidget(self.review_button)
        self.state = ""
        self.show_status(status)

    def show_status(self, status: SyncStatus) -> None:
        state, headline, detail = describe(status)
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setToolTip(status.feed_error or detail)
        self.setToolTip(status.last_error)
        review = attention_text(status)
        self.review_button.setText(review)
        self.review_button.setVisible(bool(review))
        if state != self.state:
            self.state = state
            self.setStyleSheet(f"QFrame#syncBanner {{ {_STYLES[state]} }}")
