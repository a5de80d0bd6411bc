"""The problem+json schema and the `responses=` declarations every route uses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ungeapi.core.errors import PROBLEM_JSON
from ungeapi.core.messages import CATALOGUE


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


def finish_spec(spec: dict[str, Any]) -> dict[str, Any]:
    """Makes every error response in the spec say what the service really sends.

    FastAPI files a route's `responses=problems(...)` under application/json and adds its own
    HTTPValidationError 422 to routes with parameters; the service answers
    application/problem+json with ProblemDetails for both. Each error response gets an example
    for its status, so Swagger UI shows a realistic body.
    """
    for operations in spec.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
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
    for schema in schemas.values():
        for example in schema.get("examples", []):
            _restore_nulls(example, schema, schemas)
    return spec


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
