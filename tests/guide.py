"""docs/integrating.md as the tests use it: its fenced snippets, run as an integrator's program
would run them, against the app in-process."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import httpx
import pytest

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "integrating.md"
FENCE = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[tuple[int, str]]:
    """(line number, code) of each fenced block in `language`."""
    text = GUIDE.read_text(encoding="utf-8")
    return [
        (text[: m.start()].count("\n") + 1, m.group(2))
        for m in FENCE.finditer(text)
        if m.group(1) == language
    ]


def as_integrator(app: Any, token: str, monkeypatch: pytest.MonkeyPatch) -> type[httpx.AsyncClient]:
    """Sets UNGEAPI_URL and UNGEAPI_TOKEN, which the snippets read, and routes every
    httpx.AsyncClient built from now on to `app` over ASGITransport. Returns the real class."""
    real_client = httpx.AsyncClient

    class InProcessClient(real_client):  # type: ignore[misc,valid-type]
        def __init__(self, **kwargs: Any) -> None:
            kwargs["transport"] = httpx.ASGITransport(app=app, raise_app_exceptions=False)
            super().__init__(**kwargs)

    monkeypatch.setattr(httpx, "AsyncClient", InProcessClient)
    monkeypatch.setenv("UNGEAPI_URL", "http://ungeapi.test")
    monkeypatch.setenv("UNGEAPI_TOKEN", token)
    return real_client


async def run(line: int, code: str, namespace: dict[str, Any]) -> None:
    """Runs the snippet at `line` in `namespace`, top-level awaits included."""
    compiled = compile(code, f"{GUIDE.name}:{line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)
    result = eval(compiled, namespace)  # our own documentation
    if result is not None:
        await result
