"""`GET /v1/vocabularies`: every vocabulary of the API, its values and their labels in Danish and
English, so a frontend shows "Tilbudt" for `offered` without a label map of its own.

The vocabularies are the message catalogue's (each domain's `vocabulary.py`, merged in
api/messages.py); they hold no personal data, so any authenticated caller reads them and no audit
row is written. The answer is made once, when the app is built; its ETag and the 304 to a client
that sends it back in If-None-Match are the request layer's, as for every single resource
(core/conditional.py).
"""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Response
from pydantic import BaseModel, Field

from ungeapi.api.messages import CATALOGUE
from ungeapi.core.messages import Labelled
from ungeapi.core.openapi import problems
from ungeapi.core.permissions import authenticated
from ungeapi.core.schemas import answer_config
from ungeapi.core.security import Principal

router = APIRouter(prefix="/v1/vocabularies", tags=["vocabularies"])


class Labels(BaseModel):
    da: str = Field(description="The label in Danish (dansk).")
    en: str = Field(description="The label in English (engelsk).")


class VocabularyValue(BaseModel):
    value: str = Field(description="The value as the API sends and takes it (værdi).")
    labels: Labels = Field(description="What to show for it (visningstekst).")


class VocabularyRead(BaseModel):
    name: str = Field(description="The vocabulary's name, as its schema component in the spec (navn).")
    description: str = Field(description="What the vocabulary is, in English (beskrivelse).")
    values: list[VocabularyValue] = Field(description="Its values in their order (værdier).")


def _read(vocabulary: Labelled) -> VocabularyRead:
    return VocabularyRead(
        name=vocabulary.name,
        description=vocabulary.description,
        values=[
            VocabularyValue(value=value, labels=Labels(da=labels["da"], en=labels["en"]))
            for value, labels in vocabulary.labels.items()
        ],
    )


class Vocabularies(BaseModel):
    """Every vocabulary of the API, by name (værdilister)."""

    model_config = answer_config({"vocabularies": [_read(CATALOGUE.vocabularies["GuideState"]).model_dump()]})

    vocabularies: list[VocabularyRead] = Field(description="The vocabularies, by name (værdilister).")


_ANSWER = Vocabularies(
    vocabularies=[_read(CATALOGUE.vocabularies[name]) for name in sorted(CATALOGUE.vocabularies)]
)
_BODY = json.dumps(_ANSWER.model_dump(), ensure_ascii=False, separators=(",", ":")).encode()
# Revalidated at most hourly: the labels change only with a release of the API.
_HEADERS = {"Cache-Control": "private, max-age=3600"}


@router.get(
    "",
    response_model=Vocabularies,
    responses={304: {"description": "Not modified: your copy (If-None-Match) is current"}, **problems(401)},
)
async def list_vocabularies(_caller: Annotated[Principal, Depends(authenticated)]) -> Response:
    """Every vocabulary with its values' Danish and English labels (værdilister); not audited."""
    return Response(_BODY, media_type="application/json", headers=_HEADERS)
