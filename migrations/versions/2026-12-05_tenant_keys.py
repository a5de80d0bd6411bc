"""every key of a tenant table includes municipality_code, ready for distribution by municipality

Each tenant table's primary key becomes (its key, municipality_code); every unique constraint and
unique index gains municipality_code; every reference from one tenant row to another becomes
(x_id, municipality_code) → (id, municipality_code). A child row can then never point into
another municipality, and Citus, distributing every table by municipality_code, can keep a
municipality's rows on one node and check these constraints there (docs/operating.md, "Moving to
Citus"). tests/api/test_tenant_keys.py holds the live schema to it.

The key column comes first and municipality_code last: a look-up by id alone (the ORM's
`session.get`, the worker and CLI reading as the owner without row-level security) still uses
the primary key's index as before; a tenant's lists have their own (municipality_code, ...)
indexes. Every tenant table already has municipality_code NOT NULL and its row-level security
policy, so no column is added and no policy changes.

Rebuilding the keys takes an ACCESS EXCLUSIVE lock per table while its indexes are rebuilt and
its references checked: minutes on a national instance's data, so run it in a maintenance window.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TENANT = "municipality_code"

# Primary keys that gain municipality_code (idempotency_record's has it already).
KEYS: dict[str, tuple[str, ...]] = {
    **{
        table: ("id",)
        for table in (
            "absence_record",
            "aftercare_decision",
            "agenda_item",
            "audit_event",
            "change_event",
            "concern",
            "consent",
            "coordinating_team",
            "department",
            "disclosure",
            "feed_token",
            "forum_meeting",
            "guide_assignment",
            "import_job",
            "import_problem",
            "meeting_decision",
            "municipality_settings",
            "network_meeting",
            "obligation_resolution",
            "offer",
            "plan",
            "plan_goal",
            "plan_measure",
            "referral",
            "team_meeting",
            "team_member",
            "transition_form",
            "webhook_delivery",
            "webhook_subscription",
            "youth",
            "youth_case",
            "youth_plan",
        )
    },
    "plan_revision": ("plan_id", "number"),
    "team_meeting_goal": ("meeting_id", "goal_id"),
    "transition_form_version": ("form_id", "number"),
    "youth_pseudonymization": ("youth_id",),
}

# (table, column, referenced table, ON DELETE): every reference between tenant rows by id.
# The references to a department by (municipality_code, code) include it already.
REFERENCES: tuple[tuple[str, str, str, str | None], ...] = (
    ("absence_record", "youth_id", "youth", None),
    ("aftercare_decision", "case_id", "youth_case", None),
    ("aftercare_decision", "youth_id", "youth", None),
    ("agenda_item", "meeting_id", "forum_meeting", None),
    ("agenda_item", "referral_id", "referral", None),
    ("agenda_item", "youth_id", "youth", None),
    ("concern", "youth_id", "youth", None),
    ("consent", "youth_id", "youth", None),
    ("coordinating_team", "created_from_decision_id", "meeting_decision", None),
    ("coordinating_team", "youth_id", "youth", None),
    ("disclosure", "youth_id", "youth", None),
    ("guide_assignment", "youth_id", "youth", None),
    ("import_problem", "import_id", "import_job", "CASCADE"),
    ("meeting_decision", "agenda_item_id", "agenda_item", None),
    ("meeting_decision", "meeting_id", "forum_meeting", None),
    ("meeting_decision", "referral_id", "referral", None),
    ("meeting_decision", "youth_id", "youth", None),
    ("network_meeting", "plan_id", "plan", None),
    ("network_meeting", "youth_id", "youth", None),
    ("obligation_resolution", "youth_id", "youth", None),
    ("plan", "youth_id", "youth", None),
    ("plan_goal", "plan_id", "plan", None),
    ("plan_measure", "offer_id", "offer", None),
    ("plan_measure", "plan_id", "plan", None),
    ("plan_revision", "plan_id", "plan", None),
    ("referral", "youth_id", "youth", None),
    ("team_meeting", "team_id", "coordinating_team", None),
    ("team_meeting_goal", "goal_id", "plan_goal", None),
    ("team_meeting_goal", "meeting_id", "team_meeting", None),
    ("team_member", "team_id", "coordinating_team", None),
    ("transition_form", "youth_id", "youth", None),
    ("transition_form_version", "form_id", "transition_form", None),
    ("webhook_delivery", "event_id", "change_event", None),
    ("webhook_delivery", "subscription_id", "webhook_subscription", "CASCADE"),
    ("youth_case", "youth_id", "youth", None),
    ("youth_plan", "case_id", "youth_case", None),
    ("youth_plan", "youth_id", "youth", None),
    ("youth_pseudonymization", "youth_id", "youth", None),
)

# Unique constraints without municipality_code: (table, columns). Named by the models' naming
# convention before and after, but for one whose name would pass PostgreSQL's 63 characters.
UNIQUES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("agenda_item", ("meeting_id", "position")),
    ("agenda_item", ("meeting_id", "referral_id")),
    ("feed_token", ("token_hash",)),
    ("meeting_decision", ("agenda_item_id",)),
    ("obligation_resolution", ("youth_id", "kind", "subject_id", "due_on")),
    ("plan_goal", ("plan_id", "position")),
    ("plan_measure", ("plan_id", "position")),
    ("webhook_delivery", ("subscription_id", "event_id")),
)
LONG_NAMES = {
    "uq_obligation_resolution_youth_id_kind_subject_id_due_on_municipality_code": (
        "uq_obligation_resolution_youth_kind_subject_due"
    )
}

# Partial unique indexes (one open ... per youth): (name, table, columns, condition).
PARTIAL_UNIQUES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    (
        "uq_coordinating_team_one_active_per_youth",
        "coordinating_team",
        ("youth_id",),
        "status = 'active'",
    ),
    (
        "uq_guide_assignment_one_open_per_youth",
        "guide_assignment",
        ("youth_id",),
        "state IN ('offered', 'accepted', 'active')",
    ),
    ("uq_plan_one_current_per_youth", "plan", ("youth_id",), "status NOT IN ('completed', 'closed')"),
    (
        "uq_referral_one_open_per_youth_forum",
        "referral",
        ("youth_id", "forum"),
        "state IN ('draft', 'submitted', 'scheduled', 'discussed', 'documentation_requested')",
    ),
)


def _shape(columns: Sequence[str], *, tenant: bool) -> list[str]:
    return [*columns, TENANT] if tenant else list(columns)


def _unique_name(table: str, columns: Sequence[str]) -> str:
    name = f"uq_{table}_{'_'.join(columns)}"
    return LONG_NAMES.get(name, name)


def _keys(*, tenant: bool) -> None:
    """Drops the keys and references in one shape (with municipality_code or without, as
    `tenant` is not) and rebuilds them in the other: references first, as they rest on the keys."""
    for table, column, parent, _ in REFERENCES:
        op.drop_constraint(f"fk_{table}_{column}_{parent}", table, type_="foreignkey")
    for table, columns in UNIQUES:
        op.drop_constraint(_unique_name(table, _shape(columns, tenant=not tenant)), table, type_="unique")
    for name, table, _, _ in PARTIAL_UNIQUES:
        op.drop_index(name, table_name=table)
    for table, key in KEYS.items():
        op.drop_constraint(f"pk_{table}", table, type_="primary")
        op.create_primary_key(f"pk_{table}", table, _shape(key, tenant=tenant))
    for table, columns in UNIQUES:
        shape = _shape(columns, tenant=tenant)
        op.create_unique_constraint(_unique_name(table, shape), table, shape)
    for name, table, columns, condition in PARTIAL_UNIQUES:
        shape = _shape(columns, tenant=tenant)
        op.execute(f"CREATE UNIQUE INDEX {name} ON {table} ({', '.join(shape)}) WHERE {condition}")
    for table, column, parent, ondelete in REFERENCES:
        op.create_foreign_key(
            f"fk_{table}_{column}_{parent}",
            table,
            parent,
            _shape([column], tenant=tenant),
            _shape(["id"], tenant=tenant),
            ondelete=ondelete,
        )


def upgrade() -> None:
    _keys(tenant=True)


def downgrade() -> None:
    _keys(tenant=False)
