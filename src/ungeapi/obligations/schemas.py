from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.obligations.vocabulary import ResolutionReason as ResolutionReason

KEY_DESCRIPTION = (
    "The obligation's stable key (nøgle): `kind:youth_id:subject_id:due_on`, `-` for no subject; "
    "what `POST /v1/obligations/{key}/resolve` takes."
)


class ObligationSubject(BaseModel):
    type: str = Field(description="The kind of record the obligation is about, e.g. `plan` (emne).")
    id: str = Field(description="That record's id.")


class ObligationRead(BaseModel):
    model_config = answer_config(
        {
            "key": "guide.offer_due:0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10:-:2026-11-01",
            "kind": "guide.offer_due",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "due_on": "2026-11-01",
            "due_at": None,
            "overdue": True,
            "title": "Tilbyd en ungeguide",
            "responsible_departments": ["ARB", "BFU"],
            "responsible_subs": ["rådgiver-17"],
            "subject": None,
        }
    )

    key: str = Field(description=KEY_DESCRIPTION)
    kind: str = Field(description="The rule's code, e.g. `guide.offer_due` (forpligtelse).")
    youth_id: YouthId
    due_on: date = Field(description="Due date (frist).")
    due_at: datetime | None = optional.value(
        "The exact deadline when it is a moment rather than a day, e.g. the 24-hour "
        "assessment of a concern (`due_on` is then that moment's day in Denmark); null for "
        "obligations due by the end of `due_on` (frist, tidspunkt).",
    )
    overdue: bool = Field(
        description="The deadline has passed (overskredet): from the day after `due_on`, or from "
        "the minute after `due_at` when given."
    )
    title: str = Field(description="What to do, in the request's language (titel).")
    responsible_departments: list[str] = Field(description="Responsible departments (ansvarlige afdelinger).")
    responsible_subs: list[str] = Field(description="Responsible people's user ids (ansvarlige).")
    subject: ObligationSubject | None = Field(description="The record it is about, if any (emne).")


class ObligationResolve(BaseModel):
    """Resolve an obligation the data does not satisfy, with a reason (afslut opgave, §8.2)."""

    model_config = input_config({"reason": "moved_away", "note": "Fraflyttet til Aarhus 1. marts."})

    reason: ResolutionReason = Field(
        description=(
            "Why (begrundelse): `not_applicable` (ikke relevant), `done_elsewhere` (løst andetsteds), "
            "`youth_declined` (den unge har takket nej), `moved_away` (fraflyttet)."
        )
    )
    note: str | None = optional.text(2000, "A free-text note (bemærkning).")


class Resolver(BaseModel):
    sub: str = Field(description="Who resolved it: user id (sagsbehandler).")
    name: str = Field(description="Their name (navn).")
    department: str | None = Field(description="Their department (afdeling).")


class ObligationResolutionRead(BaseModel):
    """An obligation resolved with a reason (afsluttet opgave): it has left the worklist."""

    model_config = answer_config(
        {
            "id": "6a1e0b52-1f4e-4b47-8a43-0f4f0c3f7a21",
            "key": "aftercare.decision_due:0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10:-:2026-06-01",
            "kind": "aftercare.decision_due",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "subject": None,
            "due_on": "2026-06-01",
            "title": "Træf afgørelse om ungestøtte: senest 6 måneder før 18-årsdagen (R20)",
            "reason": "moved_away",
            "note": "Fraflyttet til Aarhus 1. marts.",
            "resolved_by": {"sub": "rådgiver-17", "name": "Rådgiver Eksempel", "department": "BFU"},
            "resolved_on": "2026-11-23",
            "resolved_at": "2026-11-23T10:15:00+01:00",
            "missed": True,
        }
    )

    id: uuid.UUID = Field(description="The resolution's id.")
    key: str = Field(description=KEY_DESCRIPTION)
    kind: str = Field(description="The rule's code (forpligtelse).")
    youth_id: YouthId
    subject: ObligationSubject | None = Field(description="The record it was about, if any (emne).")
    due_on: date = Field(description="Its due date (frist).")
    title: str = Field(description="What was to be done, in the request's language (titel).")
    reason: ResolutionReason = Field(description="Why it was resolved (begrundelse).")
    note: str | None = Field(description="The note (bemærkning).")
    resolved_by: Resolver = Field(description="Who resolved it (afsluttet af).")
    resolved_on: date = Field(description="The day it was resolved, Europe/Copenhagen (afsluttet dato).")
    resolved_at: datetime = Field(description="When it was resolved (afsluttet tidspunkt).")
    missed: bool = Field(description="Resolved after its due date: counted as missed (overskredet).")
