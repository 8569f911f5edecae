"""Alembic migrations of the helpdesk's database. ``HEAD_REVISION`` names the newest."""

HEAD_REVISION = "h0007_group_reads"
