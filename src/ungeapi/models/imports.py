from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, CheckConstraint, DateTime, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import Mapped, mapped_column

from ungeapi.models.base import Base, TenantMixin, VersionedMixin
from ungeapi.models.columns import Count, SerialPk, Sub, UuidPk, tenant_ref

IMPORT_KINDS = ("youth", "cases", "absence")
IMPORT_FORMATS = ("csv", "json", "ndjson")
IMPORT_MODES = ("all_or_nothing", "valid_rows")
IMPORT_STATUSES = ("queued", "running", "completed", "failed")


class ImportJob(TenantMixin, VersionedMixin, Base):
    """A bulk import (masseindlæsning) of one file: its settings, progress and outcome.

    The job row is written in short transactions of its own, apart from the import's data
    transaction, so its progress is readable while the import runs.
    """

    __tablename__ = "import_job"

    id: Mapped[UuidPk]
    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    format: Mapped[str] = mapped_column(String(10), nullable=False)
    mode: Mapped[str] = mapped_column(String(20), nullable=False)
    dry_run: Mapped[bool] = mapped_column(Boolean, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, server_default="queued")
    filename: Mapped[str | None] = mapped_column(String(300))
    total: Mapped[int | None] = mapped_column(Integer)
    processed: Mapped[Count]
    valid: Mapped[Count]
    invalid: Mapped[Count]
    created: Mapped[Count]
    updated: Mapped[Count]
    unchanged: Mapped[Count]
    error_code: Mapped[str | None] = mapped_column(String(100))
    error_detail: Mapped[str | None] = mapped_column(Text)
    submitted_by_sub: Mapped[Sub]
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        CheckConstraint(f"kind IN {IMPORT_KINDS!r}", name="kind"),
        CheckConstraint(f"format IN {IMPORT_FORMATS!r}", name="format"),
        CheckConstraint(f"mode IN {IMPORT_MODES!r}", name="mode"),
        CheckConstraint(f"status IN {IMPORT_STATUSES!r}", name="status"),
        Index("ix_import_job_created", "municipality_code", "created_at", "id"),
    )


class ImportProblem(TenantMixin, Base):
    """One bad row of an import (fejl i en række): line, field, code and message parameters."""

    __tablename__ = "import_problem"

    id: Mapped[SerialPk]
    import_id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), nullable=False)
    line: Mapped[int] = mapped_column(Integer, nullable=False)
    field: Mapped[str | None] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(100), nullable=False)
    message: Mapped[str] = mapped_column(Text, nullable=False)
    params: Mapped[dict[str, Any] | None] = mapped_column(JSONB)

    __table_args__ = (
        tenant_ref("import_id", "import_job", ondelete="CASCADE"),
        Index("ix_import_problem_import", "import_id", "line", "id"),
    )
