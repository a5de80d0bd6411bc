"""The application factory: `create_app(settings)`."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from ungeapi import __version__
from ungeapi.api.messages import CATALOGUE
from ungeapi.api.v1 import routes as v1_routes
from ungeapi.core.app import UngeApi
from ungeapi.core.citizen import citizen_verifier
from ungeapi.core.crypto import CprVault
from ungeapi.core.db import Database, retry_later
from ungeapi.core.errors import DomainError, FieldError, Problem, problem_response
from ungeapi.core.messages import FIELD_CODE, pick_language
from ungeapi.core.observability import Metrics, RequestLayer, configure_logging
from ungeapi.core.openapi import ProblemDetails, operation_ids
from ungeapi.core.security import TokenVerifier
from ungeapi.core.settings import Settings
from ungeapi.ops import router as ops_router

logger = logging.getLogger("ungeapi")

DESCRIPTION = """
REST backend for the coordinated municipal youth effort (kommunal ungeindsats).

* Authenticate with `Authorization: Bearer <JWT>` (here: **Authorize**, then paste the token).
* Name why you read or write in `X-Purpose`; it is recorded in the audit log.
* Errors are `application/problem+json` with a stable `code`; send `Accept-Language: da` for Danish.
* Lists use cursor pagination (`limit`, `cursor`, `next_cursor`, `Link: rel="next"`).
* Changes need `If-Match` with the ETag you read; POSTs accept `Idempotency-Key`.
* CPR numbers never go in a URL: use `POST /v1/youth/lookup`.
* Ages and birthdays are computed in Europe/Copenhagen; a youth born 29 February has
  birthdays on 1 March in common years.
