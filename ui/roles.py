"""A role's name as a title (the status bar, the sign-in screen's demo hint)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def role_label(role: str) -> str:
    labels = {
        "host": QCoreApplication.translate("roles", "Host"),
        "pit_boss": QCoreApplication.translate("roles", "Pit boss"),
        "vip_desk": QCoreApplication.translate("roles", "VIP desk"),
        "concierge": QCoreApplication.translate("roles", "Concierge"),
        "duty_manager": QCoreApplication.translate("roles", "Duty manager"),
    }
    return labels.get(role, role)
