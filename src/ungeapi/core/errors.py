"""DomainError and the problem+json (RFC 9457) rendering shared by every handler."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.responses import JSONResponse

from ungeapi.core.messages import Catalogue, Language

PROBLEM_JSON = "application/problem+json"


@dataclass
class FieldError:
    loc: list[str | int]
    code: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"loc": self.loc, "code": self.code, "message": self.message}


class DomainError(Exception):
    """A refusal with a stable code; the web layer renders it as problem+json."""

    status: int = 422
    code: str = "internal"

    def __init_subclass__(
        cls, *, status: int | None = None, code: str | None = None, **kwargs: object
    ) -> None:
        # `class TooLarge(DomainError, status=413, code="document.too_large")`: a refusal in one line.
        super().__init_subclass__(**kwargs)
        if status is not None:
            cls.status = status
        if code is not None:
            cls.code = code

    def __init__(
        self,
        code: str | None = None,
        *,
        status: int | None = None,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
        **params: object,
    ) -> None:
        self.code = code or type(self).code
        self.status = status or type(self).status
        self.errors = errors or []
        self.headers = headers or {}
        self.params = params
        super().__init__(self.code)


class Invalid(DomainError):
    """The request breaks a domain rule."""

    status = 422


class Denied(DomainError):
    """The caller's role or department may not do this to this record."""

    status = 403


class NotFound(DomainError):
    status = 404
    code = "request.not_found"


class Conflict(DomainError):
    """The record's state refuses the change; the same request may succeed later."""

    status = 409
    code = "service.conflict"


@dataclass
class Problem:
    code: str
    status: int
    params: dict[str, object] = field(default_factory=dict)
    errors: list[FieldError] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def problem_response(
    problem: Problem, lang: Language, request_id: str | None, catalogue: Catalogue
) -> JSONResponse:
    title, detail = catalogue.problem_text(problem.code, lang, problem.params)
    body: dict[str, Any] = {
        "type": f"https://ungeapi.dk/problems/{problem.code}",
        "title": title,
        "status": problem.status,
        "detail": detail,
        "code": problem.code,
    }
    if problem.errors:
        body["errors"] = [e.as_dict() for e in problem.errors]
    if request_id:
        body["request_id"] = request_id
    headers = {"Content-Language": lang, **problem.headers}
    return JSONResponse(body, status_code=problem.status, media_type=PROBLEM_JSON, headers=headers)
