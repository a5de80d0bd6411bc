from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class ObligationSubject(BaseModel):
    type: str = Field(description="The kind of record the obligation is about, e.g. `plan` (emne).")
    id: str = Field(description="That record's id.")


class ObligationRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
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
            ]
        }
    )

    kind: str = Field(description="The rule's code, e.g. `guide.offer_due` (forpligtelse).")
    youth_id: uuid.UUID = Field(description="The youth (den unge).")
    due_on: date = Field(description="Due date (frist).")
    due_at: datetime | None = Field(
        default=None,
        description="The exact deadline when it is a moment rather than a day, e.g. the 24-hour "
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
