"""The FastAPI application class: stock FastAPI with CORS outermost, a tidied spec and its
documentation pages served without a CDN."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.types import ASGIApp

from ungeapi.core.cors import cors_layer
from ungeapi.core.docs import serve_docs
from ungeapi.core.openapi import finish_spec


class UngeApi(FastAPI):
    def __init__(
        self,
        *,
        cors_origins: Sequence[str] = (),
        docs_url: str | None = "/docs",
        redoc_url: str | None = "/redoc",
        generate_unique_id_function: Callable[[APIRoute], str] | None = None,
        **kwargs: Any,
    ) -> None:
        if generate_unique_id_function is not None:
            kwargs["generate_unique_id_function"] = generate_unique_id_function
        # FastAPI's own /docs and /redoc load their scripts from a CDN: core/docs.py serves them.
        super().__init__(docs_url=None, redoc_url=None, **kwargs)
        self.cors_origins = list(cors_origins)
        if generate_unique_id_function is not None:
            # Routes handed over whole (`routes=`) were named by their routers' default; the
            # app's function names them too, as it would have named routes it included.
            for route in self.routes:
                if isinstance(route, APIRoute) and route.operation_id is None:
                    route.unique_id = generate_unique_id_function(route)
        serve_docs(self, docs_url=docs_url, redoc_url=redoc_url, assets_url="/docs/assets")

    def build_middleware_stack(self) -> ASGIApp:
        # `add_middleware` would sit inside ServerErrorMiddleware, whose 500s would then lack
        # CORS headers and reach a browser script as an opaque network error.
        return cors_layer(super().build_middleware_stack(), self.cors_origins)

    def openapi(self) -> dict[str, Any]:
        if not self.openapi_schema:
            self.openapi_schema = finish_spec(super().openapi(), self.routes)
        return self.openapi_schema
