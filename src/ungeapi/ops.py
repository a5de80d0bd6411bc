"""Operational routes outside /v1: liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from ungeapi.core.db import Database
from ungeapi.migrations_head import database_revision, expected_head

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
