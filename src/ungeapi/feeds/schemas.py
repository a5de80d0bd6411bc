"""Calendar feed tokens (kalender-tokens) as the API takes and answers them."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, Field
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created
from ungeapi.core.schemas import answer_config, input_config
from ungeapi.feeds.rules import DEFAULT_DAYS, MAX_DAYS

_READ_EXAMPLE: JsonDict = {
    "id": "7d3f2b1a-5c4e-4f6a-9b8c-0d1e2f3a4b5c",
    "sub": "teamleder-hanne",
    "name": "Teamleder Hanne",
    "label": "Outlook på arbejdet",
    "created_at": "2026-11-23T09:00:00+01:00",
    "expires_at": "2027-11-23T09:00:00+01:00",
    "last_used_at": None,
}
_TOKEN_EXAMPLE = "ugf_860_" + "3f" * 32


class FeedTokenCreate(BaseModel):
    model_config = input_config({"label": "Outlook på arbejdet", "valid_days": 365})

    label: str | None = optional.text(100, "What the token is for, to tell it apart (betegnelse).")
    valid_days: int = Field(
        default=DEFAULT_DAYS, ge=1, le=MAX_DAYS, description="Days until it expires (gyldighed i dage)."
    )


class FeedTokenRead(BaseModel):
    """A calendar feed token (kalender-token); the token itself is shown once, when it is made."""

    model_config = answer_config(_READ_EXAMPLE)

    id: uuid.UUID = Field(description="The token's id (kalender-tokenets id).")
    sub: str = Field(description="Whose it is: their user id (ejer, bruger-id).")
    name: str = Field(description="Whose it is: their name (ejer).")
    label: str | None = Field(description="What it is for (betegnelse).")
    created_at: Created
    expires_at: datetime = Field(description="When it stops opening the feed (udløber).")
    last_used_at: datetime | None = Field(
        description="When a calendar last read the feed with it (senest brugt)."
    )


class FeedTokenCreated(FeedTokenRead):
    """The new token, with the token and the feed's URL: shown this once, never again."""

    model_config = answer_config(
        {**_READ_EXAMPLE, "token": _TOKEN_EXAMPLE, "feed_url": f"/v1/meetings.ics?token={_TOKEN_EXAMPLE}"}
    )

    token: str = Field(description="The token (kalender-token); keep it like a password.")
    feed_url: str = Field(
        description="The feed's path with the token, for the calendar's subscription (abonnements-URL); "
        "prefix it with the API's address."
    )
