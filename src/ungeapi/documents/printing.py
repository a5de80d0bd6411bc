"""The printed records' templates (documents/templates): Jinja2 with autoescaping on, so every
text a user typed is escaped and a page cannot carry markup or script from the data; days,
moments and vocabulary values printed in Danish, in the same words as every answer's labels."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, StrictUndefined

from ungeapi.core.vocabulary import Vocabulary

DANISH_TIME = ZoneInfo("Europe/Copenhagen")


def dk_date(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "–"


def dk_time(value: datetime) -> str:
    """A moment in Danish local time, the meeting's own."""
    return value.astimezone(DANISH_TIME).strftime("%d.%m.%Y kl. %H.%M")


_ENV = Environment(
    loader=PackageLoader("ungeapi.documents", "templates"), autoescape=True, undefined=StrictUndefined
)
_ENV.filters.update(dk_date=dk_date, dk_time=dk_time)


def render(template: str, vocabularies: Mapping[str, Vocabulary], **context: Any) -> str:
    """`template` with `context`; `label(value, "Name")` prints a value of `vocabularies`' Name."""

    def label(value: str | None, name: str) -> str:
        return vocabularies[name].label(value, "da") if value else "–"

    return _ENV.get_template(template).render(label=label, **context)
