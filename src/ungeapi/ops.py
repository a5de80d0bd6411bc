"""Operational routes outside /v1: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import hmac
import logging

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from ungeapi.core.clock import utc_now
from ungeapi.core.db import Database
from ungeapi.core.errors import NotFound
from ungeapi.core.observability import Metrics
from ungeapi.core.permissions import Unauthenticated
from ungeapi.core.settings import Settings
from ungeapi.events.worker import backlog
from ungeapi.migrations_head import database_revision, expected_head

logger = logging.getLogger("ungeapi")

router = APIRouter(tags=["operations"])


_READY = {"status": "ok", "migration": "0002", "head": "0002"}
_NOT_READY = {"status": "migrations_pending", "migration": "0001", "head": "0002"}


def _example(body: dict[str, str], description: str) -> dict[str, object]:
    return {"description": description, "content": {"application/json": {"example": body}}}


@router.get("/healthz", responses={200: _example({"status": "ok"}, "The process is up")})
async def healthz() -> dict[str, str]:
    """Liveness: the process is up."""
    return {"status": "ok"}


@router.get(
    "/readyz",
    responses={200: _example(_READY, "Ready"), 503: _example(_NOT_READY, "Not ready")},
)
async def readyz(request: Request) -> JSONResponse:
    """Readiness: the database answers and its migrations are at head."""
    db: Database = request.app.state.db
    head = expected_head()
    try:
        current = await database_revision(db.engine)
    except Exception:
        return JSONResponse({"status": "unavailable", "database": "unreachable"}, status_code=503)
    ready = current == head
    return JSONResponse(
        {"status": "ok" if ready else "migrations_pending", "migration": current, "head": head},
        status_code=200 if ready else 503,
    )


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request) -> Response:
    """Prometheus metrics, for `Authorization: Bearer <UNGEAPI_METRICS_TOKEN>` (in development
    without one): request counts and latency, the database pool, the webhook backlog, imports."""
    settings: Settings = request.app.state.settings
    if not settings.metrics_open:
        if not settings.metrics_token:
            raise NotFound()  # not served: no token is configured
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            given.strip().encode(), settings.metrics_token.encode()
        ):
            raise Unauthenticated(headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    figures: Metrics = request.app.state.metrics
    db: Database = request.app.state.db
    pool = db.pool_figures()
    figures.pool_size.set(pool.pop("size"))
    for state, count in pool.items():
        figures.pool.labels(state).set(count)
    try:
        waiting = await backlog(db.sessionmaker, now=utc_now())
    except Exception as exc:  # the database's trouble shows in /readyz; the other figures stay
        logger.warning("webhook backlog unavailable", extra={"fields": {"error": type(exc).__name__}})
    else:
        figures.webhook_backlog.labels("pending").set(waiting.pending)
        figures.webhook_backlog.labels("unscanned").set(waiting.unscanned)
        figures.webhook_oldest.set(waiting.oldest_seconds)
    return PlainTextResponse(generate_latest(figures.registry), media_type=CONTENT_TYPE_LATEST)
