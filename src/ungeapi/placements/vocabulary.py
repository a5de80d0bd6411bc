"""The placements' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

AFTERCARE_OUTCOME = Vocabulary(
    "AftercareOutcome",
    "The outcome of a decision on support after 18 (afgørelse om ungestøtte).",
    {
        "granted": text("Granted", "Bevilget"),
        "refused": text("Refused", "Afslag"),
        "declined_by_youth": text("Declined by the youth", "Den unge har takket nej"),
    },
)
AftercareOutcome = Annotated[Literal["granted", "refused", "declined_by_youth"], AFTERCARE_OUTCOME]

VOCABULARIES = by_name(AFTERCARE_OUTCOME)
