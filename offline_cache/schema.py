"""SQLAlchemy Core descriptions of the store's tables, used to build queries.

The DDL itself lives in the migrations (``migrations/versions``); a unit test
checks that every column named here exists in a migrated store.
"""

from typing import Any

from sqlalchemy import Column, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()


def _text(name: str, nullable: bool = False) -> Column[str]:
    return Column(name, Text, nullable=nullable)


def _key(name: str) -> Column[str]:
    return Column(name, Text, primary_key=True)


guests = Table(
    "guests",
    metadata,
    Column("pk", Integer, primary_key=True),
    _text("id"),
    _text("card_number"),
    _text("name"),
    _text("tier"),
    _text("host_id", nullable=True),
    _text("phone"),
    _text("phone_digits"),
    _text("phone_digits_reversed"),
    _text("languages"),
    _text("currency"),
    _text("preferred_channels"),
    _text("code_word_hash", nullable=True),
    _text("credit_line", nullable=True),
    _text("table_limit", nullable=True),
    _text("adt", nullable=True),
    _text("theo", nullable=True),
    _text("sof_sow_status"),
    _text("room"),
    _text("preferences"),
    _text("quiet"),
    _text("rg"),
    _text("itinerary"),
    _text("search_text"),
)

staff = Table(
    "staff",
    metadata,
    _key("id"),
    _text("name"),
    _text("role"),
    _text("pin_hash"),
    _text("device_id", nullable=True),
    _text("pits"),
    _text("tables"),
    _text("covering_for"),
    Column("active", Integer, nullable=False),
)

pin_states = Table(
    "pin_states",
    metadata,
    _key("staff_id"),
    Column("failed_attempts", Integer, nullable=False),
    _text("locked_until", nullable=True),
)

gaming_tables = Table(
    "gaming_tables",
    metadata,
    _key("id"),
    _text("pit"),
    _text("game"),
    Column("min_bet", Integer, nullable=False),
    Column("max_bet", Integer, nullable=False),
    _text("extra"),
)

incidents = Table(
    "incidents",
    metadata,
    _key("id"),
    _text("provisional_number"),
    _text("opened_at"),
    _text("opened_by"),
    _text("priority"),
    _text("category"),
    _text("channel"),
    _text("summary"),
    _text("status"),
    _text("number", nullable=True),
    _text("guest_id", nullable=True),
    _text("owner_id", nullable=True),
    _text("location"),
    _text("table_id", nullable=True),
    _text("game"),
    _text("machine"),
    _text("amount", nullable=True),
    _text("currency"),
    _text("transaction_ref"),
    _text("desired_outcome"),
    _text("attachments"),
    Column("manual_escalation_level", Integer, nullable=False),
    Column("version", Integer, nullable=True),  # the helpdesk's, for If-Match
    _text("satisfaction", nullable=True),  # migration 0013_satisfaction
)

incident_events = Table(
    "incident_events",
    metadata,
    _key("id"),
    _text("incident_id"),
    Column("seq", Integer, nullable=False),
    _text("at"),
    _text("kind"),
    _text("actor_id"),
    _text("detail"),
    _text("from_value"),
    _text("to_value"),
)

