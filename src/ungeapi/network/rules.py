"""Pure rules about network meetings."""

from __future__ import annotations

import uuid


def frame_filled(worries: str | None, what_works: str | None, next_steps: str | None) -> bool:
    """A meeting record says something in at least one part of the three-part frame."""
    return any((s or "").strip() for s in (worries, what_works, next_steps))


def plan_belongs_to_youth(plan_youth_id: uuid.UUID | None, youth_id: uuid.UUID) -> bool:
    """A meeting links only to the same youth's plan (R2: the one plan is the youth's own)."""
    return plan_youth_id is not None and plan_youth_id == youth_id
