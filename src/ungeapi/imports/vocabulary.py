"""The imports' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

ImportKind = Annotated[Literal["youth", "cases", "absence"], VOCABULARIES["ImportKind"]]
ImportFormat = Annotated[Literal["csv", "json", "ndjson"], VOCABULARIES["ImportFormat"]]
ImportMode = Annotated[Literal["all_or_nothing", "valid_rows"], VOCABULARIES["ImportMode"]]
ImportStatus = Annotated[Literal["queued", "running", "completed", "failed"], VOCABULARIES["ImportStatus"]]
