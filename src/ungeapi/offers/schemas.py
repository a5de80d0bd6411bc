from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created, Day, LastChanged, MunicipalityCode, Version
from ungeapi.core.schemas import answer_config, input_config, stamps

TargetGroupTag = Annotated[str, StringConstraints(min_length=1, max_length=50, pattern=r"^[a-z0-9æøå_-]+$")]

OFFER_EXAMPLE: JsonDict = {
    "name": "Få styr på angsten",
    "description": (
        "Manualbaseret forældretræningsprogram for børn med let til moderat angst fra 1. til 6. klasse; "
        "samarbejde mellem PPR, FTI og Familiehuset."
    ),
    "provider_department_code": "BFU",
    "provider_name": "Familiehuset",
    "target_groups": ["angst", "preventive"],
    "age_min": 7,
    "age_max": 13,
    "legal_basis": "Forebyggende indsats",
    "legal_basis_code": "BL § 30",
    "capacity": 12,
    "contact": {"name": "Familiehuset", "phone": "+45 89 59 10 00", "email": "familiehuset@example.dk"},
    "active_from": "2026-01-01",
    "active_to": None,
}


class OfferContact(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = optional.text(200, "Contact person or desk (kontakt).")
    phone: str | None = optional.text(50, "Phone (telefon).")
    email: str | None = optional.text(200, "E-mail (e-mail).")


class OfferFields(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str | None = optional.text(10_000, "What the offer is and who it is for (beskrivelse).")
    provider_department_code: str | None = optional.text(
        20, "The providing department, possibly an external partner (udbydende afdeling)."
    )
    provider_name: str | None = optional.text(
        200, 'The provider in words, e.g. "headspace Hjørring" (udbyder).'
    )
    target_groups: list[TargetGroupTag] = optional.listed(
        20,
        "Target groups (målgrupper): the youth registry's groups (placed, absence, ...) "
        "or the municipality's own tags (misbrug, angst).",
    )
    age_min: int | None = Field(default=None, ge=0, le=99, description="Youngest age (alder fra).")
    age_max: int | None = Field(default=None, ge=0, le=99, description="Oldest age (alder til).")
    legal_basis: str | None = optional.text(500, "Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, 'Legal basis as a code, e.g. "BL § 32" (paragraf).')
    capacity: int | None = Field(
        default=None, ge=0, le=100_000, description="Places (kapacitet); null when not limited."
    )
    contact: OfferContact | None = optional.value("Where to ask (kontakt).")
    active_from: Day | None = optional.value("First day of the offer (aktiv fra).")
    active_to: Day | None = optional.value("Last day of the offer (aktiv til), inclusive.")


class OfferCreate(OfferFields):
    model_config = input_config(OFFER_EXAMPLE)

    name: str = Field(min_length=1, max_length=200, description="Name of the offer (tilbud).")


class OfferUpdate(BaseModel):
    model_config = input_config({"capacity": 16, "active_to": "2027-06-30"})

    name: str | None = Field(default=None, min_length=1, max_length=200, description="Name (tilbud).")
    description: str | None = optional.text(10_000, "Description (beskrivelse).")
    provider_department_code: str | None = optional.text(20, "The providing department (udbydende afdeling).")
    provider_name: str | None = optional.text(200, "The provider (udbyder).")
    target_groups: list[TargetGroupTag] | None = optional.many(
        20, "Target groups (målgrupper); replaces the list."
    )
    age_min: int | None = Field(default=None, ge=0, le=99, description="Youngest age (alder fra).")
    age_max: int | None = Field(default=None, ge=0, le=99, description="Oldest age (alder til).")
    legal_basis: str | None = optional.text(500, "Legal basis (lovgrundlag).")
    legal_basis_code: str | None = optional.text(50, "Legal basis code (paragraf).")
    capacity: int | None = Field(default=None, ge=0, le=100_000, description="Places (kapacitet).")
    contact: OfferContact | None = optional.value("Where to ask (kontakt).")
    active_from: Day | None = optional.value("First day (aktiv fra).")
    active_to: Day | None = optional.value("Last day (aktiv til), inclusive; ends the offer.")


class OfferRead(BaseModel):
    model_config = answer_config(
        {
            **OFFER_EXAMPLE,
            "id": "9b2d4f6a-8c0e-4a1b-9c3d-5e7f9a1b3c50",
            "municipality_code": "707",
            "occupancy": 9,
            "free_places": 3,
            "active": True,
            **stamps(),
        }
    )

    id: uuid.UUID = Field(description="Offer id (tilbuds-id).")
    municipality_code: MunicipalityCode
    name: str = Field(description="Name of the offer (tilbud).")
    description: str | None = Field(description="Description (beskrivelse).")
    provider_department_code: str | None = Field(description="The providing department (udbydende afdeling).")
    provider_name: str | None = Field(description="The provider in words (udbyder).")
    target_groups: list[str] = Field(description="Target groups (målgrupper).")
    age_min: int | None = Field(description="Youngest age (alder fra).")
    age_max: int | None = Field(description="Oldest age (alder til).")
    legal_basis: str | None = Field(description="Legal basis in words (lovgrundlag).")
    legal_basis_code: str | None = Field(description="Legal basis code (paragraf).")
    capacity: int | None = Field(description="Places (kapacitet); null when not limited.")
    occupancy: int = Field(
        description="Places in use (belægning): active plan measures (indsatser) that use this offer."
    )
    free_places: int | None = Field(
        description="Capacity minus occupancy, never below 0 (ledige pladser); null when not limited."
    )
    contact: OfferContact | None = Field(description="Where to ask (kontakt).")
    active_from: date | None = Field(description="First day (aktiv fra).")
    active_to: date | None = Field(description="Last day (aktiv til), inclusive.")
    active: bool = Field(description="Offered today (aktiv i dag).")
    version: Version
    created_at: Created
    updated_at: LastChanged
