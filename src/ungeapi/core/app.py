"""The FastAPI application class: stock FastAPI with CORS outermost and a tidied spec."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI
from starlette.types import ASGIApp

from ungeapi.core.cors import cors_layer
from ungeapi.core.openapi import finish_spec


class UngeApi(FastAPI):
    def __init__(self, *, cors_origins: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cors_origins = list(cors_origins)

    def build_middleware_stack(self) -> ASGIApp:
        # `add_middleware` would sit inside ServerErrorMiddleware, whose 500s would then lack
        # CORS headers and reach a browser script as an opaque network error.
        return cors_layer(super().build_middleware_stack(), self.cors_origins)

    def openapi(self) -> dict[str, Any]:
        if not self.openapi_schema:
            self.openapi_schema = finish_spec(super().openapi())
        return self.openapi_schema
