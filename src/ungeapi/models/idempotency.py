from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, LargeBinary, PrimaryKeyConstraint, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin


class IdempotencyRecord(TenantMixin, Base):
    """The first answer to a POST with an Idempotency-Key, replayed on retries."""

    __tablename__ = "idempotency_record"

    sub: Mapped[str] = mapped_column(String(200), nullable=False, primary_key=True)
    key: Mapped[str] = mapped_column(String(200), nullable=False, primary_key=True)
    route: Mapped[str] = mapped_column(String(200), nullable=False)
    request_hash: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    status_code: Mapped[int] = mapped_column(Integer, nullable=False)
    # Encrypted: a response may hold a CPR number, which must not sit in clear text at rest.
    response_ciphertext: Mapped[bytes] = mapped_column(LargeBinary, nullable=False)
    response_headers: Mapped[dict[str, str]] = mapped_column(JSONB, nullable=False)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, server_default=func.now()
    )

    __table_args__ = (PrimaryKeyConstraint("municipality_code", "sub", "key"),)
