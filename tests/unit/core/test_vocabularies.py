"""The named vocabularies (core/vocabulary.py): every value labelled in Danish and English, every
vocabulary in the catalogue, its data file's codes its type's, and every enum of the spec one of
them, named and labelled."""

from __future__ import annotations

import fnmatch
import importlib
import pathlib
import pkgutil
import tomllib
import typing
from typing import Annotated, Any, Literal

import pytest
from pydantic import BaseModel, TypeAdapter

import ungeapi
from ungeapi.api.messages import CATALOGUE
from ungeapi.core.messages import text
from ungeapi.core.settings import Settings
from ungeapi.core.vocabulary import Vocabulary, by_name, load
from ungeapi.main import create_app

VOCABULARIES = CATALOGUE.vocabularies


def _modules() -> list[Any]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(ungeapi.__path__, "ungeapi.")
        if not info.name.startswith(("ungeapi.cli", "ungeapi.imports.cli"))
    ]


def _declared() -> dict[str, Vocabulary]:
    """Every vocabulary some module of the API declares or types a field with."""
    found: dict[str, Vocabulary] = {}
    for module in _modules():
        for value in vars(module).values():
            candidates = [value] if isinstance(value, Vocabulary) else []
            if typing.get_origin(value) is Annotated:
                candidates += [m for m in value.__metadata__ if isinstance(m, Vocabulary)]
            for vocabulary in candidates:
                assert found.setdefault(vocabulary.name, vocabulary) is vocabulary, f"two {vocabulary.name}"
    return found


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return create_app(Settings(env="test", jwt_dev_secret="x" * 40)).openapi()


class TestLabels:
    @pytest.mark.parametrize("name", sorted(VOCABULARIES))
    def test_every_value_is_labelled_in_danish_and_english(self, name: str) -> None:
        vocabulary = VOCABULARIES[name]
        assert vocabulary.name == name and vocabulary.description.strip()
        assert len(vocabulary.labels) >= 2
        for value, labels in vocabulary.labels.items():
            assert set(labels) == {"da", "en"}, (name, value)
            assert all(label.strip() == label and label for label in labels.values()), (name, value)
            assert labels["da"][0].isupper() or not labels["da"][0].isalpha(), (name, value)

    def test_every_declared_vocabulary_is_in_the_catalogue(self) -> None:
        declared = _declared()
        assert {"GuideState", "ReferralStep", "ProtectedClass"} <= set(declared)  # the scan sees them
        assert sorted(set(declared) - set(VOCABULARIES)) == [], "add it to its domain's VOCABULARIES"
        assert all(VOCABULARIES[name] is vocabulary for name, vocabulary in declared.items())

    def test_a_subset_keeps_the_labels(self) -> None:
        assert VOCABULARIES["ReferralAction"].labels["submit"] == VOCABULARIES["ReferralStep"].labels["submit"]
        assert set(VOCABULARIES["ProtectedClass"].values) == {"health", "social", "misuse", "crime"}

    def test_a_name_given_twice_is_refused(self) -> None:
        one = Vocabulary("Twice", "One.", {"a": text("A", "Å")})
        with pytest.raises(ValueError, match="Twice"):
            by_name(one, Vocabulary("Twice", "Two.", {"b": text("B", "B")}))


class TestTypes:
    def test_values_stay_plain_strings(self) -> None:
        """Rules compare them with == and SQL writes them as they are."""
        state = TypeAdapter(VOCABULARY_TYPE).validate_python("offered")
        assert type(state) is str and state == "offered"
        with pytest.raises(ValueError, match="literal_error"):
            TypeAdapter(VOCABULARY_TYPE).validate_python("lost")

    def test_a_value_without_labels_is_refused_when_the_schema_is_built(self) -> None:
        short = Vocabulary("Short", "Labels one value of two.", {"a": text("A", "Å")})
        with pytest.raises(TypeError, match="Short"):

            class Refused(BaseModel):
                value: Annotated[Literal["a", "b"], short]

    def test_one_definition_however_many_fields_use_it(self) -> None:
        class Two(BaseModel):
            now: VOCABULARY_TYPE
            before: VOCABULARY_TYPE | None = None
            history: list[VOCABULARY_TYPE] = []

        schema = Two.model_json_schema()
        assert list(schema["$defs"]) == ["GuideState"]
        assert schema["properties"]["now"] == {"$ref": "#/$defs/GuideState"}


