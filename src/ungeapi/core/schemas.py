"""A schema's config with its OpenAPI examples, the parts that examples repeat, and an answer read
from a stored row."""

from __future__ import annotations

from collections.abc import Callable, Collection
from functools import cache
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, JsonValue
from pydantic.config import JsonDict

from ungeapi.core.reads import Row

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def answer_config(*examples: JsonValue) -> ConfigDict:
    """The config of what the API answers: its OpenAPI examples."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


def input_config(*examples: JsonValue) -> ConfigDict:
    """The config of what a request sends: unknown fields are refused (422); its OpenAPI examples."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": list(examples)})


def stamps(at: str = "2026-11-23T09:00:00+01:00") -> JsonDict:
    """An example record's version and timestamps: as first written at `at`."""
    return {"version": 1, "created_at": at, "updated_at": at}


@cache
def _columns(schema: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `schema` that a stored row holds: all but its `answer_only` ones."""
    answer_only: frozenset[str] = getattr(schema, "answer_only", frozenset())
    return tuple(name for name in schema.model_fields if name not in answer_only)


class _Reader:
    """How `from_row` reads one schema from one caller's rows: the fields taken from columns, and
    getters of those columns from a read's record (by key) and from an ORM object (by attribute)."""

    __slots__ = ("by_attribute", "by_key", "fields", "validate")

    def __init__(self, schema: type[BaseModel], prefix: str, derived: tuple[str, ...]) -> None:
        self.fields = tuple(name for name in _columns(schema) if name not in derived)
        # What Schema(**fields) and model_validate run, without their wrappers' own work.
        self.validate = schema.__pydantic_validator__.validate_python
        columns = [prefix + name for name in self.fields]
        self.by_key = _as_tuple(itemgetter, columns)
        self.by_attribute = _as_tuple(attrgetter, columns)


_READERS: dict[tuple[Any, ...], _Reader] = {}


def _as_tuple(
    getter: Callable[..., Callable[[Any], Any]], columns: list[str]
) -> Callable[[Any], tuple[Any, ...]]:
    """`getter(*columns)`, always answering a tuple (the getters answer one column bare)."""
    if len(columns) > 1:
        return getter(*columns)
    if not columns:
        return lambda _: ()
    one = getter(columns[0])
    return lambda r: (one(r),)


def from_row(schema: type[M], row: Any, /, *, prefix: str = "", **derived: Any) -> M:
    """`schema` answered from `row` (an ORM object or a read's Row): every field not in `derived`
    is the row's column of the same name (after `prefix`, for a part stored in the row's own
    columns, such as `guide_sub`, `guide_name`), so a domain's `to_read` spells only what it
    derives. How to read each caller's shape is worked out once."""
    key = (schema, prefix, *derived) if derived else (schema, prefix)
    reader = _READERS.get(key)
    if reader is None:
        reader = _READERS[key] = _Reader(schema, prefix, tuple(derived))
    values = row.picked(reader.by_key) if isinstance(row, Row) else reader.by_attribute(row)
    fields = dict(zip(reader.fields, values, strict=True))
    if derived:
        fields.update(derived)
    answer: M = reader.validate(fields)
    return answer


def named_in(kind: type[M], row: Any, prefix: str) -> M | None:
    """The person `row` may name in its columns `<prefix>sub` and `<prefix>name` (by their id
    where no name was kept), or None where it names none."""
    sub = getattr(row, prefix + "sub")
    return kind(sub=sub, name=getattr(row, prefix + "name") or sub) if sub else None


def as_columns(part: BaseModel, prefix: str = "") -> dict[str, Any]:
    """A part of a request stored in its row's own columns, each named `prefix` and the field's
    name: `from_row(..., prefix=)` reads it back."""
    return {prefix + name: getattr(part, name) for name in type(part).model_fields}


def to_row(model: type[T], data: BaseModel, /, *, leave: Collection[str] = (), **derived: Any) -> T:
    """A new `model` row from a request's `data`: every field sent is stored under its own name,
    but those in `leave` (no column of that name) and those in `derived`, the values a domain
    works out; a field without a column that is not left out fails at once (TypeError)."""
    sent = {name: getattr(data, name) for name in type(data).model_fields if name not in derived}
    for name in leave:
        sent.pop(name, None)
    return model(**sent, **derived)
