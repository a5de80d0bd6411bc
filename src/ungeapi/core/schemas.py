"""A schema's config with its OpenAPI examples, and the parts that examples repeat."""

from __future__ import annotations

from pydantic import ConfigDict, JsonValue
from pydantic.config import JsonDict


def answer_config(*examples: JsonValue) -> ConfigDict:
    """The config of what the API answers: its OpenAPI examples."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


def input_config(*examples: JsonValue) -> ConfigDict:
    """The config of what a request sends: unknown fields are refused (422); its OpenAPI examples."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


def stamps(at: str = "2026-11-23T09:00:00+01:00") -> JsonDict:
    """An example record's version and timestamps: as first written at `at`."""
    return {"version": 1, "created_at": at, "updated_at": at}
