from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core.fields import MunicipalityCode
from ungeapi.core.schemas import answer_config
from ungeapi.imports.vocabulary import ImportFormat as ImportFormat
from ungeapi.imports.vocabulary import ImportKind as ImportKind
from ungeapi.imports.vocabulary import ImportMode as ImportMode
from ungeapi.imports.vocabulary import ImportStatus

PROBLEM_EXAMPLE: JsonDict = {
    "line": 17,
    "field": "cpr",
    "column": "CPR-nummer",
    "code": "cpr.date",
    "message": "De første seks cifre i CPR-nummeret er ikke en gyldig dato.",
}


class ImportProblemRead(BaseModel):
    model_config = answer_config(PROBLEM_EXAMPLE)

    line: int = Field(description="The record's line in the file; the CSV header is line 1 (linje).")
    field: str | None = Field(description="The field at fault, as the API names it (felt).")
    column: str | None = Field(
        description="The file's own name of that column (or JSON key), when the file has one (kolonne)."
    )
    code: str = Field(description="Stable error code, the same as the API answers (fejlkode).")
    message: str = Field(description="Message in the request's language (besked).")


_ENTITY_EXAMPLE: JsonDict = {"entity": "youth", "created": 9963, "updated": 0, "unchanged": 0, "invalid": 37}
_TALLY_EXAMPLE: JsonDict = {"entities": [_ENTITY_EXAMPLE], "codes": [{"code": "cpr.date", "count": 37}]}


class EntityTally(BaseModel):
    model_config = answer_config(_ENTITY_EXAMPLE)

    entity: ImportKind = Field(description="The kind of record (type).")
    created: int = Field(description="Records created (oprettet).")
    updated: int = Field(description="Records changed (ændret).")
    unchanged: int = Field(description="Records already as in the file (uændret).")
    invalid: int = Field(description="Rows refused: errors and conflicts (afviste).")


class CodeTally(BaseModel):
    model_config = answer_config({"code": "import.youth_exists", "count": 12})

    code: str = Field(description="Error code (fejlkode).")
    count: int = Field(description="Problems of this code in the report (antal).")


class ImportTally(BaseModel):
    model_config = answer_config(_TALLY_EXAMPLE)

    entities: list[EntityTally] = Field(description="The outcome per kind of record (pr. type).")
    codes: list[CodeTally] = Field(
        description="The report's problems per error code, most first (pr. fejlkode)."
    )


class ImportRead(BaseModel):
    model_config = answer_config(
        {
            "id": "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d",
            "municipality_code": "860",
            "kind": "youth",
            "format": "csv",
            "mode": "valid_rows",
            "dry_run": False,
            "update_existing": False,
            "status": "completed",
            "filename": "unge-2026-11.csv",
            "total": 10000,
            "processed": 10000,
            "valid": 9963,
            "invalid": 37,
            "created": 9963,
            "updated": 0,
            "unchanged": 0,
            "error_code": None,
            "report": [PROBLEM_EXAMPLE],
            "report_complete": False,
            "summary": _TALLY_EXAMPLE,
            "created_at": "2026-11-23T09:00:00+01:00",
            "started_at": "2026-11-23T09:00:01+01:00",
            "finished_at": "2026-11-23T09:00:09+01:00",
        }
    )

    id: uuid.UUID = Field(description="The import's id (import-id).")
    municipality_code: MunicipalityCode
    kind: ImportKind = Field(description="What the file holds: youth, cases or absence (type).")
    format: ImportFormat = Field(description="csv, json (an array) or ndjson (format).")
    mode: ImportMode = Field(
        description="all_or_nothing writes nothing if any row is bad; valid_rows writes the good rows "
        "(tilstand)."
    )
    dry_run: bool = Field(description="Validate only; nothing is written (prøvekørsel).")
    update_existing: bool = Field(
        description="A row may change an existing youth (found by CPR number); otherwise such a row is a "
        "conflict, `import.youth_exists` (opdatér eksisterende)."
    )
    status: ImportStatus = Field(
        description="queued, running, completed, or failed: all_or_nothing with bad rows, or an unreadable "
        "file (status)."
    )
    filename: str | None = Field(description="The uploaded file's name (filnavn).")
    total: int | None = Field(description="Records in the file, once counted (i alt).")
    processed: int = Field(description="Records read and checked so far (behandlet).")
    valid: int = Field(description="Records that passed every check (gyldige).")
    invalid: int = Field(description="Bad records, each listed in the report (ugyldige).")
    created: int = Field(description="Records created (or, in a dry run, that would be) (oprettet).")
    updated: int = Field(description="Records changed (or that would be) (ændret).")
    unchanged: int = Field(description="Records already as in the file: left alone (uændret).")
    error_code: str | None = Field(description="Why a failed import failed (fejlkode).")
    report: list[ImportProblemRead] = Field(
        description="The bad records, by line: the first 1000; all of them at /problems (fejlrapport)."
    )
    report_complete: bool = Field(description="The report above lists every problem (komplet).")
    summary: ImportTally = Field(description="Counts per kind of record and per error code (opsummering).")
    created_at: datetime = Field(description="Submitted (indsendt).")
    started_at: datetime | None = Field(description="Started (startet).")
    finished_at: datetime | None = Field(description="Finished (afsluttet).")
