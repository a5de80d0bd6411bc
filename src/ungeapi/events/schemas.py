from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field, HttpUrl
from pydantic.config import JsonDict

from ungeapi.core import optional
from ungeapi.core.fields import Created, LastChanged, MunicipalityCode, Version
from ungeapi.core.schemas import answer_config, input_config, stamps
from ungeapi.events.vocabulary import DeliveryStatus as DeliveryStatus

EVENT_EXAMPLE: JsonDict = {
    "id": 4711,
    "type": "youth.updated",
    "resource_type": "youth",
    "resource_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "youth_id": "0b7c6f1e-3f39-4c55-9d1a-6f1f0d1c2a10",
    "action": "updated",
    "version": 2,
    "occurred_at": "2026-11-23T09:00:00+01:00",
    "municipality_code": "860",
}
FEED_CURSOR_EXAMPLE = "WzEyMzQ1LDQ3MTFd"


class EventRead(BaseModel):
    """One committed change (ændring): ids and versions only, never personal data."""

    model_config = answer_config({**EVENT_EXAMPLE, "cursor": FEED_CURSOR_EXAMPLE})

    id: int = Field(description="The event's id (hændelses-id); also X-Ungeapi-Event-Id in webhooks.")
    type: str = Field(description="`<resource_type>.<action>`, e.g. `youth.created` (hændelsestype).")
    resource_type: str = Field(
        description="The kind of resource that changed, e.g. `youth`, `case` (ressource)."
    )
    resource_id: str = Field(description="The changed resource's id (ressource-id).")
    youth_id: uuid.UUID | None = Field(description="The youth the resource belongs to, if any (den unge).")
    action: str = Field(description="created, updated, state_changed, archived or deleted (handling).")
    version: int | None = Field(description="The resource's version after the change (version).")
    occurred_at: datetime = Field(description="When the change was made (tidspunkt).")
    municipality_code: MunicipalityCode
    cursor: str = Field(description="Pass as `after` to continue right after this event (markør).")


class EventPage(BaseModel):
    model_config = answer_config(
        {
            "items": [{**EVENT_EXAMPLE, "cursor": FEED_CURSOR_EXAMPLE}],
            "next_cursor": FEED_CURSOR_EXAMPLE,
            "has_more": False,
        }
    )

    items: list[EventRead] = Field(description="Events in commit order (hændelser).")
    next_cursor: str | None = Field(
        description="Store it and pass it as `after` next time; it is the `after` you sent when "
        "nothing new has been committed, null only before the first event (næste markør)."
    )
    has_more: bool = Field(description="More events are ready now; ask again at once (flere).")


EventTypePattern = Annotated[
    str,
    Field(
        max_length=100,
        pattern=r"^(\*|[a-z_]+\.(\*|[a-z_]+))$",
        description="`youth.created`, `youth.*` or `*` (hændelsestype).",
    ),
]

WEBHOOK_EXAMPLE: JsonDict = {
    "url": "https://journal.kommune.dk/ungeapi/hooks",
    "event_types": ["youth.*", "case.created"],
    "description": "Journalsystemets synkronisering",
}


class WebhookCreate(BaseModel):
    model_config = input_config(WEBHOOK_EXAMPLE)

    url: HttpUrl = Field(description="Where deliveries are POSTed (modtager-URL).")
    event_types: list[EventTypePattern] = optional.listed(50, "Event types to receive; empty means all.")
    description: str | None = optional.text(500, "What it is for (beskrivelse).")


class WebhookUpdate(BaseModel):
    model_config = input_config({"active": False})

    url: HttpUrl | None = optional.value("Where deliveries are POSTed (modtager-URL).")
    event_types: list[EventTypePattern] | None = optional.many(50, "Event types to receive; empty means all.")
    description: str | None = optional.text(500, "What it is for (beskrivelse).")
    active: bool | None = optional.value("Inactive subscriptions get no new deliveries (aktiv).")


WEBHOOK_READ_EXAMPLE: JsonDict = {
    **WEBHOOK_EXAMPLE,
    "id": "5b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "municipality_code": "860",
    "active": True,
    **stamps(),
}


class WebhookRead(BaseModel):
    model_config = answer_config(WEBHOOK_READ_EXAMPLE)

    id: uuid.UUID = Field(description="The subscription's id (abonnement).")
    municipality_code: MunicipalityCode
    url: str = Field(description="Where deliveries are POSTed (modtager-URL).")
    event_types: list[str] = Field(description="Event types received; empty means all (hændelsestyper).")
    description: str | None = Field(description="What it is for (beskrivelse).")
    active: bool = Field(description="Receives new deliveries (aktiv).")
    version: Version
    created_at: Created
    updated_at: LastChanged


class WebhookCreated(WebhookRead):
    model_config = answer_config(
        {**WEBHOOK_READ_EXAMPLE, "secret": "whsec_3q2-7wEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE"}
    )

    secret: str = Field(
        description="The signing secret (hemmelighed). Shown only in this answer: store it now."
    )


class DeliveryRead(BaseModel):
    model_config = answer_config(
        {
            "id": 90210,
            "event_id": 4711,
            "event_type": "youth.updated",
            "status": "dead",
            "attempts": 31,
            "replays": 0,
            "next_attempt_at": "2026-11-24T09:00:10+01:00",
            "last_attempt_at": "2026-11-24T09:00:10+01:00",
            "last_status_code": 503,
            "last_error": "HTTP 503",
            "delivered_at": None,
            "created_at": "2026-11-23T09:00:00+01:00",
        }
    )

    id: int = Field(description="The delivery's id (levering).")
    event_id: int = Field(description="The event delivered (hændelses-id).")
    event_type: str = Field(description="The event's type (hændelsestype).")
    status: DeliveryStatus = Field(
        description="pending (being tried), delivered, or dead (gave up after 24 h; replay it) (status)."
    )
    attempts: int = Field(description="Attempts so far (forsøg).")
    replays: int = Field(description="Times replayed by hand (gensendt).")
    next_attempt_at: datetime = Field(description="When it is tried next, while pending (næste forsøg).")
    last_attempt_at: datetime | None = Field(description="The last attempt (seneste forsøg).")
    last_status_code: int | None = Field(description="The receiver's last HTTP status (svarkode).")
    last_error: str | None = Field(description="Why the last attempt failed (fejl).")
    delivered_at: datetime | None = Field(description="When it was delivered (leveret).")
    created_at: Created