VOCABULARY_TYPE = Annotated[
    Literal["offered", "accepted", "declined", "active", "ended"], VOCABULARIES["GuideState"]
]


def _enums(node: Any, path: str = "") -> list[str]:
    """Where the spec has an enum."""
    if isinstance(node, dict):
        own = [path] if "enum" in node else []
        return own + [p for key, child in node.items() for p in _enums(child, f"{path}/{key}")]
    if isinstance(node, list):
        return [p for i, child in enumerate(node) for p in _enums(child, f"{path}/{i}")]
    return []


class TestSpec:
    def test_every_enum_is_a_named_vocabulary(self, spec) -> None:
        named = {f"/components/schemas/{name}" for name in VOCABULARIES}
        inline = sorted(set(_enums(spec)) - named)
        assert inline == [], "type these fields with a vocabulary (core/vocabulary.py)"
        assert len(set(_enums(spec))) >= 40

    def test_each_component_carries_its_labels(self, spec) -> None:
        schemas = spec["components"]["schemas"]
        components = [name for name in VOCABULARIES if name in schemas]
        assert "GuideState" in components
        for name in components:
            component, vocabulary = schemas[name], VOCABULARIES[name]
            assert component["enum"] == list(vocabulary.values) and component["title"] == name
            assert component["x-enum-descriptions"] == [vocabulary.labels[v]["en"] for v in vocabulary.values]
            assert component["x-enum-descriptions-da"] == [vocabulary.labels[v]["da"] for v in vocabulary.values]


def _typed() -> list[tuple[str, str, tuple[Any, ...], Vocabulary]]:
    """Every vocabulary type of a domain's vocabulary.py: (module, alias, its codes, its vocabulary)."""
    typed = []
    for module in _modules():
        if not module.__name__.endswith(".vocabulary") or module.__name__ == "ungeapi.core.vocabulary":
            continue
        for alias, value in vars(module).items():
            if typing.get_origin(value) is Annotated:
                (vocabulary,) = [m for m in value.__metadata__ if isinstance(m, Vocabulary)]
                typed.append((module.__name__, alias, typing.get_args(typing.get_args(value)[0]), vocabulary))
    return typed


class TestDataFiles:
    """The labels are data (`<domain>/vocabulary.toml`); the codes mypy checks are the Literals of
    vocabulary.py. The two must name the same codes, in the same order."""

    def test_every_literal_has_the_data_files_codes_and_no_other(self) -> None:
        typed = _typed()
        assert len(typed) >= 40
        for module, alias, codes, vocabulary in typed:
            assert sorted(set(codes) - set(vocabulary.values)) == [], f"{module}.{alias}: no labels for these"
            assert sorted(set(vocabulary.values) - set(codes)) == [], f"{module}.{alias}: the type lacks these"
            assert codes == vocabulary.values, f"{module}.{alias}: the order differs from the data file's"

    def test_every_vocabulary_of_a_data_file_has_a_type(self) -> None:
        typed = {vocabulary.name for _, _, _, vocabulary in _typed()}
        assert sorted(set(VOCABULARIES) - typed) == []

    def test_a_label_without_danish_is_refused_at_import(self, tmp_path, monkeypatch) -> None:
        (tmp_path / "halfway").mkdir()
        (tmp_path / "halfway" / "__init__.py").write_text("")
        (tmp_path / "halfway" / "vocabulary.toml").write_text(
            '[Half]\ndescription = "Labels one value in English only."\n\n'
            '[Half.labels]\nyes = { en = "Yes", da = "Ja" }\nno = { en = "No" }\n'
        )
        monkeypatch.syspath_prepend(str(tmp_path))
        with pytest.raises(ValueError, match=r"Half\.no"):
            load("halfway.vocabulary")

    def test_the_wheel_ships_every_data_file(self) -> None:
        root = pathlib.Path(ungeapi.__file__).parent
        patterns = tomllib.loads((root.parents[1] / "pyproject.toml").read_text())["tool"]["setuptools"][
            "package-data"
        ]["ungeapi"]
        files = [path.relative_to(root).as_posix() for path in root.glob("*/vocabulary.toml")]
        assert len(files) >= 17
        assert [f for f in files if not any(fnmatch.fnmatch(f, p) for p in patterns)] == []
