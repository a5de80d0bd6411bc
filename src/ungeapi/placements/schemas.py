"""Youth plans (ungeplaner, R19) and decisions on support after 18 (ungestøtte, R20)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import Day, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.placements.vocabulary import AftercareOutcome
from ungeapi.transitions.schemas import Author

YOUTH_ID = "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10"
CASE_ID = "7d4c1a52-8a7e-4c1e-9b55-2f3a4b5c6d70"
AUTHOR = {"sub": "raadgiver-bfu", "name": "Rådgiver Bente", "department": "BFU"}
RECORD_READ: dict[str, Any] = {"version": 1, "created_at": "2026-11-23T09:00:00Z", "author": AUTHOR}

YOUTH_PLAN_EXAMPLE: dict[str, Any] = {
    "youth_id": YOUTH_ID,
    "case_id": CASE_ID,
    "made_on": "2026-11-20",
    "youth_involved": True,
    "parents_involved": True,
    "goals": "Gennemføre 10. klasse; afklare EUD (tømrer) med UE-vejleder; fritidsjob inden sommer.",
    "notes": "Planen revideres inden 17½ år, før afgørelsen om ungestøtte.",
}


class YouthPlanCreate(BaseModel):
    """A youth plan (ungeplan, Barnets lov § 108) was made; recording it satisfies R19."""

    model_config = input_config(YOUTH_PLAN_EXAMPLE)

    youth_id: YouthId
    case_id: uuid.UUID | None = optional.value(
        "The youth's case it belongs to, usually the placement (anbringelsessag)."
    )
    made_on: Day | None = optional.value(
        "Day the plan was made (udarbejdet), default today; not in the future."
    )
    youth_involved: bool = Field(description="The youth took part in making it (den unge inddraget).")
    parents_involved: bool = Field(description="The parents took part (forældrene inddraget).")
    goals: str = Field(
        min_length=1,
        max_length=10_000,
        description="Concrete goals, incl. education and employment (konkrete mål, BL § 109).",
    )
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")
    information_class: ClassInput = None


class YouthPlanUpdate(BaseModel):
    """Correct a youth plan (ret ungeplanen): only the fields sent change; the merged result is
    checked as on recording. Null leaves made_on, the involvement flags and goals as they are,
    and clears case_id and notes."""

    model_config = input_config({"made_on": "2026-11-18", "parents_involved": False})

    case_id: uuid.UUID | None = optional.value("The youth's case it belongs to (sag); null detaches it.")
    made_on: Day | None = optional.value("Day the plan was made (udarbejdet); not in the future.")
    youth_involved: bool | None = optional.value("The youth took part (den unge inddraget).")
    parents_involved: bool | None = optional.value("The parents took part (forældrene inddraget).")
    goals: str | None = Field(
        default=None, min_length=1, max_length=10_000, description="Concrete goals (konkrete mål, BL § 109)."
    )
    notes: str | None = optional.text(10_000, "Notes (bemærkninger).")
    information_class: ClassInput = None


class YouthPlanRead(YouthPlanCreate, Classified):
    model_config = answer_config(
        {**YOUTH_PLAN_EXAMPLE, **RECORD_READ, "id": "3c2b1a09-8f7e-4d6c-b5a4-938271605f4e"}
    )

    id: uuid.UUID = Field(description="Youth plan id.")
    made_on: date = Field(description="Day the plan was made (udarbejdet).")
    goals: str | None = Field(  # type: ignore[assignment]
        description="Concrete goals (konkrete mål, BL § 109); null when withheld (R9)."
    )
    author: Author = Field(description="Who recorded it (registreret af).")
    version: Version
    created_at: datetime = Field(description="Recorded (registreret).")


AFTERCARE_EXAMPLE: dict[str, Any] = {
    "youth_id": YOUTH_ID,
    "case_id": CASE_ID,
    "decided_on": "2027-01-15",
    "outcome": "granted",
    "legal_basis_code": "BL § 114",
    "support_until": "2030-07-15",
    "youth_plan_revised_on": "2027-01-10",
    "notes": "Fortsat anbringelse på opholdssted til afsluttet EUD-grundforløb.",
}


class AftercareDecisionCreate(BaseModel):
    """The decision on support after 18 (afgørelse om ungestøtte, BL §§ 114-116) for a placed
    youth; recording it, whatever the outcome, satisfies R20."""

    model_config = input_config(AFTERCARE_EXAMPLE)

    youth_id: YouthId
    case_id: uuid.UUID | None = optional.value(
        "The youth's case it belongs to, usually the placement (anbringelsessag)."
    )
    decided_on: Day | None = optional.value(
        "Day of the decision (afgørelsesdato), default today; not in the future."
    )
    outcome: AftercareOutcome = Field(
        description="granted (bevilget), refused (afslag) or declined_by_youth (den unge har takket nej)."
    )
    legal_basis_code: str | None = optional.text(50, 'Legal basis, e.g. "BL § 114" (paragraf).')
    support_until: Day | None = optional.value(
        "Granted support lasts until (ungestøtte til og med), at most to 23; only when granted."
    )
    youth_plan_revised_on: Day | None = optional.value(
        "The youth plan was revised before the decision on (ungeplan revideret)."
    )
    notes: str | None = optional.text(10_000, "Notes (begrundelse/bemærkninger).")
    information_class: ClassInput = None


class AftercareDecisionUpdate(BaseModel):
    """Correct a decision on support after 18 (ret afgørelsen): only the fields sent change; the
    merged result is checked as on recording (support_until only with a grant, after the
    decision). Null leaves decided_on and outcome as they are and clears the other fields."""

    model_config = input_config({"decided_on": "2027-01-14", "support_until": "2030-07-14"})

    case_id: uuid.UUID | None = optional.value("The youth's case it belongs to (sag); null detaches it.")
    decided_on: Day | None = optional.value("Day of the decision (afgørelsesdato); not in the future.")
    outcome: AftercareOutcome | None = optional.value(
        "granted (bevilget), refused (afslag) or declined_by_youth."
    )
    legal_basis_code: str | None = optional.text(50, "Legal basis (paragraf).")
    support_until: Day | None = optional.value(
        "Granted support lasts until (ungestøtte til og med); only when granted."
    )
    youth_plan_revised_on: Day | None = optional.value(
        "The youth plan was revised before the decision on (ungeplan revideret)."
    )
    notes: str | None = optional.text(10_000, "Notes (begrundelse/bemærkninger).")
    information_class: ClassInput = None


class AftercareDecisionRead(AftercareDecisionCreate, Classified):
    model_config = answer_config(
        {**AFTERCARE_EXAMPLE, **RECORD_READ, "id": "9e8d7c6b-5a49-4382-a716-05f4e3d2c1b0"}
    )

    id: uuid.UUID = Field(description="Decision id.")
    decided_on: date = Field(description="Day of the decision (afgørelsesdato).")
    author: Author = Field(description="Who recorded it (registreret af).")
    version: Version
    created_at: datetime = Field(description="Recorded (registreret).")
