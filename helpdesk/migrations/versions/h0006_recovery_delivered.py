"""Recovery success counts promises delivered (issue 14): an incident is recovered only
when every promise on it was delivered (``compensation_delivered`` events). No helpdesk
before this revision took a delivery, so every incident stored as recovered has a
promise not delivered yet: its fact becomes "not recovered", and its day's sum moves
with it (``incident_kpi_days``, as ``helpdesk.kpis.store_facts`` would move it). A
delivery recorded later counts it again, as every write does.

Revision ID: h0006_recovery_delivered
Revises: h0005_sessions_by_staff
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "h0006_recovery_delivered"
down_revision: str | None = "h0005_sessions_by_staff"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAY_S = 86400

# A day's row holds the incidents opened in [day_s, day_s + 1 day): the range keeps
# ix_incident_kpis_property_opened usable.
_MOVE_DAY_SUMS = f"""
    UPDATE incident_kpi_days SET recovery_ok = recovery_ok - (
        SELECT COUNT(*) FROM incident_kpis k
        WHERE k.recovery_ok = 1
            AND k.property_id = incident_kpi_days.property_id
            AND k.opened_s >= incident_kpi_days.day_s
            AND k.opened_s < incident_kpi_days.day_s + {DAY_S}
            AND k.priority = incident_kpi_days.priority
            AND k.tier = incident_kpi_days.tier
            AND k.category = incident_kpi_days.category
    )
    WHERE recovery_ok > 0
    """
_NOT_RECOVERED = "UPDATE incident_kpis SET recovery_ok = 0 WHERE recovery_ok = 1"


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text(_MOVE_DAY_SUMS))
    bind.execute(sa.text(_NOT_RECOVERED))


def downgrade() -> None:
    # The earlier rule (a promise recorded before the first resolution) cannot be told
    # from the facts alone: they are written again as incidents change.
    pass
