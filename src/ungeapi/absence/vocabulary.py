"""The school absence's vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

ABSENCE_LEVEL = Vocabulary(
    "AbsenceLevel",
    "R22/R23: unlawful absence against the municipality's shares (fraværsniveau): `warning` at or "
    "over the warning share, `notification` at or over the notification share.",
    {
        "none": text("Below the thresholds", "Under grænserne"),
        "warning": text("Warning to the parents", "Advarsel til forældrene"),
        "notification": text("Notification of the municipality", "Underretning af kommunen"),
    },
)
AbsenceLevel = Annotated[Literal["none", "warning", "notification"], ABSENCE_LEVEL]

VOCABULARIES = by_name(ABSENCE_LEVEL)
