"""The search results: two lines per guest, what tells namesakes apart and why they matched.

Line one: the name, tier and flags. Line two: why the guest matched (name, room,
phone, card), the room when the actor may see it, the host, the last visit and the
card's last digits. Built from the core's ``GuestSummary`` (already redacted).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.services.guest_search import MatchReason
from app.services.guests import GuestSummary
from ui.locale_format import format_date

GUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEPARATOR = "  ·  "

_Index = QModelIndex | QPersistentModelIndex


def flag_label(flag: str) -> str:
    labels = {
        "quiet_visit": QCoreApplication.translate("flags", "Quiet visit"),
        "self_excluded": QCoreApplication.translate("flags", "SELF-EXCLUDED"),
        "cooling_off": QCoreApplication.translate("flags", "Cooling-off"),
    }
    return labels.get(flag, flag.replace("_", " "))


def flags_of(guest: GuestSummary) -> list[str]:
    flags = []
    if guest.quiet_visit:
        flags.append("quiet_visit")
    if guest.self_excluded:
        flags.append("self_excluded")
    elif guest.cooling_off:
        flags.append("cooling_off")
    return flags


def reason_text(reason: MatchReason | None) -> str:
    labels = {
        MatchReason.NAME: QCoreApplication.translate("SearchRows", "name matches"),
        MatchReason.ROOM: QCoreApplication.translate("SearchRows", "room matches"),
        MatchReason.PHONE: QCoreApplication.translate("SearchRows", "phone number matches"),
        MatchReason.CARD: QCoreApplication.translate("SearchRows", "card number matches"),
    }
    return labels.get(reason, "") if reason is not None else ""


def first_line(guest: GuestSummary) -> str:
    parts = [guest.display_name, guest.tier.value, *(flag_label(f) for f in flags_of(guest))]
    return SEPARATOR.join(parts)


def second_line(guest: GuestSummary) -> str:
    parts = [reason_text(guest.matched_on)]
    if guest.room:
        parts.append(
            QCoreApplication.translate("SearchRows", "Room {room}").format(room=guest.room)
        )
    if guest.host_name:
        parts.append(
            QCoreApplication.translate("SearchRows", "Host: {name}").format(name=guest.host_name)
        )
    if guest.last_visit is not None:
        parts.append(
            QCoreApplication.translate("SearchRows", "Last visit: {date}").format(
                date=format_date(guest.last_visit)
            )
        )
    else:
        parts.append(QCoreApplication.translate("SearchRows", "No visit on file"))
    if guest.card_masked:
        parts.append(guest.card_masked)
    return SEPARATOR.join(p for p in parts if p)


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._hits: list[GuestSummary] = []

    def set_hits(self, hits: Sequence[GuestSummary]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> GuestSummary:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{first_line(hit)}\n{second_line(hit)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{first_line(hit)}. {second_line(hit)}"
        if role == GUEST_ID_ROLE:
            return hit.id
        return None
