"""Pure rules of the worklist itself (§8.2): an obligation's key, who may resolve it, when it
counts as missed. No I/O; `today` is passed in."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ungeapi.core.security import Principal

# Who may resolve any obligation of a youth they may see, responsible or not.
RESOLVE_ANY_ROLES = frozenset({"admin"})
KEY_SEPARATOR = ":"
NO_SUBJECT = "-"


@dataclass(frozen=True)
class ObligationKey:
    """What identifies one obligation: its kind, youth, subject (the record it is about, '' for
    none) and due date. The same four values order the worklist and its cursor."""

    kind: str
    youth_id: uuid.UUID
    subject_id: str
    due_on: date

    def __str__(self) -> str:
        subject = self.subject_id or NO_SUBJECT
        return KEY_SEPARATOR.join((self.kind, str(self.youth_id), subject, self.due_on.isoformat()))


def parse_key(text: str) -> ObligationKey | None:
    """`kind:youth_id:subject_id:due_on` (subject `-` when none), or None when malformed."""
    parts = text.split(KEY_SEPARATOR)
    if len(parts) != 4 or not parts[0] or not parts[2]:
        return None
    kind, youth, subject, due = parts
    try:
        return ObligationKey(
            kind=kind,
            youth_id=uuid.UUID(youth),
            subject_id="" if subject == NO_SUBJECT else subject,
            due_on=date.fromisoformat(due),
        )
    except ValueError:
        return None


def may_resolve(principal: Principal, *, departments: Iterable[str], subs: Iterable[str]) -> bool:
    """§8.2: a caller who is among the obligation's responsible departments or people, or an
    admin, may resolve it (seeing the youth is checked first, by the scope)."""
    if principal.roles & RESOLVE_ANY_ROLES:
        return True
    return bool(set(principal.departments) & set(departments)) or principal.sub in set(subs)


def missed(due_on: date, done_on: date) -> bool:
    """§8.2: an obligation resolved or satisfied after its due date was missed (overdue at some
    point); on the due date itself it was in time."""
    return done_on > due_on
