"""The problem+json schema and the `responses=` declarations every route uses."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from ungeapi.core.errors import PROBLEM_JSON


class ProblemFieldError(BaseModel):
    loc: list[str | int] = Field(
        description="Where the error is: body, query or header, then the field path."
    )
    code: str = Field(description="Stable error code, e.g. `cpr.date` or `missing`.")
    message: str = Field(description="Message in the request's language (besked).")


class ProblemDetails(BaseModel):
    """RFC 9457 problem details (fejlbeskrivelse)."""

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
