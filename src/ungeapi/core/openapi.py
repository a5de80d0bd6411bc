"""The spec integrators generate their clients from: the problem+json schema and the
`responses=` declarations every route uses, the operationIds, and the finishing touches that
say what the service really sends and expects (bearer token, `X-Purpose`, problem+json)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field
from starlette.routing import BaseRoute

from ungeapi.core.context import MAX_PURPOSE_LENGTH
from ungeapi.core.errors import PROBLEM_JSON
from ungeapi.core.messages import CATALOGUE
from ungeapi.core.permissions import authenticated


class ProblemFieldError(BaseModel):
    loc: list[str | int] = Field(
        description="Where the error is: body, query or header, then the field path."
    )
    code: str = Field(description="Stable error code, e.g. `cpr.date` or `missing`.")
    message: str = Field(description="Message in the request's language (besked).")


class ProblemDetails(BaseModel):
    """RFC 9457 problem details (fejlbeskrivelse)."""

    model_config = ConfigDict(json_schema_extra=lambda schema: schema.update(examples=[problem_example(422)]))

    type: str = Field(description="URI naming the problem type.")
    title: str = Field(description="Short summary in the request's language (titel).")
    status: int = Field(description="HTTP status code.")
    detail: str = Field(description="Explanation in the request's language (forklaring).")
    code: str = Field(description="Stable machine-readable code, e.g. `youth.cpr_exists`.")
    errors: list[ProblemFieldError] | None = Field(default=None, description="Field errors (feltfejl).")
    request_id: str | None = Field(default=None, description="The request id, also in X-Request-ID.")


_DESCRIPTIONS = {
    400: "Bad request (malformed JSON or cursor)",
    401: "Missing or invalid bearer token",
    403: "The token's roles do not allow this",
    404: "Not found, or outside the caller's scope",
    406: "Accept names no format this answers in",
    409: "Conflict with the current state",
    412: "If-Match does not match the current version",
    413: "Request body too large",
    415: "Unsupported body type",
    422: "Validation error or broken rule",
    428: "If-Match header missing",
    503: "Database unavailable",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {
        status: {
            "description": _DESCRIPTIONS[status],
            "model": ProblemDetails,
            "content": {PROBLEM_JSON: {}},
        }
        for status in statuses
    }


# The code each status is illustrated with in the spec, and the parameters its detail needs.
_EXAMPLE_CODES: dict[int, tuple[str, dict[str, object]]] = {
    400: ("request.malformed_json", {}),
    401: ("auth.missing_token", {}),
    403: ("auth.forbidden", {}),
    404: ("request.not_found", {}),
    406: ("request.not_acceptable", {}),
    409: ("service.conflict", {}),
    412: ("precondition.failed", {"current": 4}),
    413: ("request.too_large", {"limit": 1_048_576}),
    415: ("request.unsupported_media_type", {}),
    422: ("request.validation", {}),
    428: ("precondition.required", {}),
    503: ("service.unavailable", {}),
}
_EXAMPLE_REQUEST_ID = "5f0c9a7e2b1d4c8e9a3f6b2d1e0c7a94"


def problem_example(status: int) -> dict[str, Any]:
    """A problem+json body for `status`, in English, from the message catalogue."""
    code, params = _EXAMPLE_CODES.get(status, ("internal", {}))
    title, detail = CATALOGUE.problem_text(code, "en", params)
    example: dict[str, Any] = {
        "type": f"https://ungeapi.dk/problems/{code}",
        "title": title,
        "status": status,
        "detail": detail,
        "code": code,
    }
    if code == "request.validation":
        example["errors"] = [
            {"loc": ["body", "family_name"], "code": "missing", "message": "This field is required."}
        ]
    example["request_id"] = _EXAMPLE_REQUEST_ID
    return example


_REF_PREFIX = "#/components/schemas/"
_PROBLEM_REF = {"$ref": _REF_PREFIX + "ProblemDetails"}
# FastAPI's own 422 shape, which this service never sends: it answers problem+json instead.
_FASTAPI_VALIDATION = ("HTTPValidationError", "ValidationError")


def operation_ids(overrides: Mapping[str, str]) -> Callable[[APIRoute], str]:
    """A `generate_unique_id_function` naming each operation `verbNoun`, in camelCase, after its
    endpoint function (`list_youth` -> `listYouth`), or as `overrides` says for its
    "METHOD /path" where the function's name reads badly or is not unique. Generated clients
    name their methods after these, so they must not follow the paths or the module layout."""

    def operation_id(route: APIRoute) -> str:
        override = overrides.get(f"{min(route.methods or ['GET'])} {route.path_format}")
        if override is not None:
            return override
        first, *rest = route.name.split("_")
        return first + "".join(word.capitalize() for word in rest)

    return operation_id


BEARER = "bearerAuth"
_BEARER_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "bearerFormat": "JWT",
    "description": "A JWT from the municipality's identity provider (in development: `ungeapi token`).",
}

# Dependencies that take, besides the bearer token, a credential of their own (a calendar's feed
# token): the operations that depend on one accept either.
_ALTERNATIVE_SCHEMES: dict[Callable[..., Any], tuple[str, dict[str, Any]]] = {}


def declare_alternative_scheme(dependency: Callable[..., Any], name: str, scheme: dict[str, Any]) -> None:
    """Documents that an operation depending on `dependency` takes the bearer token or the
    security scheme `scheme` (named `name` in components.securitySchemes)."""
    _ALTERNATIVE_SCHEMES[dependency] = (name, scheme)


# Dependencies that take a credential of their own instead of the employees' bearer token (a
# citizen's token, core/citizen.py): the operations that depend on one require only that.
_OWN_SCHEMES: dict[Callable[..., Any], tuple[str, dict[str, Any]]] = {}


def declare_own_scheme(dependency: Callable[..., Any], name: str, scheme: dict[str, Any]) -> None:
    """Documents that an operation depending on `dependency` requires the security scheme
    `scheme` (named `name` in components.securitySchemes), and not the employees' token."""
    _OWN_SCHEMES[dependency] = (name, scheme)


