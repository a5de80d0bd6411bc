"""R4 in the plan (the duty to be in education or work) and R24 at the jobcentre (education orders)

R4: how the duty to be in education or work is met, an exemption from it, the warning that
ungeydelse may stop, and the guardian's involvement.

`duty_kind` says how the duty is met (education, employment, other activity; the existing
`duty_fulfilment` names the activity). An exemption has a reason, a period and who decided it; a
period or a decider without a reason is refused by the API and by the CHECK below. Existing plans
get none of these: for a 15-17-year-old the worklist then shows `plan.duty_unstated` and
`plan.ungeydelse_warning_due`, which is the point (the plan never said it).

R24: a case records the youth's benefit (dagpenge, kontanthjælp, ...), whether they have a
vocational education and whether they have custody of children (unknown: null); the
`education_order` table holds the jobcentre's assessments and orders with their deadlines.

Revision ID: 0025
Revises: 0026
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from ungeapi.migration_ops import drop_tenant_policy, tenant_table

revision: str = "0025"
down_revision: str | None = "0026"
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
    _education_orders()


BENEFITS = "'unemployment_benefit', 'cash_benefit', 'education_benefit', 'other'"
ORDER_DEADLINES = (
    "(outcome = 'ordered' AND ordered_on IS NOT NULL AND proposal_due_on >= ordered_on "
    "AND application_due_on >= proposal_due_on) OR (outcome = 'not_ordered' AND ordered_on IS NULL "
    "AND proposal_due_on IS NULL AND application_due_on IS NULL AND proposed_on IS NULL "
    "AND applied_on IS NULL)"
)


def _education_orders() -> None:
    op.add_column("youth_case", sa.Column("benefit_type", sa.String(30), nullable=True))
    op.add_column("youth_case", sa.Column("has_vocational_education", sa.Boolean(), nullable=True))
    op.add_column("youth_case", sa.Column("has_custody_of_children", sa.Boolean(), nullable=True))
    op.create_check_constraint(
        op.f("ck_youth_case_benefit_type"),
        "youth_case",
        f"benefit_type IS NULL OR benefit_type IN ({BENEFITS})",
    )
    op.create_table(
        "education_order",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("youth_id", sa.UUID(), nullable=False),
        sa.Column("case_id", sa.UUID(), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("ordered_on", sa.Date(), nullable=True),
        sa.Column("proposal_due_on", sa.Date(), nullable=True),
        sa.Column("proposed_on", sa.Date(), nullable=True),
        sa.Column("application_due_on", sa.Date(), nullable=True),
        sa.Column("applied_on", sa.Date(), nullable=True),
        sa.Column("author_sub", sa.String(length=200), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=False),
        sa.Column("author_department", sa.String(length=20), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("municipality_code", sa.String(length=3), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.CheckConstraint("outcome IN ('ordered', 'not_ordered')", name=op.f("ck_education_order_outcome")),
        sa.CheckConstraint(ORDER_DEADLINES, name=op.f("ck_education_order_order_deadlines")),
        sa.ForeignKeyConstraint(
            ["youth_id", "municipality_code"],
            ["youth.id", "youth.municipality_code"],
            name=op.f("fk_education_order_youth_id_youth"),
        ),
        sa.ForeignKeyConstraint(
            ["case_id", "municipality_code"],
            ["youth_case.id", "youth_case.municipality_code"],
            name=op.f("fk_education_order_case_id_youth_case"),
        ),
        sa.PrimaryKeyConstraint("id", "municipality_code", name=op.f("pk_education_order")),
    )
    op.create_index("ix_education_order_youth", "education_order", ["youth_id", "assessed_on", "id"])
    op.create_index(
        "ix_education_order_assessed", "education_order", ["municipality_code", "assessed_on", "id"]
    )
    op.create_index("ix_education_order_case", "education_order", ["case_id"])
    op.create_index(
        "ix_education_order_open_deadlines",
        "education_order",
        ["municipality_code", "author_sub"],
        postgresql_where=sa.text("outcome = 'ordered' AND (proposed_on IS NULL OR applied_on IS NULL)"),
    )
    tenant_table("education_order", privileges="SELECT, INSERT, UPDATE")


def downgrade() -> None:
    op.execute("SET LOCAL lock_timeout = '5s'")
    drop_tenant_policy("education_order")
    op.drop_table("education_order")
    op.drop_constraint(op.f("ck_youth_case_benefit_type"), "youth_case", type_="check")
    for column in ("has_custody_of_children", "has_vocational_education", "benefit_type"):
        op.drop_column("youth_case", column)
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
