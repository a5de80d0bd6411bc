"""Target-group assessments (målgruppevurderinger, R6) and disability transition assessments
(vurdering af overgangen til voksenlivet, Barnets lov §§ 122-123, R21)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from ungeapi.assessments.vocabulary import TargetGroupBasis
from ungeapi.core import optional
from ungeapi.core.fields import Actor, Day, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config

YOUTH_ID = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
AUTHOR = {"sub": "uu-vejleder-3", "name": "UU-vejleder Lise", "department": "UU"}
RECORD_READ: dict[str, Any] = {"version": 1, "created_at": "2026-11-23T09:00:00Z", "author": AUTHOR}


class Assessor(Actor):
    """Who recorded an assessment (registreret af)."""


TARGET_GROUP_EXAMPLE: dict[str, Any] = {
    "youth_id": YOUTH_ID,
    "referred_on": "2026-11-02",
    "assessed_on": "2026-11-20",
    "fgu_target_group": True,
    "other_offer": None,
    "basis": ["grades", "bridge_building", "exploration_course"],
    "basis_note": "Karakterer under 02 i dansk og matematik; brobygning til EUD afbrudt.",
    "notes": "Drøftet med den unge og forældrene.",
}
BASIS_DESCRIPTION = (
    "R6: what the overall weighing was based on (grundlag): `lab_offers` (tilbud efter LAB), "
    "`grades` (karakterer), `bridge_building` (brobygning), `internship` (praktik), "
    "`exploration_course` (afsøgningsforløb)."
)


class TargetGroupAssessmentCreate(BaseModel):
    """R6: a target-group assessment (målgruppevurdering, KUI § 2 k). Record the referral to FGU
    (`referred_on`) and later the assessment, or the assessment at once (`assessed_on` with
    its outcome). An assessment made satisfies `target_group_assessment.due`."""

    model_config = input_config(TARGET_GROUP_EXAMPLE)

    youth_id: YouthId
    referred_on: Day | None = optional.value(
        "The day the youth was referred to FGU for an assessment (henvist); not in the future."
    )
    assessed_on: Day | None = optional.value(
        "The day of the assessment (vurderet); not in the future, not before the referral."
    )
    fgu_target_group: bool | None = optional.value(
        "The outcome: the youth is in FGU's target group (i FGU's målgruppe); given with `assessed_on`."
    )
    other_offer: str | None = optional.text(
        500, "Not in the target group: the other offer the youth is guided to (andet tilbud)."
    )
    basis: list[TargetGroupBasis] = optional.listed(5, BASIS_DESCRIPTION)
    basis_note: str | None = optional.text(10_000, "The weighing in words (helhedsvurdering).")
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")


class TargetGroupAssessmentUpdate(BaseModel):
    """Record the assessment on a referral, or correct it (ret vurderingen): only the fields sent
    change; the merged result is checked as on recording. Null clears a field."""

    model_config = input_config(
        {"assessed_on": "2026-11-20", "fgu_target_group": False, "other_offer": "EUD"}
    )

    referred_on: Day | None = optional.value("Referred to FGU (henvist).")
    assessed_on: Day | None = optional.value("Assessed (vurderet); not in the future.")
    fgu_target_group: bool | None = optional.value("In FGU's target group (i målgruppen).")
    other_offer: str | None = optional.text(500, "The other offer (andet tilbud).")
    basis: list[TargetGroupBasis] | None = optional.many(5, BASIS_DESCRIPTION)
    basis_note: str | None = optional.text(10_000, "The weighing in words (helhedsvurdering).")
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")


class TargetGroupAssessmentRead(TargetGroupAssessmentCreate):
    model_config = answer_config(
        {**TARGET_GROUP_EXAMPLE, **RECORD_READ, "id": "5b4c3d2e-1f0a-4b9c-8d7e-6f5a4b3c2d1e"}
    )

    id: uuid.UUID = Field(description="Assessment id.")
    basis: list[TargetGroupBasis] = Field(description=BASIS_DESCRIPTION)
    author: Assessor = Field(description="Who recorded it (registreret af).")
    version: Version
    created_at: datetime = Field(description="Recorded (registreret).")


SECTIONS_EXAMPLE: dict[str, Any] = {
    "support_need": "Behov for bostøtte ca. 12 timer om ugen; ledsagelse til fritidsaktiviteter.",
    "education": "STU fra august efter 18-årsdagen.",
    "employment": "Ikke aktuelt før STU er afsluttet.",
    "income_basis": "Forventes førtidspension; ansøgning forberedes med jobcentret.",
    "housing": "Ønsker at flytte i bofællesskab (SEL § 107) inden 19.",
    "social_conditions": "Tæt kontakt til forældrene; få jævnaldrende venner.",
    "other": None,
}
DISABILITY_EXAMPLE: dict[str, Any] = {
    "youth_id": YOUTH_ID,
    "case_id": "7d4c1a52-8a7e-4c1e-9b55-2f3a4b5c6d70",
    "started_on": "2026-03-02",
    "completed_on": "2026-11-20",
    **SECTIONS_EXAMPLE,
    "notes": "Overdrages til Myndighed Handicap (voksen) med henblik på afgørelse ved 18 år.",
}


def _section(what: str) -> Any:
    return optional.text(10_000, f"R21 section: {what}.")


class DisabilitySections(BaseModel):
    """R21: what the assessment covers (Barnets lov § 123)."""

    support_need: str | None = _section("the expected support need after 18 (støttebehov)")
    education: str | None = _section("education (uddannelse)")
    employment: str | None = _section("employment (beskæftigelse)")
    income_basis: str | None = _section("the income basis after 18 (forsørgelsesgrundlag)")
    housing: str | None = _section("housing (bolig)")
    social_conditions: str | None = _section("social conditions (sociale forhold)")
    other: str | None = _section("anything else (andet); may stay empty")


class DisabilityTransitionCreate(DisabilitySections):
    """R21: the transition assessment of a youth with a substantial and permanent disability.
    Starting it (`started_on`) satisfies `disability_transition.start_due`; completing it
    (`completed_on`, every section but `other` filled in) `disability_transition.completion_due`."""

    model_config = input_config(DISABILITY_EXAMPLE)

    youth_id: YouthId
    case_id: uuid.UUID | None = optional.value("The youth's disability case it belongs to (handicapsag).")
    started_on: Day | None = optional.value("Started (påbegyndt), default today; not in the future.")
    completed_on: Day | None = optional.value(
        "Completed (afsluttet); not in the future, not before the start; needs every section but `other`."
    )
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")


class DisabilityTransitionUpdate(DisabilitySections):
    """Add to or complete the assessment (ret/afslut vurderingen): only the fields sent change; the
    merged result is checked as on recording. Null leaves `started_on` and clears the others."""

    model_config = input_config({"completed_on": "2026-11-20", "housing": "Bofællesskab efter 18."})

    case_id: uuid.UUID | None = optional.value("The youth's disability case (handicapsag); null detaches it.")
    started_on: Day | None = optional.value("Started (påbegyndt); not in the future.")
    completed_on: Day | None = optional.value("Completed (afsluttet); null reopens it.")
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")


class DisabilityTransitionRead(DisabilityTransitionCreate):
    model_config = answer_config(
        {**DISABILITY_EXAMPLE, **RECORD_READ, "id": "8c7b6a59-4d3e-4f2a-9b1c-0d9e8f7a6b5c"}
    )

    id: uuid.UUID = Field(description="Assessment id.")
    started_on: date = Field(description="Started (påbegyndt).")
    author: Assessor = Field(description="Who recorded it (registreret af).")
    version: Version
    created_at: datetime = Field(description="Recorded (registreret).")
