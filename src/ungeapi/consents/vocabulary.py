"""The consents' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

CONSENT_CATEGORY = Vocabulary(
    "ConsentCategory",
    "A category of data a consent shares (oplysningskategori); `health`, `social`, `misuse` and "
    "`crime` name an information class (R9); `ssp` is shared only between SSP departments.",
    {
        "cases": text("Cases", "Sager"),
        "plan": text("Education-and-job plan", "Uddannelses- og jobplan"),
        "health": text("Health", "Helbredsforhold"),
        "social": text("Serious social problems", "Væsentlige sociale problemer"),
        "misuse": text("Substance misuse", "Misbrug"),
        "crime": text("Crime", "Strafbare forhold"),
        "education": text("Education", "Uddannelse"),
        "absence": text("School absence", "Skolefravær"),
        "ssp": text("SSP cooperation", "SSP-samarbejdet"),
    },
)
ConsentCategory = Annotated[
    Literal["cases", "plan", "health", "social", "misuse", "crime", "education", "absence", "ssp"],
    CONSENT_CATEGORY,
]

CONSENT_GIVER_KIND = Vocabulary(
    "ConsentGiverKind",
    "Who gives a consent (samtykkegiver): the youth from 15, a custody holder under 15.",
    {
        "youth": text("The youth", "Den unge"),
        "custody_holder": text("Custody holder", "Forældremyndighedsindehaver"),
    },
)
ConsentGiverKind = Annotated[Literal["youth", "custody_holder"], CONSENT_GIVER_KIND]

CONSENT_STATUS = Vocabulary(
    "ConsentStatus",
    "A consent's status today (status); only `in_force` opens data.",
    {
        "pending": text("Awaiting consent", "Afventer samtykke"),
        "not_yet_in_force": text("Not yet in force", "Endnu ikke gældende"),
        "in_force": text("In force", "Gældende"),
        "expired": text("Expired", "Udløbet"),
        "revoked": text("Revoked", "Tilbagekaldt"),
    },
)
ConsentStatus = Annotated[
    Literal["pending", "not_yet_in_force", "in_force", "expired", "revoked"], CONSENT_STATUS
]

VOCABULARIES = by_name(CONSENT_CATEGORY, CONSENT_GIVER_KIND, CONSENT_STATUS)
