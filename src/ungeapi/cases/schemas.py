from __future__ import annotations

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.config import JsonDict

from ungeapi.cases.vocabulary import CaseKind as CaseKind
from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.disclosure.schemas import Classified, ClassInput
from ungeapi.youth.schemas import CprNumber, ExternalRef

CASE_EXAMPLE: JsonDict = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "department_code": "BFU",
    "kind": "placement",
    "legal_basis": "Anbringelse uden for hjemmet",
    "legal_basis_code": "BL § 46",
    "caseworker": {"sub": "rådgiver-17", "name": "Rådgiver Eksempel"},
    "opened_on": "2025-03-01",
    "closed_on": None,
    "support_after_18_expected": True,
    "support_hours_after_18": 15,
    "external_ref": {"system": "journal", "id": "SAG-2025-0042"},
}

SUPPORT_EXPECTED_DESCRIPTION = (
    "R10: the caseworker expects the youth to need support after 18 (forventet støtte efter 18 år); "
    "with support_hours_after_18 above the municipality's transition_hours_threshold (or not yet "
    "estimated) on an open disability or placement case, a transition form is due from "
    "transition_form_age (obligation transition_form.due)."
)
SUPPORT_HOURS_DESCRIPTION = (
    "R10: expected support hours a week after 18 (forventet timer/uge); only with "
    "support_after_18_expected; null = not yet estimated."
)


class Caseworker(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sub: str = Field(max_length=200, description="The caseworker's user id, as in tokens (sagsbehandler-id).")
    name: str = Field(max_length=200, description="The caseworker's name (sagsbehandler).")


class CaseFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: CaseKind = Field(description="Kind of case (sagstype): anbringelse, efterværn, forebyggende, ...")
    legal_basis: str | None = optional.text(500, "Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, 'Legal basis as a code, e.g. "BL § 32" (paragraf).')
    caseworker: Caseworker | None = optional.value(
        "The responsible caseworker (sagsbehandler); defaults to the caller."
    )
    opened_on: Day | None = optional.value("Opened (oprettet), default today; not in the future.")
    closed_on: Day | None = optional.value("Closed (afsluttet); on or after `opened_on`, not in the future.")
    support_after_18_expected: bool = Field(default=False, description=SUPPORT_EXPECTED_DESCRIPTION)
    support_hours_after_18: float | None = Field(
        default=None, ge=0, le=168, description=SUPPORT_HOURS_DESCRIPTION
    )
    information_class: ClassInput = None


TAKE_ON_DESCRIPTION = (
    "The youth's CPR number (CPR-nummer), instead of `youth_id`, when your department takes on a "
    "youth it cannot see yet because the youth or the family came to it: the look-up is audited "
    "(`lookup`). A youth you cannot see is otherwise refused (404) unless a concern to your "
    "department or a forum referral naming it is the basis."
)


class CaseCreate(CaseFields):
    model_config = input_config(CASE_EXAMPLE)

    youth_id: uuid.UUID | None = optional.value(
        "The youth (den unge); exactly one of `youth_id` and `youth_cpr`."
    )
    youth_cpr: CprNumber | None = optional.value(TAKE_ON_DESCRIPTION)
    department_code: str = Field(max_length=20, description="The department holding the case (afdeling).")
    external_ref: ExternalRef | None = optional.value("The case's id in a journal system (journalnummer).")

    @model_validator(mode="after")
    def _one_youth(self) -> CaseCreate:
        if (self.youth_id is None) == (self.youth_cpr is None):
            raise ValueError("Give exactly one of youth_id and youth_cpr.")
        return self


class CaseUpsert(CaseFields):
    """A case as a journal system sends it, keyed by its own id in the URL."""

    model_config = input_config({k: v for k, v in CASE_EXAMPLE.items() if k != "external_ref"})

    youth_id: YouthId
    department_code: str = Field(max_length=20, description="The department holding the case (afdeling).")


class CaseUpdate(BaseModel):
    model_config = input_config({"closed_on": "2026-11-23"})

    kind: CaseKind | None = optional.value("Kind of case (sagstype).")
    legal_basis: str | None = optional.text(500, "Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, "Legal basis code (paragraf).")
    caseworker: Caseworker | None = optional.value("The responsible caseworker (sagsbehandler).")
    opened_on: Day | None = optional.value("Opened (oprettet).")
    closed_on: Day | None = optional.value("Closed (afsluttet); null reopens the case.")
    support_after_18_expected: bool | None = optional.value(
        SUPPORT_EXPECTED_DESCRIPTION + " Setting it false also clears the expected hours."
    )
    support_hours_after_18: float | None = Field(
        default=None, ge=0, le=168, description=SUPPORT_HOURS_DESCRIPTION
    )
    information_class: ClassInput = None


class CaseRead(Classified):
    model_config = answer_config(
        {
            **CASE_EXAMPLE,
            "id": "7d4c1a52-8a7e-4c1e-9b55-2f3a4b5c6d70",
            "municipality_code": "860",
            "open": True,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="Case id (sags-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    department_code: str = Field(description="The department holding the case (afdeling).")
    kind: CaseKind = Field(description="Kind of case (sagstype).")
    legal_basis: str | None = Field(description="Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = Field(description="Legal basis code (paragraf).")
    caseworker: Caseworker | None = Field(description="The responsible caseworker (sagsbehandler).")
    opened_on: date = Field(description="Opened (oprettet).")
    closed_on: date | None = Field(description="Closed (afsluttet).")
    open: bool = Field(description="Open today (åben): opened and not yet closed.")
    support_after_18_expected: bool = Field(description=SUPPORT_EXPECTED_DESCRIPTION)
    support_hours_after_18: float | None = Field(description=SUPPORT_HOURS_DESCRIPTION)
    external_ref: ExternalRef | None = Field(description="Journal-system reference (journalnummer).")
    version: Version
    created_at: Created
    updated_at: LastChanged
