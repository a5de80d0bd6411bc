from __future__ import annotations

from datetime import date
from typing import Any, cast

from sqlalchemy import (
    CheckConstraint,
    Computed,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import UuidPk, tenant_ref
from ungeapi.models.plan import PlanMeasure

# Danish stemming ("forældretræning" finds "forældretræningsforløb"'s stem); name weighs more than
# the description. An explicit configuration keeps to_tsvector immutable, as a generated column needs.
OFFER_SEARCH_EXPRESSION = (
    "setweight(to_tsvector('danish'::regconfig, coalesce(name, '')), 'A') || "
    "setweight(to_tsvector('danish'::regconfig, coalesce(description, '')), 'B')"
)


class Offer(TenantMixin, VersionedMixin, Base):
    """An offer or programme in the municipality's catalogue (tilbudsvifte)."""

    __tablename__ = "offer"

    id: Mapped[UuidPk]
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    # Case-folded in Python so the catalogue's order does not depend on the server's collation.
    name_key: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    provider_department_code: Mapped[str | None] = mapped_column(String(20))
    provider_name: Mapped[str | None] = mapped_column(String(200))
    target_groups: Mapped[list[str]] = mapped_column(
        ARRAY(Text), nullable=False, server_default=text("'{}'::text[]")
    )
    age_min: Mapped[int | None] = mapped_column(Integer)
    age_max: Mapped[int | None] = mapped_column(Integer)
    legal_basis: Mapped[str | None] = mapped_column(String(500))
    legal_basis_code: Mapped[str | None] = mapped_column(String(50))
    capacity: Mapped[int | None] = mapped_column(Integer)
    # name, phone, email of a contact point (kontakt), not a citizen's data
    contact: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date)
    search: Mapped[Any] = mapped_column(
        TSVECTOR, Computed(OFFER_SEARCH_EXPRESSION, persisted=True), nullable=True
    )

    __table_args__ = (
        CheckConstraint("age_min IS NULL OR age_max IS NULL OR age_min <= age_max", name="age_range"),
        CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
        CheckConstraint(
            "active_from IS NULL OR active_to IS NULL OR active_to >= active_from", name="active_period"
        ),
        ForeignKeyConstraint(
            ["municipality_code", "provider_department_code"],
            ["department.municipality_code", "department.code"],
            name="fk_offer_provider_department",
        ),
        Index("ix_offer_name", "municipality_code", "name_key", "id"),
        Index("ix_offer_search", "search", postgresql_using="gin"),
        Index("ix_offer_target_groups", "target_groups", postgresql_using="gin"),
        Index("ix_offer_ages", "municipality_code", "age_min", "age_max"),
        Index("ix_offer_provider", "municipality_code", "provider_department_code"),
    )


# A plan measure (indsats) may use an offer: plan_measure.offer_id references the catalogue. The
# plans model leaves the reference to the offers catalogue (its table comes later, migration 0009),
# so the constraint is declared here, next to the table it points to.
cast(Table, PlanMeasure.__table__).append_constraint(tenant_ref("offer_id", "offer"))
