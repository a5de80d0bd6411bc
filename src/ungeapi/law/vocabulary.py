"""The laws of the legal-basis catalogue: their type, labelled in English and Danish in
`vocabulary.toml` beside this file (core/vocabulary.py)."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.vocabulary import load

# The catalogue's laws, as its data file (law/data) names them.
LawName = Literal[
    "barnets_lov",
    "serviceloven",
    "lab",
    "aktivloven",
    "kui",
    "stu",
    "fgu",
    "folkeskoleloven",
    "forvaltningsloven",
    "retsplejeloven",
    "databeskyttelsesloven",
]

VOCABULARIES = load(__name__)

Law = Annotated[LawName, VOCABULARIES["Law"]]
