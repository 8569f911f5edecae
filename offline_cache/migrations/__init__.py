"""Alembic migrations of the offline store. ``HEAD_REVISION`` must name the newest one."""

# Checked against the scripts by a unit test; lets an up-to-date store open
# without importing alembic at all.
HEAD_REVISION = "0014_alerts_announced"