# The audit purpose each `Call` dependency (core/http.py) records when the caller names none.
_PURPOSES: dict[Callable[..., Any], str] = {}


def declare_purpose(dependency: Callable[..., Any], purpose: str) -> None:
    """Documents `X-Purpose`, with `purpose` as what the audit log gets without it, on every
    operation that depends on `dependency`. The header is read from the request itself
    (core/context.py), not declared as a FastAPI parameter: that would be one more value to
    extract and validate on every request, for the spec's sake alone."""
    _PURPOSES[dependency] = purpose


def _purpose_parameter(default: str) -> dict[str, Any]:
    description = (
        f"Why you read or write (formål), recorded in the audit log with the call; `{default}` when "
        f"not sent. Up to {MAX_PURPOSE_LENGTH} characters are kept; never put a CPR number in it "
        "(anything shaped like one is stored as `[cpr]`)."
    )
    return {
        "name": "X-Purpose",
        "in": "header",
        "required": False,
        "schema": {"type": "string", "title": "X-Purpose", "description": description},
        "description": description,
        "example": "journal-sync",
    }


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for dependency in dependant.dependencies:
        if dependency.call is not None:
            yield dependency.call
        yield from _calls(dependency)


def _canonical_header(name: str) -> str:
    """`if-match` as `If-Match`: header names are case-insensitive, and clients show them as written."""
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def finish_spec(spec: dict[str, Any], routes: Iterable[BaseRoute] = ()) -> dict[str, Any]:
    """Makes the spec say what the service really sends and expects.

    Every operation that verifies the bearer token (it depends on `authenticated`, at any depth)
    requires the `bearerAuth` scheme, so Swagger UI has an Authorize button and generated
    clients send the token; every operation with a `Call` documents `X-Purpose`. Header
    parameters are named as written in the documentation (`If-Match`, `Idempotency-Key`).

    FastAPI files a route's `responses=problems(...)` under application/json and adds its own
    HTTPValidationError 422 to routes with parameters; the service answers
    application/problem+json with ProblemDetails for both. Each error response gets an example
    for its status, so Swagger UI shows a realistic body.
    """
    paths = spec.get("paths", {})
    secured = False
    for route in routes:
        if not isinstance(route, APIRoute) or not route.include_in_schema:
            continue
        calls = list(_calls(route.dependant))
        purposes = [_PURPOSES[call] for call in calls if call in _PURPOSES]
        for method in route.methods or ():
            operation = paths[route.path_format][method.lower()]
            alternatives = [_ALTERNATIVE_SCHEMES[call] for call in calls if call in _ALTERNATIVE_SCHEMES]
            own = [_OWN_SCHEMES[call] for call in calls if call in _OWN_SCHEMES]
            if own:
                operation["security"] = [{name: []} for name, _ in dict(own).items()]
                spec.setdefault("components", {}).setdefault("securitySchemes", {}).update(dict(own))
            elif authenticated in calls or alternatives:
                operation["security"] = [{BEARER: []}, *({name: []} for name, _ in alternatives)]
                secured = True
                schemes = spec.setdefault("components", {}).setdefault("securitySchemes", {})
                schemes.update(dict(alternatives))
            if purposes:
                operation.setdefault("parameters", []).append(_purpose_parameter(purposes[0]))
    if secured:
        spec.setdefault("components", {}).setdefault("securitySchemes", {})[BEARER] = _BEARER_SCHEME
    for operations in paths.values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "header":
                    parameter["name"] = _canonical_header(parameter["name"])
            for status, response in operation.get("responses", {}).items():
                _untitle_inline(response)
                if not status.isdigit() or int(status) < 400:
                    continue
                refs = {
                    media.get("schema", {}).get("$ref", "").removeprefix(_REF_PREFIX)
                    for media in response.get("content", {}).values()
                }
                if not refs & {"ProblemDetails", *_FASTAPI_VALIDATION}:
                    continue
                if int(status) in _DESCRIPTIONS and response.get("description") == "Validation Error":
                    response["description"] = _DESCRIPTIONS[int(status)]
                response["content"] = {
                    PROBLEM_JSON: {"schema": dict(_PROBLEM_REF), "example": problem_example(int(status))}
                }
    schemas = spec.get("components", {}).get("schemas", {})
    for name in _FASTAPI_VALIDATION:
        schemas.pop(name, None)
    schemas = _name_by_title(spec)
    for schema in schemas.values():
        for example in schema.get("examples", []):
            _restore_nulls(example, schema, schemas)
    return spec