provisional_counters = Table(
    "provisional_counters",
    metadata,
    _key("device_id"),
    Column("last_value", Integer, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _text("at"),
    _text("staff_id"),
    _text("role"),
    _text("device_id"),
    _text("action"),
    _text("target"),
    _text("detail"),
    _text("prev_hash", nullable=True),  # 0004_audit_chain: the hash chain
    _text("hash", nullable=True),
)

audit_checkpoints = Table(
    "audit_checkpoints",
    metadata,
    Column("entry_id", Integer, primary_key=True),
    _text("hash"),
    _text("at"),
    _text("device_id"),
    _text("public_key"),
    _text("signature"),
)

# Sync with the central helpdesk (migration 0002_sync).


def _outbox_row() -> list[Column[Any]]:
    """What a write is, queued or sent: the outbox and its sent journal share it."""
    return [
        _text("idempotency_key"),
        _text("kind"),
        _text("entity_id"),
        _text("actor_id"),
        _text("payload"),
        Column("base_version", Integer, nullable=True),
        _text("created_at"),
    ]


outbox = Table(
    "outbox",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    *_outbox_row(),
    _text("state"),
    Column("attempts", Integer, nullable=False),
    _text("next_attempt_at", nullable=True),
    Column("last_status", Integer, nullable=True),
    _text("last_error"),
    _text("failed_at", nullable=True),
    _text("session_id"),  # the sign-in it was written in (migration 0009_staff_sessions)
)

# What the helpdesk took, kept seven days: sent again to a restored helpdesk (0010).
outbox_sent = Table(
    "outbox_sent",
    metadata,
    Column("seq", Integer, primary_key=True),
    *_outbox_row(),
    _text("session_id"),
    _text("sent_at"),
)

sync_state = Table(
    "sync_state",
    metadata,
    _key("key"),
    _text("value"),
)

sync_conflicts = Table(
    "sync_conflicts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _text("incident_id"),
    _text("field"),
    _text("base_value", nullable=True),
    _text("local_value", nullable=True),
    _text("server_value", nullable=True),
    Column("server_version", Integer, nullable=False),
    _text("detected_at"),
    _text("resolved_at", nullable=True),
    _text("resolution"),
)

# Changes from the helpdesk set aside for review (migration 0006_sync_review).

sync_set_aside = Table(
    "sync_set_aside",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _text("kind"),
    _text("item_type"),
    _text("entity_id"),
    Column("seq", Integer, nullable=True),
    _text("data"),
    _text("reason"),
    _text("local_id", nullable=True),
    Column("repointed", Integer, nullable=False),
    _text("detected_at"),
    _text("resolved_at", nullable=True),
    _text("resolution"),
)

# Signed acts (migration 0003_acts).

acts = Table(
    "acts",
    metadata,
    _key("id"),
    _text("incident_id"),
    _text("kind"),
    _text("number"),
    _text("created_at"),
    _text("created_by"),
    _text("device_id"),
    _text("content_sha256"),
    _text("guest_status", nullable=True),
)

act_revisions = Table(
    "act_revisions",
    metadata,
    _key("sha256"),
    _text("act_id"),
    _text("incident_id"),
    Column("seq", Integer, nullable=False),
    _text("level"),
    Column("size", Integer, nullable=False),
    _text("created_at"),
    _text("previous_sha256", nullable=True),
)

staff_totp = Table(
    "staff_totp",
    metadata,
    _key("staff_id"),
    _text("secret"),
    Column("last_step", Integer, nullable=True),
)

# Photos and receipts of incidents (migration 0007_attachments).

attachments = Table(
    "attachments",
    metadata,
    Column("incident_id", Text, primary_key=True),
    Column("sha256", Text, primary_key=True),
    _text("kind"),
    _text("content_type"),
    Column("size", Integer, nullable=False),
    _text("created_at"),
    _text("created_by"),
    Column("data", LargeBinary, nullable=False),
)

# Each staff member's language on this console (migration 0008_staff_languages).

staff_languages = Table(
    "staff_languages",
    metadata,
    _key("staff_id"),
    _text("language"),
)

# Sign-ins the device vouches for, and their staff tokens (migration 0009_staff_sessions).

staff_sessions = Table(
    "staff_sessions",
    metadata,
    _key("session_id"),
    _text("staff_id"),
    _text("device_id"),
    _text("signed_in_at"),
    _text("public_key"),
    _text("signature"),
    _text("token", nullable=True),
    _text("token_expires_at", nullable=True),
    _text("ended_at", nullable=True),
    _text("refused"),
)

# Each person's alerts on this console, and where they were last checked (0011_alerts).

alerts = Table(
    "alerts",
    metadata,
    _key("id"),
    _text("recipient_id"),
    _text("kind"),
    _text("incident_id"),
    _text("at"),
    _text("ticket"),
    _text("priority"),
    _text("category"),
    Column("level", Integer, nullable=False),
    _text("guest_name"),
    _text("read_at", nullable=True),
    _text("announced_at", nullable=True),  # migration 0014_alerts_announced
)

alert_marks = Table(
    "alert_marks",
    metadata,
    _key("staff_id"),
    _text("checked_until"),
)
