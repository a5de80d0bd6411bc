"""Every request and response body in the spec carries an example that fits its schema, so
Swagger UI's "try it out" works as is. New resources must add examples to pass."""

from __future__ import annotations

import re
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from ungeapi.cli import build_openapi

REF = "#/components/schemas/"
CPR_SHAPED = re.compile(r"\b\d{6}-?\d{4}\b")
# The synthetic CPR numbers of the examples and tests: 1 January birthdays, serials 4000-4999.
SYNTHETIC_CPR = re.compile(r"^0101\d\d-?4\d{3}$")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    return build_openapi()


def bodies(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any], dict[str, Any]]]:
    """(where, media type object, schema) for every request body and response body."""
    found = []
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            for media_type, media in operation.get("requestBody", {}).get("content", {}).items():
                found.append((f"{method} {path} request {media_type}", media, media.get("schema", {})))
            for status, response in operation["responses"].items():
                for media_type, media in response.get("content", {}).items():
                    found.append((f"{method} {path} {status} {media_type}", media, media.get("schema", {})))
    return found


def component(spec: dict[str, Any], schema: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """The component a body schema names: `{"$ref": ...}`, or an optional body's
    `{"anyOf": [{"$ref": ...}, {"type": "null"}]}`."""
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        schema = branches[0]
    ref = schema.get("$ref", "")
    if ref.startswith(REF):
        name = ref.removeprefix(REF)
        return name, spec["components"]["schemas"][name]
    return None


def examples_of(media: dict[str, Any], schema: dict[str, Any]) -> list[Any]:
    found = list(schema.get("examples", []))
    if "example" in schema:
        found.append(schema["example"])
    if "example" in media:
        found.append(media["example"])
    found += [e.get("value") for e in media.get("examples", {}).values()]
    return found


def validator(spec: dict[str, Any], schema: dict[str, Any]) -> Draft202012Validator:
    # The schema as the root of a document holding the components, so "$ref"s resolve.
    root = {**schema, "components": spec["components"]}
    return Draft202012Validator(root, format_checker=FormatChecker())


def test_every_body_schema_has_an_example(spec) -> None:
    missing = []
    for where, media, schema in bodies(spec):
        named = component(spec, schema)
        if named is not None:
            name, target = named
            if not (target.get("examples") or "example" in target):
                missing.append(f"{name} (used by {where})")
        elif not examples_of(media, schema):
            missing.append(where)
    assert sorted(set(missing)) == [], "give these an example (json_schema_extra examples)"


def test_every_example_fits_its_schema(spec) -> None:
    checked = 0
    for where, media, schema in bodies(spec):
        named = component(spec, schema)
        target = named[1] if named else schema
        for example in examples_of(media, target):
            errors = [e.message for e in validator(spec, target).iter_errors(example)]
            assert errors == [], f"{where}: {errors}"
            checked += 1
    assert checked > 0


def test_component_examples_fit_their_schemas(spec) -> None:
    for name, schema in spec["components"]["schemas"].items():
        for example in schema.get("examples", []):
            errors = [e.message for e in validator(spec, schema).iter_errors(example)]
            assert errors == [], f"{name}: {errors}"


def test_lists_and_problems_have_examples(spec) -> None:
    schemas = spec["components"]["schemas"]
    pages = [name for name, schema in schemas.items() if set(schema.get("properties", {})) == {"items", "next_cursor"}]
    assert pages
    for name in [*pages, "ProblemDetails"]:
        assert schemas[name].get("examples"), name


def test_errors_are_documented_as_problem_json(spec) -> None:
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for where, media, _ in bodies(spec):
        _, path, status, media_type = where.split()
        if path.startswith("/v1") and status.isdigit() and int(status) >= 400:
            assert media_type == "application/problem+json", where
            assert media["example"]["status"] == int(status), where


def test_examples_use_synthetic_cpr_numbers_only(spec) -> None:
    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            for cpr in CPR_SHAPED.findall(value):
                assert SYNTHETIC_CPR.match(cpr), f"{cpr} in an example looks like a real person's"

    for _, media, schema in bodies(spec):
        walk(examples_of(media, schema))
    for schema in spec["components"]["schemas"].values():
        walk(schema.get("examples", []))
