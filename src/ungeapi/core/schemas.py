"""A schema's config with its OpenAPI examples, and the parts that examples repeat."""

from __future__ import annotations

from pydantic import ConfigDict, JsonValue
from pydantic.config import JsonDict


def examples(*examples: JsonValue) -> ConfigDict:
    """An answer's config: its OpenAPI examples."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


def strict(*examples: JsonValue) -> ConfigDict:
    """A request body's config: unknown fields are refused (422); its OpenAPI examples."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


def stamps(at: str = "2026-11-23T09:00:00+01:00") -> JsonDict:
    """An example record's version and timestamps: as first written at `at`."""
    return {"version": 1, "created_at": at, "updated_at": at}
