"""The obligations' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

RESOLUTION_REASON = Vocabulary(
    "ResolutionReason",
    "Why an obligation was resolved without being done here (begrundelse, §8.2).",
    {
        "not_applicable": text("Not applicable", "Ikke relevant"),
        "done_elsewhere": text("Done elsewhere", "Løst andetsteds"),
        "youth_declined": text("The youth declined", "Den unge har takket nej"),
        "moved_away": text("Moved away", "Fraflyttet"),
    },
)
ResolutionReason = Annotated[
    Literal["not_applicable", "done_elsewhere", "youth_declined", "moved_away"], RESOLUTION_REASON
]

VOCABULARIES = by_name(RESOLUTION_REASON)
