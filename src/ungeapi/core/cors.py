"""CORS for the municipal single-page apps on other origins (none allowed by default).

The layer wraps the whole application, outside even Starlette's last-resort error handler, so
a browser can read every answer from an allowed origin: a 401, a 413 from the body limit, a
400 for a CPR number in the URL, a 500. Preflights are answered here, before authentication.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Response headers a browser script may read beyond the CORS-safelisted ones.
# api.md's four, plus what a browser needs to back off (Retry-After), to tell a replay, and where
# a figure that may come from the read replica was read (X-Read-Source).
EXPOSE_HEADERS = (
    "ETag", "Link", "Location", "X-Request-ID", "Retry-After", "Idempotent-Replayed", "X-Read-Source"
)
# Request headers a browser may send beyond the safelisted ones. X-Request-ID lets a frontend
# correlate its own log with ours; the service echoes it.
ALLOW_HEADERS = (
    "Authorization",
    "Content-Type",
    "Accept-Language",
    "If-Match",
    "Idempotency-Key",
    "X-Purpose",
    "X-Request-ID",
)
ALLOW_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
PREFLIGHT_MAX_AGE = 600


def cors_layer(app: ASGIApp, origins: Sequence[str]) -> ASGIApp:
    """`app` behind CORS for `origins`; `app` itself when no origin is allowed."""
    if not origins:
        return app
    return _AllowedOriginsOnly(
        app,
        allow_origins=list(origins),
        allow_methods=list(ALLOW_METHODS),
        allow_headers=list(ALLOW_HEADERS),
        expose_headers=list(EXPOSE_HEADERS),
        # Bearer tokens, not cookies: credentials mode stays off.
        allow_credentials=False,
        max_age=PREFLIGHT_MAX_AGE,
    )


class _AllowedOriginsOnly(CORSMiddleware):
    """Starlette's CORS, except that another origin gets no CORS header at all.

    Stock CORSMiddleware still tells any origin which headers it exposes (and, on a preflight,
    which methods and headers it allows); here another origin's request goes straight to the
    app, and its preflight is answered like any OPTIONS request: 405.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            origin = Headers(scope=scope).get("origin")
            if origin is not None and not self.is_allowed_origin(origin):

                async def send_varying(message: Message) -> None:
                    if message["type"] == "http.response.start":
                        # The answer depends on the Origin: caches must not serve it to another.
                        MutableHeaders(scope=message).add_vary_header("Origin")
                    await send(message)

                await self.app(scope, receive, send_varying)
                return
        await super().__call__(scope, receive, send)
