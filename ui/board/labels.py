"""The words for an incident's category and status, in the staff's language (the board,
the floor map, the incident pages, the card's history, the alerts, the KPIs)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain import Category, IncidentStatus


def category_label(category: Category) -> str:
    labels = {
        Category.ACCOUNT_BLOCKED: QCoreApplication.translate("category", "Account blocked"),
        Category.PAYMENT_DISPUTE: QCoreApplication.translate("category", "Payment dispute"),
        Category.BROKEN_TRANSFER: QCoreApplication.translate("category", "Broken transfer"),
        Category.ROOM_OVERBOOKING: QCoreApplication.translate("category", "Room overbooking"),
        Category.GAME_UNAVAILABLE: QCoreApplication.translate("category", "Game unavailable"),
        Category.PAYMENT_FAILED: QCoreApplication.translate("category", "Payment failed"),
        Category.EQUIPMENT_DOWN: QCoreApplication.translate("category", "Equipment down"),
        Category.TABLE_DISPUTE: QCoreApplication.translate("category", "Table dispute"),
        Category.BILLING_ERROR: QCoreApplication.translate("category", "Billing error"),
        Category.SERVICE_WAIT: QCoreApplication.translate("category", "Service wait"),
        Category.OTHER: QCoreApplication.translate("category", "Other"),
    }
    return labels.get(category, category.value)


def status_label(status: IncidentStatus) -> str:
    labels = {
        IncidentStatus.NEW: QCoreApplication.translate("status", "New"),
        IncidentStatus.IN_PROGRESS: QCoreApplication.translate("status", "In progress"),
        IncidentStatus.WAITING: QCoreApplication.translate("status", "Waiting"),
        IncidentStatus.RESOLVED: QCoreApplication.translate("status", "Resolved"),
        IncidentStatus.CLOSED: QCoreApplication.translate("status", "Closed"),
    }
    return labels.get(status, status.value)
