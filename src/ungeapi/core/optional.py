"""The fields a request may leave out, as most schemas declare them: the call says only what differs
(`name: str | None = optional.text(200, "The sender's name (navn).")`). Each is the plain pydantic
Field, so the spec says what it said when the schemas spelled it out."""

from __future__ import annotations

from typing import Any

from pydantic import Field


def value(description: str) -> Any:
    """A field a request may leave out: null (None) then."""
    return Field(default=None, description=description)


def text(max_length: int, description: str) -> Any:
    """A text a request may leave out (null then), of at most `max_length` characters."""
    return Field(default=None, max_length=max_length, description=description)


def many(max_length: int, description: str) -> Any:
    """A list or mapping a request may leave out (null then: a change keeps what is stored), of at
    most `max_length` items."""
    return Field(default=None, max_length=max_length, description=description)


def listed(max_length: int, description: str) -> Any:
    """A list a request may leave out (empty then), of at most `max_length` items."""
    return Field(default_factory=list, max_length=max_length, description=description)
