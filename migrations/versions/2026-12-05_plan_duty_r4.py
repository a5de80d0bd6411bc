"""R4 in the plan: how the duty to be in education or work is met, an exemption from it, the
warning that ungeydelse may stop, and the guardian's involvement

`duty_kind` says how the duty is met (education, employment, other activity; the existing
`duty_fulfilment` names the activity). An exemption has a reason, a period and who decided it; a
period or a decider without a reason is refused by the API and by the CHECK below. Existing plans
get none of these: for a 15-17-year-old the worklist then shows `plan.duty_unstated` and
`plan.ungeydelse_warning_due`, which is the point (the plan never said it).

Revision ID: 0025
Revises: 0021
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECKS = {
    "duty_kind": "duty_kind IS NULL OR duty_kind IN ('education', 'employment', 'other_activity')",
    "duty_exemption_reason": "duty_exemption_reason IS NULL OR duty_exemption_reason IN "
    "('disability', 'illness', 'serious_social_problems')",
    "duty_exemption_has_reason": "duty_exemption_reason IS NOT NULL OR (duty_exemption_from IS NULL "
    "AND duty_exemption_to IS NULL AND duty_exemption_decided_sub IS NULL)",
    "duty_exemption_period": "duty_exemption_reason IS NULL OR (duty_exemption_from IS NOT NULL "
    "AND (duty_exemption_to IS NULL OR duty_exemption_to >= duty_exemption_from))",
}


def upgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    op.add_column("plan", sa.Column("duty_kind", sa.String(20), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_reason", sa.String(30), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_from", sa.Date(), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_to", sa.Date(), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_decided_sub", sa.String(200), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_decided_name", sa.String(200), nullable=True))
    op.add_column("plan", sa.Column("duty_exemption_decided_department", sa.String(20), nullable=True))
    op.add_column("plan", sa.Column("ungeydelse_warning_on", sa.Date(), nullable=True))
    op.add_column("plan", sa.Column("guardian_involvement", sa.Text(), nullable=True))
    for name, condition in CHECKS.items():
        op.create_check_constraint(op.f(f"ck_plan_{name}"), "plan", condition)


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    for name in CHECKS:
        op.drop_constraint(op.f(f"ck_plan_{name}"), "plan", type_="check")
    for column in (
        "guardian_involvement",
        "ungeydelse_warning_on",
        "duty_exemption_decided_department",
        "duty_exemption_decided_name",
        "duty_exemption_decided_sub",
        "duty_exemption_to",
        "duty_exemption_from",
        "duty_exemption_reason",
        "duty_kind",
    ):
        op.drop_column("plan", column)
