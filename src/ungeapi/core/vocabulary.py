"""Named vocabularies: the values a field takes, each with a label in Danish and in English.

A domain keeps its vocabularies' descriptions and labels as data in `<domain>/vocabulary.toml`,
which translators and reviewers read without the code, and declares next to its schemas
(`<domain>/vocabulary.py`) the type its fields, rules and queries already use, with the labels
attached:

    # guides/vocabulary.toml
    [GuideState]
    description = "The state of a guide offer (status)."
    [GuideState.labels]
    offered = { en = "Offered", da = "Tilbudt" }

    # guides/vocabulary.py
    VOCABULARIES = load(__name__)
    GuideState = Annotated[Literal["offered", ...], VOCABULARIES["GuideState"]]

A vocabulary of some of another's values (`subset_of`, with its `values`) keeps that one's labels.

The values stay plain strings, so the rules compare them with `==`, SQL writes them as they are
and mypy checks the literals as before; only the spec changes: the type is one named schema
component (`GuideState`) with its labels (`x-enum-descriptions` in English, as client generators
read it, and `x-enum-descriptions-da`), instead of an anonymous enum inlined at every field.
The validators are the bare Literal's: pydantic inlines the definition where a model uses it once,
and a model that uses it more often reaches it by one reference.

The message catalogue renders a value through its vocabulary (`{state:GuideState}` in a text,
core/messages.py), and `GET /v1/vocabularies` hands the same labels to frontends.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Any, get_args

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from ungeapi.core.messages import Language


class Vocabulary:
    """A vocabulary's name (its schema component), what it is, and its values' labels in order."""

    __slots__ = ("description", "labels", "name")

    def __init__(self, name: str, description: str, labels: Mapping[str, Mapping[Language, str]]) -> None:
        self.name = name
        self.description = description
        self.labels: dict[str, Mapping[Language, str]] = dict(labels)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(self.labels)

    def label(self, value: object, lang: Language) -> str:
        """`value`'s label in `lang`; a value outside the vocabulary is shown as it is."""
        entry = self.labels.get(value) if isinstance(value, str) else None
        return entry[lang] if entry else str(value)

    def subset(self, name: str, description: str, values: Iterable[str]) -> Vocabulary:
        """A vocabulary of some of this one's values, with the same labels: e.g. the actions a route
        takes of all the steps a message may name."""
        return Vocabulary(name, description, {value: self.labels[value] for value in values})

    def json_schema(self) -> dict[str, Any]:
        """What the spec says of the vocabulary besides its values."""
        return {
            "title": self.name,
            "description": self.description,
            "x-enum-descriptions": [self.labels[v]["en"] for v in self.labels],
            "x-enum-descriptions-da": [self.labels[v]["da"] for v in self.labels],
        }

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        values = get_args(source)
        if values != self.values:
            # At import time of the schema that uses it: a value without labels never ships.
            raise TypeError(f"{self.name} labels {list(self.values)}, but the type takes {list(values)}")
        # The ref makes it one definition (one schema component) however many fields use it.
        return core_schema.literal_schema(
            list(values), ref=f"{self.name}:vocabulary", metadata={"pydantic_js_updates": self.json_schema()}
        )

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r})"


def load(module: str, *others: Vocabulary) -> dict[str, Vocabulary]:
    """The vocabularies of `module`'s data file (`plans/vocabulary.toml` for `ungeapi.plans.vocabulary`)
    by name, in the file's order; a subset may take its values from one of `others` (another
    domain's). A value without both labels is refused when the module is imported, so it never ships."""
    package, _, leaf = module.rpartition(".")
    data = tomllib.loads(resources.files(package).joinpath(f"{leaf}.toml").read_text(encoding="utf-8"))
    loaded: dict[str, Vocabulary] = {}
    for name, entry in data.items():
        if "subset_of" in entry:
            whole = loaded.get(entry["subset_of"]) or by_name(*others)[entry["subset_of"]]
            loaded[name] = whole.subset(name, entry["description"], entry["values"])
        else:
            loaded[name] = Vocabulary(name, entry["description"], _labels(name, entry["labels"]))
    return loaded


def _labels(name: str, labels: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[Language, str]]:
    checked: dict[str, Mapping[Language, str]] = {}
    for value, label in labels.items():
        if set(label) != {"da", "en"} or not all(label.values()):
            raise ValueError(f"{name}.{value} needs a label in Danish (da) and English (en), and only those")
        checked[value] = {"en": label["en"], "da": label["da"]}
    return checked


def by_name(*vocabularies: Vocabulary) -> dict[str, Vocabulary]:
    """A domain's vocabularies by name, for its message catalogue; a name given twice is refused."""
    named: dict[str, Vocabulary] = {}
    for vocabulary in vocabularies:
        if vocabulary.name in named:
            raise ValueError(f"vocabulary {vocabulary.name} given twice")
        named[vocabulary.name] = vocabulary
    return named
