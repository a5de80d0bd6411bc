from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from ungeapi.core import optional
from ungeapi.core.fields import MunicipalityCode, YouthId
from ungeapi.core.schemas import answer_config


class AccessLogEntry(BaseModel):
    """One look-up or change of the youth's data (opslag), as the youth may see it.

    Datatilsynet (2024, after CJEU C-579/21): the data subject gets the dates and purposes of
    look-ups, normally not the employee's identity; `sub` is filled for the dpo role only.
    """

    model_config = answer_config(
        {
            "occurred_at": "2026-11-23T09:00:00+01:00",
            "action": "read",
            "resource_type": "case",
            "purpose": "casework",
            "department": "BFU",
            "sub": None,
        }
    )

    occurred_at: datetime = Field(description="When (tidspunkt).")
    action: str = Field(
        description="What was done (handling): read, search, lookup, export, create, update, ...; "
        "`disclose` (videregivelse) when another department received the data through a consent"
    )
    resource_type: str = Field(description="Which kind of data (datatype): youth, case, plan, ...")
    purpose: str = Field(description="Why (formål), as stated by the caller.")
    department: str | None = Field(
        description="The department that looked (afdeling); for `disclose` the receiving department."
    )
    consent_id: uuid.UUID | None = optional.value(
        "For `disclose`: the consent the data was disclosed under (samtykke)."
    )
    sub: str | None = Field(description="The employee's user id (medarbejder); only for the dpo role.")


class AuditRead(BaseModel):
    """One audit record (logpost), for the data-protection role (databeskyttelsesrådgiver)."""

    model_config = answer_config(
        {
            "id": 4711,
            "occurred_at": "2026-11-23T09:00:00+01:00",
            "sub": "rådgiver-17",
            "roles": ["caseworker"],
            "department": "BFU",
            "action": "read",
            "resource_type": "case",
            "resource_id": "7d4c1a52-8a7e-4c1e-9b55-2f3a4b5c6d70",
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "purpose": "casework",
            "request_id": "5f0c9a7e2b1d4c8e9a3f6b2d1e0c7a94",
            "detail": None,
        }
    )

    id: int = Field(description="Record number (løbenummer).")
    occurred_at: datetime = Field(description="When (tidspunkt).")
    sub: str = Field(description="Who: the user id from the token (bruger).")
    roles: list[str] = Field(description="The caller's roles then (roller).")
    department: str | None = Field(description="The caller's department (afdeling).")
    action: str = Field(description="What was done (handling).")
    resource_type: str = Field(description="Kind of data (datatype).")
    resource_id: str | None = Field(description="Which record (post-id).")
    youth_id: uuid.UUID | None = Field(description="Whose data (den unge).")
    purpose: str = Field(description="Why (formål).")
    request_id: str | None = Field(description="The request (request-id).")
    detail: dict[str, Any] | None = Field(
        description="More about the action, never personal data (detaljer)."
    )


class ExportDocument(BaseModel):
    """Everything held on one youth (indsigt efter artikel 15), one section per domain."""

    model_config = answer_config(
        {
            "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
            "municipality_code": "860",
            "exported_at": "2026-11-23T09:00:00+01:00",
            "exported_on": "2026-11-23",
            "sections": {
                "youth": {"given_name": "Testa", "family_name": "Eksempelsen"},
                "cases": [{"department_code": "BFU", "kind": "placement"}],
                "guides": [],
            },
        }
    )

    youth_id: YouthId
    municipality_code: MunicipalityCode
    exported_at: datetime = Field(description="When the export was made (udtrukket).")
    exported_on: date = Field(description="The day the computed parts (ages, obligations) refer to.")
    sections: dict[str, Any] = Field(
        description="One section per kind of data (afsnit): youth, cases, guides, plans, consents, ..."
    )
