"""Journaliseringspligt on the worklist: a decision whose minutes have not been journalized
within the municipality's days (Policy.journal_reminder_days)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, String, cast, exists, literal, select
from sqlalchemy.dialects.postgresql import ARRAY, array

from ungeapi.access import youth_visible
from ungeapi.core.security import Principal
from ungeapi.models import Document, MeetingDecision, Youth
from ungeapi.municipality.policy import Policy

DECISION_UNJOURNALIZED = "journal.decision_unjournalized"


def decision_unjournalized(principal: Principal, today: date, policy: Policy) -> Select[Any]:
    """A forum decision without a journalized document about it (its minutes, filed when it was
    recorded), from `journal_reminder_days` after its day (due then) until the journal system
    writes the reference back; the one who recorded it is responsible. A decision whose minutes
    were never filed stays too: nothing of it reached the journal."""
    d = MeetingDecision
    days = policy.journal_reminder_days
    due_on: ColumnElement[Any] = d.decided_on + days
    journalized = exists(
        select(Document.id).where(Document.subject_id == d.id, Document.journalized_at.is_not(None))
    )
    return (
        select(
            literal(DECISION_UNJOURNALIZED, String).label("kind"),
            d.youth_id.label("youth_id"),
            due_on.label("due_on"),
            cast(array([], type_=String), ARRAY(String)).label("departments"),
            cast(array([d.recorded_by_sub]), ARRAY(String)).label("subs"),
            literal("meeting_decision", String).label("subject_type"),
            cast(d.id, String).label("subject_id"),
        )
        .join(Youth, Youth.id == d.youth_id)
        .where(
            d.decided_on <= today - timedelta(days=days),
            ~journalized,
            Youth.archived_at.is_(None),
            youth_visible(principal, today),
        )
    )
