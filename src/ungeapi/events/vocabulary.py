"""The webhooks' vocabularies, with their labels in English and Danish."""

from __future__ import annotations

from typing import Annotated, Literal

from ungeapi.core.messages import text
from ungeapi.core.vocabulary import Vocabulary, by_name

DELIVERY_STATUS = Vocabulary(
    "DeliveryStatus",
    "Where a webhook delivery stands (leveringsstatus): `dead` gave up after 24 hours and can be replayed.",
    {
        "pending": text("Being tried", "Forsøges"),
        "delivered": text("Delivered", "Leveret"),
        "dead": text("Given up", "Opgivet"),
    },
)
DeliveryStatus = Annotated[Literal["pending", "delivered", "dead"], DELIVERY_STATUS]

VOCABULARIES = by_name(DELIVERY_STATUS)
