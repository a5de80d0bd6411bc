"""Swagger UI (/docs) and ReDoc (/redoc), served with their scripts and styles by the app itself.

FastAPI's own pages load both from a CDN, so they are blank on the municipal networks that
block one and on a laptop offline. The assets come from the fastapi-offline package, which ships
current builds of both: an upgrade of the package is an upgrade of the pages. A
Content-Security-Policy keeps the pages to this server: ReDoc's sidebar shows Redocly's logo
from their CDN, which the browser now refuses (the logo hides itself) rather than fetches.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = str(files("fastapi_offline") / "static")
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _same_origin_only(page: HTMLResponse) -> HTMLResponse:
    """`page` with a policy that lets it load from this server alone. Swagger UI's page starts
    it with an inline script, allowed by its hash; both UIs set inline styles, ReDoc's search
    runs in a worker made from a blob."""
    scripts = _INLINE_SCRIPT.findall(bytes(page.body).decode())
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts
    )
    page.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
    return page


def serve_docs(app: FastAPI, *, docs_url: str | None, redoc_url: str | None, assets_url: str) -> None:
    """Adds the pages at `docs_url` and `redoc_url` (None: not served) and their assets at
    `assets_url`, after the API's routes (so matching an API request never passes them)."""
    if app.openapi_url is None or (docs_url is None and redoc_url is None):
        return
    openapi_url = app.openapi_url
    app.mount(assets_url, StaticFiles(directory=ASSETS), name="docs-assets")

    def serve(
        url: str, render: Callable[..., HTMLResponse], name: str, files: dict[str, str], **options: Any
    ) -> None:
        """The page `render` makes for the app's root path (behind a proxy that sets one), its
        `files` (keyword: file name) served from `assets_url`."""

        async def page(request: Request) -> HTMLResponse:
            base = str(request.scope.get("root_path", "")).rstrip("/")
            assets = {keyword: f"{base}{assets_url}/{file}" for keyword, file in files.items()}
            html = render(openapi_url=base + openapi_url, title=f"{app.title} - {name}", **assets, **options)
            return _same_origin_only(html)

        app.add_route(url, page, include_in_schema=False)

    if docs_url is not None:
        # No OAuth2 redirect page: the spec's one scheme is a bearer token, pasted under Authorize.
        swagger = {
            "swagger_js_url": "swagger-ui-bundle.js",
            "swagger_css_url": "swagger-ui.css",
            "swagger_favicon_url": "favicon.png",
        }
        serve(
            docs_url,
            get_swagger_ui_html,
            "Swagger UI",
            swagger,
            oauth2_redirect_url=None,
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
    if redoc_url is not None:
        redoc = {"redoc_js_url": "redoc.standalone.js", "redoc_favicon_url": "favicon.png"}
        serve(redoc_url, get_redoc_html, "ReDoc", redoc, with_google_fonts=False)
