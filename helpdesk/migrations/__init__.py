"""Alembic migrations of the helpdesk's database. ``HEAD_REVISION`` names the newest."""

HEAD_REVISION = "h0006_recovery_delivered"
