"""Closed vocabularies shared by the whole core (SPEC §1, §2, §5)."""

from enum import StrEnum


class Tier(StrEnum):
    VIP = "VIP"
    VVIP = "VVIP"


class Role(StrEnum):
    HOST = "host"
    PIT_BOSS = "pit_boss"
    VIP_DESK = "vip_desk"
    CONCIERGE = "concierge"
    # The service manager / VIP director of the escalation ladder (SPEC §5, L2 and L4).
    DUTY_MANAGER = "duty_manager"


class Priority(StrEnum):
    P1 = "P1"
    P2 = "P2"
    P3 = "P3"
    P4 = "P4"


class IncidentStatus(StrEnum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    WAITING = "waiting"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_open(self) -> bool:
        return self in (IncidentStatus.NEW, IncidentStatus.IN_PROGRESS, IncidentStatus.WAITING)


class Channel(StrEnum):
    PHONE = "phone"
    CHAT = "chat"
    MESSENGER = "messenger"
    EMAIL = "email"
    ONSITE = "onsite"


class Category(StrEnum):
    """What went wrong. The first four trigger immediate escalation (SPEC §5)."""

    ACCOUNT_BLOCKED = "account_blocked"
    PAYMENT_DISPUTE = "payment_dispute"
    BROKEN_TRANSFER = "broken_transfer"
    ROOM_OVERBOOKING = "room_overbooking"
    GAME_UNAVAILABLE = "game_unavailable"
    PAYMENT_FAILED = "payment_failed"
    EQUIPMENT_DOWN = "equipment_down"
    TABLE_DISPUTE = "table_dispute"
    BILLING_ERROR = "billing_error"
    SERVICE_WAIT = "service_wait"
    OTHER = "other"


class EventKind(StrEnum):
    """Entries of an incident's timeline."""

    OPENED = "opened"
    STATUS_CHANGED = "status_changed"
    PRIORITY_CHANGED = "priority_changed"
    ASSIGNED = "assigned"
    ESCALATED = "escalated"
    REACTED = "reacted"  # a manager reached the table (onsite reaction)
    DECIDED = "decided"  # decision or deferral taken (onsite)
    STABILISED = "stabilised"  # first effective action
    NOTE = "note"
    COMPENSATION_PROMISED = "compensation_promised"  # detail: the promise as JSON
    # A promise kept (detail: ``app.recovery.delivery.Delivery`` as JSON: the promised
    # event's id, the items handed over, a note).
    COMPENSATION_DELIVERED = "compensation_delivered"
    # A field two tablets changed apart, settled by a person (detail: the field;
    # from: the value given up, to: the value kept).
    CONFLICT_SETTLED = "conflict_settled"
    # The guest's answer on resolve (to: a ``Satisfaction`` value; "not_asked" too).
    SATISFACTION_RECORDED = "satisfaction_recorded"


class Satisfaction(StrEnum):
    """The guest's one-tap answer on resolve (five faces), or that nobody asked.

    CSAT counts the two happy faces among the answers; "not asked" is no answer.
    """

    VERY_UNHAPPY = "very_unhappy"
    UNHAPPY = "unhappy"
    NEUTRAL = "neutral"
    HAPPY = "happy"
    VERY_HAPPY = "very_happy"
    NOT_ASKED = "not_asked"

    @property
    def answered(self) -> bool:
        return self is not Satisfaction.NOT_ASKED

    @property
    def satisfied(self) -> bool:
        return self in (Satisfaction.HAPPY, Satisfaction.VERY_HAPPY)
