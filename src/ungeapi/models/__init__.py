"""All ORM tables, in one package so domains can reference each other without import cycles."""

from ungeapi.models.audit import AuditEvent
from ungeapi.models.base import Base
from ungeapi.models.idempotency import IdempotencyRecord
from ungeapi.models.youth import Youth

__all__ = ["AuditEvent", "Base", "IdempotencyRecord", "Youth"]
