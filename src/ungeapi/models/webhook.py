from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    ARRAY,
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import Count, SerialPk, Sub, UuidPk, tenant_ref

DELIVERY_STATUSES = ("pending", "delivered", "dead")


class WebhookSubscription(TenantMixin, VersionedMixin, Base):
    """A webhook subscription (webhook-abonnement): where to send which change events.

    The secret is stored encrypted; `scan_xact_id`/`scan_event_id` is how far the worker has
    turned the change feed into deliveries for this subscription.
    """

    __tablename__ = "webhook_subscription"

    id: Mapped[UuidPk]
    url: Mapped[str] = mapped_column(String(2000), nullable=False)
    description: Mapped[str | None] = mapped_column(String(500))
    event_types: Mapped[list[str]] = mapped_column(
        ARRAY(Text), nullable=False, server_default=text("'{}'::text[]")
    )
    secret_ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    active: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("true"))
    scan_xact_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    scan_event_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    # The making transaction's snapshot: events of transactions it saw as committed came before
    # the subscription and are not delivered (migration 0021).
    created_snapshot: Mapped[str | None] = mapped_column(
        Text, server_default=text("pg_current_snapshot()::text")
    )
    created_by_sub: Mapped[Sub]

    __table_args__ = (Index("ix_webhook_subscription_created", "municipality_code", "created_at", "id"),)


class WebhookDelivery(TenantMixin, Base):
    """One change event to one subscription (levering), with its attempts; at most one per pair."""

    __tablename__ = "webhook_delivery"

    id: Mapped[SerialPk]
    subscription_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    event_id: Mapped[int] = mapped_column(BigInteger, nullable=False)
    event_type: Mapped[str] = mapped_column(String(100), nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, server_default="pending")
    attempts: Mapped[Count]
    replays: Mapped[Count]
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    window_started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (
        tenant_ref("subscription_id", "webhook_subscription", ondelete="CASCADE"),
        tenant_ref("event_id", "change_event"),
        UniqueConstraint("subscription_id", "event_id", "municipality_code"),
        CheckConstraint(f"status IN {DELIVERY_STATUSES!r}", name="status"),
        Index("ix_webhook_delivery_log", "subscription_id", "id"),
        Index("ix_webhook_delivery_status", "subscription_id", "status", "id"),
        Index(
            "ix_webhook_delivery_due",
            "next_attempt_at",
            postgresql_where=text("status = 'pending'"),
        ),
    )
