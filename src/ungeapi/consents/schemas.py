from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.consents.vocabulary import ConsentCategory as Category
from ungeapi.consents.vocabulary import ConsentGiverKind as GiverKind
from ungeapi.consents.vocabulary import ConsentStatus as Status
from ungeapi.core import optional
from ungeapi.core.fields import Day, LastChanged, MunicipalityCode, Version, YouthId
from ungeapi.core.schemas import answer_config, input_config, stamps

GIVER_EXAMPLE: JsonDict = {"kind": "youth", "name": "Testa Eksempelsen", "given_on": "2026-11-20"}

CONSENT_EXAMPLE: JsonDict = {
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "given_by": [GIVER_EXAMPLE],
    "categories": ["cases", "education"],
    "recipient_departments": ["UU"],
    "purpose": "Uddannelsesvejledningen må se sagerne i BFU for at lægge uddannelsesplanen.",
    "valid_from": "2026-11-20",
    "valid_until": "2027-11-19",
    "document_ref": "journal:SAG-2026-0042/dok-7",
}


class ConsentGiver(BaseModel):
    """Who gave the consent (samtykkegiver): the youth from 15, or each custody holder under 15."""

    model_config = input_config(GIVER_EXAMPLE)

    kind: GiverKind = Field(
        description="The youth (den unge, 15+) or a custody holder (forældremyndighedsindehaver)."
    )
    name: str = Field(min_length=1, max_length=200, description="The giver's name (navn).")
    given_on: Day = Field(description="The day the consent was given (givet den); not in the future.")


class ConsentCreate(BaseModel):
    model_config = input_config(CONSENT_EXAMPLE)

    youth_id: uuid.UUID = Field(description="The youth the data is about (den unge).")
    given_by: list[ConsentGiver] = Field(
        min_length=1,
        max_length=4,
        description="Who consented (givet af); under 15 each custody holder, possibly added later.",
    )
    categories: list[Category] = Field(
        min_length=1,
        max_length=7,
        description="The data categories shared (oplysningskategorier): cases, plan, health, social, "
        "education, absence; `ssp` only between SSP departments.",
    )
    recipient_departments: list[str] = Field(
        min_length=1,
        max_length=20,
        description="The departments that may receive the data (modtagende afdelinger), by code.",
    )
    purpose: str = Field(min_length=3, max_length=2000, description="Why the data is shared (formål).")
    valid_from: Day | None = optional.value(
        "First day in force (gyldig fra); default the day the last giver consented. "
        "Never before a giver's day: a consent is not retroactive.",
    )
    valid_until: Day = Field(description="Last day in force (gyldig til).")
    document_ref: str | None = optional.text(500, "Where the signed consent is filed (dokumentreference).")


class GiverAdd(BaseModel):
    """Another custody holder's consent to a consent already registered."""

    model_config = input_config(
        {"kind": "custody_holder", "name": "Forælder Eksempelsen", "given_on": "2026-11-21"}
    )

    kind: GiverKind = Field(
        description="The youth (den unge) or a custody holder (forældremyndighedsindehaver)."
    )
    name: str = Field(min_length=1, max_length=200, description="The giver's name (navn).")
    given_on: Day = Field(description="The day the consent was given (givet den).")


class ConsentRevoke(BaseModel):
    model_config = input_config({"reason": "Den unge har trukket samtykket tilbage telefonisk."})

    reason: str | None = optional.text(2000, "Why, as told by the giver (begrundelse for tilbagekaldelse).")


class Registrar(BaseModel):
    sub: str = Field(description="User id of who registered the consent (bruger-id).")
    department: str | None = Field(description="Their department (afdeling).")


class ConsentRead(BaseModel):
    model_config = answer_config(
        {
            **CONSENT_EXAMPLE,
            "id": "3a1f0c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
            "municipality_code": "860",
            "status": "in_force",
            "complete": True,
            "registered_by": {"sub": "rådgiver-17", "department": "BFU"},
            "revoked_at": None,
            "revocation_reason": None,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="Consent id (samtykke-id).")
    municipality_code: MunicipalityCode
    youth_id: YouthId
    given_by: list[ConsentGiver] = Field(description="Who consented (givet af).")
    complete: bool = Field(
        description="Given by everyone needed (fuldstændigt): the youth 15+, or every custody holder."
    )
    status: Status = Field(
        description="Today (status): pending (afventer), not_yet_in_force, in_force (gældende), "
        "expired (udløbet) or revoked (tilbagekaldt). Only in_force opens data."
    )
    categories: list[Category] = Field(description="Data categories (oplysningskategorier).")
    recipient_departments: list[str] = Field(description="Receiving departments (modtagende afdelinger).")
    purpose: str = Field(description="Purpose (formål).")
    valid_from: date = Field(description="First day in force (gyldig fra).")
    valid_until: date = Field(description="Last day in force (gyldig til).")
    document_ref: str | None = Field(description="Document reference (dokumentreference).")
    registered_by: Registrar = Field(description="Who registered it (registreret af).")
    revoked_at: datetime | None = Field(description="When it was revoked (tilbagekaldt).")
    revocation_reason: str | None = Field(description="Why it was revoked (begrundelse).")
    version: Version
    created_at: datetime = Field(description="Registered (oprettet).")
    updated_at: LastChanged
