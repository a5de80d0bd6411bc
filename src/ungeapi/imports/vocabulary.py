"""The imports' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

IMPORT_KIND = Vocabulary(
    "ImportKind",
    "What an import's file holds (type).",
    {
        "youth": text("Youth", "Unge"),
        "cases": text("Cases", "Sager"),
        "absence": text("School absence", "Skolefravær"),
    },
)
ImportKind = Annotated[Literal["youth", "cases", "absence"], IMPORT_KIND]

IMPORT_FORMAT = Vocabulary(
    "ImportFormat",
    "The format of an import's file (format): CSV, a JSON array, or NDJSON.",
    {
        "csv": text("CSV", "CSV"),
        "json": text("JSON", "JSON"),
        "ndjson": text("NDJSON", "NDJSON"),
    },
)
ImportFormat = Annotated[Literal["csv", "json", "ndjson"], IMPORT_FORMAT]

IMPORT_MODE = Vocabulary(
    "ImportMode",
    "What an import writes when some rows are bad (tilstand).",
    {
        "all_or_nothing": text("All or nothing", "Alt eller intet"),
        "valid_rows": text("Valid rows only", "Kun gyldige rækker"),
    },
)
ImportMode = Annotated[Literal["all_or_nothing", "valid_rows"], IMPORT_MODE]

IMPORT_STATUS = Vocabulary(
    "ImportStatus",
    "Where an import stands (status); `failed`: all or nothing with bad rows, or an unreadable file.",
    {
        "queued": text("Queued", "I kø"),
        "running": text("Running", "I gang"),
        "completed": text("Completed", "Gennemført"),
        "failed": text("Failed", "Mislykket"),
    },
)
ImportStatus = Annotated[Literal["queued", "running", "completed", "failed"], IMPORT_STATUS]

VOCABULARIES = by_name(IMPORT_KIND, IMPORT_FORMAT, IMPORT_MODE, IMPORT_STATUS)
