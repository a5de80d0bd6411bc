from __future__ import annotations

from datetime import datetime

from sqlalchemy import ARRAY, DateTime, Index, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import PersonName, Sub, UuidPk


class FeedToken(TenantMixin, VersionedMixin, Base):
    """A calendar feed token (kalender-token): opens the meetings' iCalendar feed for a calendar
    that cannot send a bearer token, with the rights its maker had when making it.

    Only the token's SHA-256 is kept; the token itself is shown once, when it is made.
    """

    __tablename__ = "feed_token"

    id: Mapped[UuidPk]
    sub: Mapped[Sub]
    name: Mapped[PersonName]
    roles: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    departments: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False)
    label: Mapped[str | None] = mapped_column(String(100))
    token_hash: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by_sub: Mapped[Sub | None]

    __table_args__ = (
        UniqueConstraint("token_hash", "municipality_code"),
        Index("ix_feed_token_owner", "municipality_code", "sub", "created_at"),
    )
