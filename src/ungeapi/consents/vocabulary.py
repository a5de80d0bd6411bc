"""The consents' vocabularies: the types of their fields, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

VOCABULARIES = load(__name__)

ConsentCategory = Annotated[
    Literal["cases", "plan", "health", "social", "misuse", "crime", "education", "absence", "ssp"],
    VOCABULARIES["ConsentCategory"],
]
ConsentGiverKind = Annotated[Literal["youth", "custody_holder"], VOCABULARIES["ConsentGiverKind"]]
ConsentStatus = Annotated[
    Literal["pending", "not_yet_in_force", "in_force", "expired", "revoked"], VOCABULARIES["ConsentStatus"]
]