def _name_by_title(spec: dict[str, Any]) -> dict[str, Any]:
    """Files each component under its title, the model's class name, where pydantic chose
    another key: `Page_YouthRead_` for `Page[YouthRead]` (titled `YouthPage` by
    core/pagination.py). A title two components share keeps pydantic's keys, and
    tests/api/test_openapi_names.py fails on those: give the classes names of their own."""
    components = spec.get("components", {})
    schemas: dict[str, Any] = components.get("schemas", {})
    titles = [schema.get("title") for schema in schemas.values()]
    renames = {
        key: title
        for key, schema in schemas.items()
        if isinstance(title := schema.get("title"), str)
        and title != key
        and title.isidentifier()
        and title not in schemas
        and titles.count(title) == 1
    }
    if not renames:
        return schemas
    refs = {_REF_PREFIX + old: _REF_PREFIX + new for old, new in renames.items()}

    def rewrite(value: Any) -> None:
        if isinstance(value, dict):
            ref = value.get("$ref")
            if isinstance(ref, str) and ref in refs:
                value["$ref"] = refs[ref]
            for item in value.values():
                rewrite(item)
        elif isinstance(value, list):
            for item in value:
                rewrite(item)

    rewrite(spec)
    components["schemas"] = dict(sorted((renames.get(key, key), schema) for key, schema in schemas.items()))
    return components["schemas"]  # type: ignore[no-any-return]


def _untitle_inline(response: dict[str, Any]) -> None:
    """Drops the title FastAPI makes up for a response body that is no named model (`Response
    Healthz Healthz Get`): it spells FastAPI's default operationId, and client generators name
    their classes after it. Without one they name it after the operation."""
    for media in response.get("content", {}).values():
        schema = media.get("schema", {})
        if "$ref" not in schema and str(schema.get("title", "")).startswith("Response "):
            del schema["title"]


def _restore_nulls(example: Any, schema: dict[str, Any], schemas: dict[str, Any]) -> None:
    """Puts back the nulls FastAPI strips from examples (it encodes the spec with
    exclude_none): a required, nullable property missing from an example was a null."""
    while "$ref" in schema:
        schema = schemas.get(schema["$ref"].removeprefix(_REF_PREFIX), {})
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        _restore_nulls(example, branches[0], schemas)
    elif isinstance(example, list) and isinstance(schema.get("items"), dict):
        for item in example:
            _restore_nulls(item, schema["items"], schemas)
    elif isinstance(example, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        for name, prop in properties.items():
            if name in example:
                _restore_nulls(example[name], prop, schemas)
            elif name in schema.get("required", []) and {"type": "null"} in prop.get("anyOf", []):
                example[name] = None
