"""The laws of the legal-basis catalogue, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

LAW = Vocabulary(
    "Law",
    "A law of the legal-basis catalogue (lov).",
    {
        "barnets_lov": text("The Children's Act (Barnets lov)", "Barnets lov"),
        "serviceloven": text("The Social Services Act (Serviceloven)", "Serviceloven"),
        "lab": text("The Active Employment Act (LAB)", "Lov om en aktiv beskæftigelsesindsats"),
        "aktivloven": text("The Active Social Policy Act", "Lov om aktiv socialpolitik"),
        "kui": text(
            "The Act on municipal efforts for youth under 25 (KUI)",
            "Lov om kommunal indsats for unge under 25",
        ),
        "stu": text(
            "The Act on youth education for youth with special needs (STU)",
            "Lov om ungdomsuddannelse for unge med særlige behov",
        ),
        "fgu": text("The Preparatory Basic Education Act (FGU)", "Lov om forberedende grunduddannelse"),
        "folkeskoleloven": text("The Folkeskole Act", "Folkeskoleloven"),
        "forvaltningsloven": text("The Public Administration Act", "Forvaltningsloven"),
        "retsplejeloven": text("The Administration of Justice Act", "Retsplejeloven"),
        "databeskyttelsesloven": text("The Data Protection Act", "Databeskyttelsesloven"),
    },
)
Law = Annotated[
    Literal[
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
    ],
    LAW,
]

VOCABULARIES = by_name(LAW)