"""


# operationIds are the endpoint functions' names in camelCase (`list_youth` -> `listYouth`);
# these read badly that way, or would not be unique (core/openapi.py). Generated clients are
# built on them: tests/api/test_operation_ids.py keeps every one as docs/integrating.md lists it.
OPERATION_IDS = {
    "POST /v1/feed-tokens": "createFeedToken",
    "GET /healthz": "checkLiveness",
    "GET /readyz": "checkReadiness",
    "PUT /v1/cases/by-external/{system}/{external_id}": "upsertCaseByExternalId",
    "PUT /v1/absence/by-external/{system}/{external_id}": "upsertAbsenceByExternalId",
    "GET /v1/plans/{plan_id}/document": "readPlanDocument",
    "GET /v1/plans/{plan_id}/revisions": "listPlanRevisions",
    "GET /v1/plans/{plan_id}/revisions/{number}": "readPlanRevision",
    "POST /v1/plans/{plan_id}/goals": "addPlanGoal",
    "PATCH /v1/plans/{plan_id}/goals/{goal_id}": "changePlanGoal",
    "POST /v1/plans/{plan_id}/measures": "addPlanMeasure",
    "PATCH /v1/plans/{plan_id}/measures/{measure_id}": "changePlanMeasure",
    "GET /v1/meetings.ics": "readMeetingCalendar",
    "POST /v1/meetings/series": "createMeetingSeries",
    "POST /v1/consents/{consent_id}/givers": "addConsentGiver",
    "POST /v1/disclosures": "discloseRecord",
    "GET /v1/audit": "searchAuditLog",
    "GET /v1/statistics/target-groups": "readTargetGroupStatistics",
    "GET /v1/statistics/guide-coverage": "readGuideCoverageStatistics",
    "GET /v1/statistics/destinations": "readDestinationStatistics",
    "GET /v1/statistics/teams": "readTeamStatistics",
    "GET /v1/statistics/obligations": "readObligationStatistics",
    "GET /v1/events": "readChangeFeed",
    "GET /v1/webhooks/{subscription_id}/deliveries": "listWebhookDeliveries",
    "POST /v1/webhooks/{subscription_id}/deliveries/{delivery_id}/replay": "replayWebhookDelivery",
    "GET /v1/youth/{youth_id}/overview": "readYouthOverview",
    "POST /v1/transition-forms": "createTransitionForm",
    "GET /v1/transition-forms": "listTransitionForms",
    "GET /v1/transition-forms/{form_id}": "readTransitionForm",
    "PATCH /v1/transition-forms/{form_id}": "updateTransitionForm",
    "GET /v1/transition-forms/{form_id}/versions": "listTransitionFormVersions",
    "GET /v1/teams/{team_id}/members": "listTeamMembers",
    "POST /v1/teams/{team_id}/members": "addTeamMember",
    "POST /v1/teams/{team_id}/members/{member_id}/leave": "endTeamMembership",
    "POST /v1/teams/{team_id}/meetings": "recordTeamMeeting",
    "GET /v1/teams/{team_id}/meetings": "listTeamMeetings",
}


def _lang(request: Request) -> Any:
    return pick_language(request.headers.get("accept-language"))


def _request_id(request: Request) -> str | None:
    return getattr(request.state, "request_id", None)


def _field_errors(exc: RequestValidationError, lang: Any) -> tuple[list[FieldError], bool]:
    errors: list[FieldError] = []
    malformed = False
    for err in exc.errors():
        kind = str(err.get("type", "invalid"))
        if kind == "json_invalid":
            malformed = True
        code = kind
        message = str(err.get("msg", ""))
        params = err.get("ctx") or {}
        if kind == "value_error":
            ctx_error = params.get("error")
            candidate = str(ctx_error) if ctx_error is not None else ""
            if FIELD_CODE.match(candidate):
                # A validator raised ValueError("cpr.date"): the catalogue code is the error code.
                code = candidate
            elif candidate:
                message = candidate
        loc = [p if isinstance(p, int) else str(p) for p in err.get("loc", ())]
        errors.append(
            FieldError(loc=loc, code=code, message=CATALOGUE.field_message(code, lang, message, params))
        )
    return errors, malformed


# What FastAPI's JSON parser raised, by the problem it is.
_UNREADABLE: dict[type[BaseException | None], str] = {
    UnicodeDecodeError: "request.malformed_json",  # JSON is UTF-8 (RFC 8259 §8.1)
    RecursionError: "request.too_deep",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        lang = _lang(request)
        # A refusal's field errors carry a catalogue code; their message is rendered here, in
        # the caller's language, from the refusal's parameters.
        errors = [
            FieldError(
                loc=e.loc, code=e.code, message=CATALOGUE.field_message(e.code, lang, e.message, exc.params)
            )
            for e in exc.errors
        ]
        return problem_response(
            Problem(exc.code, exc.status, exc.params, errors, exc.headers),
            lang,
            _request_id(request),
            CATALOGUE,
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        lang = _lang(request)
        errors, malformed = _field_errors(exc, lang)
        if malformed:
            return problem_response(
                Problem("request.malformed_json", 400), lang, _request_id(request), CATALOGUE
            )
        return problem_response(
            Problem("request.validation", 422, errors=errors), lang, _request_id(request), CATALOGUE
        )

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "request.not_found", 405: "request.method_not_allowed"}.get(exc.status_code, "internal")
        if exc.status_code == 400:
            # FastAPI's "error parsing the body": a body its JSON parser could not read.
            code = _UNREADABLE.get(type(exc.__cause__), "request.malformed_body")
        headers = dict(exc.headers or {})
        return problem_response(
            Problem(code, exc.status_code, headers=headers), _lang(request), _request_id(request), CATALOGUE
        )

    @app.exception_handler(ClientDisconnect)
    async def client_gone(request: Request, exc: ClientDisconnect) -> JSONResponse:
        # The client went away mid-body: not our failure, and nobody reads the answer.
        logger.info("client disconnected", extra={"fields": {"request_id": _request_id(request)}})
        return problem_response(
            Problem("request.incomplete", 400), _lang(request), _request_id(request), CATALOGUE
        )

    @app.exception_handler(IntegrityError)
    async def integrity_error(request: Request, exc: IntegrityError) -> JSONResponse:
        logger.warning(
            "integrity error",
            extra={"fields": {"request_id": _request_id(request), "error": type(exc.orig).__name__}},
        )
        return problem_response(
            Problem("service.conflict", 409), _lang(request), _request_id(request), CATALOGUE
        )

    async def unavailable(request: Request, exc: Exception) -> JSONResponse:
        logger.error(
            "database unavailable",
            extra={"fields": {"request_id": _request_id(request), "error": type(exc).__name__}},
        )
        return problem_response(
            Problem("service.unavailable", 503, headers={"Retry-After": "5"}),
            _lang(request),
            _request_id(request),
            CATALOGUE,
        )

    for exc_type in (
        OperationalError,
        InterfaceError,
        ConnectionError,
        OSError,
        # Compiled reads run on the driver itself (core/db.py `fetch`), so its errors arrive as
        # they are: a lost connection, or a server shutting down or not yet taking connections.
        asyncpg.InterfaceError,
        asyncpg.InternalClientError,
        asyncpg.PostgresConnectionError,
        asyncpg.exceptions.OperatorInterventionError,
    ):
        app.add_exception_handler(exc_type, unavailable)

    @app.exception_handler(asyncpg.PostgresError)
    async def driver_error(request: Request, exc: asyncpg.PostgresError) -> JSONResponse:
        if retry_later(exc):
            return await unavailable(request, exc)
        sqlstate = str(getattr(exc, "sqlstate", "") or "")
        # As for the ORM's errors (dbapi_error, integrity_error): bad data 422, a conflict 409.
        known = {"22": Problem("request.invalid_value", 422), "23": Problem("service.conflict", 409)}
        problem = known.get(sqlstate[:2])
        if problem is None:
            return await internal_error(request, exc)
        return problem_response(problem, _lang(request), _request_id(request), CATALOGUE)

    @app.exception_handler(DBAPIError)
    async def dbapi_error(request: Request, exc: DBAPIError) -> JSONResponse:
        if exc.connection_invalidated or retry_later(exc):
            return await unavailable(request, exc)
        if str(getattr(exc.orig, "sqlstate", "") or "").startswith("22"):
            # SQLSTATE class 22, data exception: a value PostgreSQL cannot store, e.g. a NUL
            # character in a text, is the caller's bad input, not our failure.
            invalid = Problem("request.invalid_value", 422)
            return problem_response(invalid, _lang(request), _request_id(request), CATALOGUE)
        return await internal_error(request, exc)

    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        fields: dict[str, object] = {"request_id": _request_id(request), "error": type(exc).__name__}
        orig = getattr(exc, "orig", None)
        if orig is not None:
            # The driver's first message line names the failure without the statement's parameters.
            fields["db_error"] = f"{type(orig).__name__}: {str(orig).splitlines()[0][:300]}"
        logger.error("unhandled error", extra={"fields": fields})
        return problem_response(Problem("internal", 500), _lang(request), _request_id(request), CATALOGUE)

    @app.exception_handler(Exception)
    async def unhandled_error(request: Request, exc: Exception) -> JSONResponse:
        answer = await internal_error(request, exc)
        # Starlette's ServerErrorMiddleware answers this one outside the request layer, which
        # adds the header to every other answer.
        request_id = _request_id(request)
        if request_id:
            answer.headers["X-Request-ID"] = request_id
        return answer


def create_app(settings: Settings) -> FastAPI:
    configure_logging(settings.log_level)
    metrics = Metrics()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.db = Database(settings)
        # Everything built at start-up (routes, models, schemas) lives as long as the process:
        # kept out of the collector's sight, a full collection no longer walks it, which took
        # whole requests' worth of time at the tail of the latency (bench/ANALYSIS.md).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            await app.state.db.dispose()

    app = UngeApi(
        routes=[*ops_router.routes, *v1_routes],
        cors_origins=settings.cors_origins,
        title="ungeapi",
        version=__version__,
        summary="Coordinated municipal youth effort (kommunal ungeindsats)",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=operation_ids(OPERATION_IDS),
        responses={},
        telemetry={
            "tracing": settings.opentelemetry,
            "metrics": settings.opentelemetry,
            "logs": settings.opentelemetry,
        },
    )
    app.state.settings = settings
    app.state.metrics = metrics
    app.state.verifier = TokenVerifier(settings)
    app.state.vault = CprVault(settings.effective_cpr_key, settings.effective_cpr_hash_key)
    app.state.citizen_verifier = citizen_verifier(settings, app.state.vault)
    install_error_handlers(app)

    app.add_middleware(
        RequestLayer,
        metrics=metrics,
        max_body_bytes=settings.max_body_bytes,
        max_import_bytes=settings.max_import_bytes,
        max_document_bytes=settings.document_max_bytes,
        max_header_bytes=settings.max_header_bytes,
    )
    _register_problem_schema(app)
    return app


def _register_problem_schema(app: FastAPI) -> None:
    # Keeps ProblemDetails in components even if a future route forgets `problems(...)`.
    app.openapi_tags = None
    _ = ProblemDetails


def app_from_env() -> FastAPI:
    """Entry point for `uvicorn --factory ungeapi.main:app_from_env`."""
    return create_app(Settings())
