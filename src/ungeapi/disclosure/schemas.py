"""R9 in the API: the information class of a record, the parts withheld, recorded disclosures."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import YouthId
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.disclosure.rules import InformationClass
from ungeapi.disclosure.vocabulary import DisclosureLegalBasis as LegalBasis
from ungeapi.disclosure.vocabulary import ProtectedClass
from ungeapi.disclosure.vocabulary import RecordType as Resource

CLASS_DESCRIPTION = (
    "R9: the information class of the record's protected parts (oplysningsklasse): essential, or "
    "health, social, misuse or crime, which other departments read only with consent or a recorded "
    "disclosure. Set by the writer; when not set, the municipality's default for the resource."
)

CLASS_INPUT = CLASS_DESCRIPTION
# A request's information class; null: the municipality's default for the resource.
ClassInput = Annotated[InformationClass | None, Field(description=CLASS_INPUT)]

__all__ = ["CLASS_DESCRIPTION", "CLASS_INPUT", "ClassInput", "Classified", "InformationClass", "WithheldPart"]


class WithheldPart(BaseModel):
    """A protected part of the record left out of this answer (tilbageholdt oplysning)."""

    model_config = answer_config({"part": "notes", "information_class": "health"})

    part: str = Field(description="The part left out (the field group), e.g. notes (del).")
    information_class: InformationClass = Field(description="Its information class (oplysningsklasse).")


class Classified(BaseModel):
    """The two fields every classified record's answer carries."""

    # Filled in by the screen (disclosure/screen.py), never read from the record's row.
    answer_only: ClassVar[frozenset[str]] = frozenset({"withheld"})
    information_class: InformationClass | None = optional.value(CLASS_DESCRIPTION)
    withheld: list[WithheldPart] = Field(
        default_factory=list,
        description="R9: the protected parts left out of this answer, because you are outside the owning "
        "department and no consent in force or recorded disclosure lets you read them (tilbageholdt).",
    )


DISCLOSURE_EXAMPLE: dict[str, Any] = {
    "resource_type": "aftercare_decision",
    "record_id": "3f2b1c7e-8d1a-4a8e-9a51-0c6f9d2e7b10",
    "recipient_department": "SAEH",
    "legal_basis": "fvl_28_stk_2",
    "reason": "Voksenhandicap skal planlægge botilbud fra 18 år; barnets interesse går klart forud.",
}


class DisclosureCreate(BaseModel):
    """Disclose a record's protected part to a department (videregivelse, forvaltningslovens § 28)."""

    model_config = input_config(DISCLOSURE_EXAMPLE)

    resource_type: Resource = Field(description="What kind of record (posttype).")
    record_id: uuid.UUID = Field(description="The record whose protected part is disclosed (post).")
    recipient_department: str = Field(
        min_length=1, max_length=20, description="The department it is disclosed to (modtager)."
    )
    legal_basis: LegalBasis = Field(
        description="The legal basis (hjemmel): forvaltningslovens § 28 stk. 2 or 3, or another law."
    )
    reason: str = Field(
        min_length=10, max_length=4000, description="Why the disclosure is necessary (begrundelse)."
    )


class DisclosureRead(BaseModel):
    model_config = answer_config(
        {
            **DISCLOSURE_EXAMPLE,
            "id": "6a1f0c2e-5b7d-4e8f-9a0b-1c2d3e4f5a6b",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "information_class": "social",
            "disclosed_on": "2026-12-05",
            "disclosed_by": {"sub": "rg-bfu-1", "name": "Rådgiver BFU", "department": "BFU"},
            "created_at": "2026-12-05T10:15:00+01:00",
        }
    )

    id: uuid.UUID = Field(description="Disclosure id.")
    youth_id: YouthId
    resource_type: Resource = Field(description="What kind of record (posttype).")
    record_id: uuid.UUID = Field(description="The record (post).")
    information_class: ProtectedClass = Field(description="The class disclosed (oplysningsklasse).")
    recipient_department: str = Field(description="The department it was disclosed to (modtager).")
    legal_basis: LegalBasis = Field(description="The legal basis (hjemmel).")
    reason: str = Field(description="Why (begrundelse).")
    disclosed_on: date = Field(description="The day it was disclosed (dato).")
    disclosed_by: Discloser = Field(description="Who disclosed it (videregivet af).")
    created_at: datetime = Field(description="Recorded (registreret).")


class Discloser(BaseModel):
    sub: str = Field(description="User id (bruger-id).")
    name: str = Field(description="Name (navn).")
    department: str | None = Field(description="Department (afdeling).")


DisclosureRead.model_rebuild()
