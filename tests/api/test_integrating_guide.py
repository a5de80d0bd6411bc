"""docs/integrating.md's Python snippets run, in order, against the app in-process.

The snippets are what an integrator copies: they read UNGEAPI_URL and UNGEAPI_TOKEN and build
their own httpx.AsyncClient. The test sets those variables (a fresh municipality, an admin
token) and routes every httpx.AsyncClient the snippets build to the app over ASGITransport.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from tests.guide import GUIDE, as_integrator, blocks, run

ROOT = Path(__file__).resolve().parents[2]


async def test_the_python_snippets_run(app, auth, monkeypatch) -> None:
    token = auth(roles="admin")["Authorization"].removeprefix("Bearer ")
    real_client = as_integrator(app, token, monkeypatch)

    snippets = blocks("python")
    assert len(snippets) >= 6
    namespace: dict[str, Any] = {"__name__": "integrating_guide"}
    try:
        for line, code in snippets:
            try:
                await run(line, code, namespace)
            except Exception as exc:
                pytest.fail(f"the snippet at docs/integrating.md line {line} failed: {exc!r}")
    finally:
        client = namespace.get("client")
        if isinstance(client, real_client) and not client.is_closed:
            await client.aclose()
    assert namespace["client"].is_closed, "the guide's last snippet closes the client"


def test_every_snippet_parses() -> None:
    for line, code in blocks("python"):
        compile(code, f"{GUIDE.name}:{line}", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


def test_the_guide_covers_the_conventions_and_is_linked() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for heading in (
        "## Authentication",
        "## Errors",
        "## CPR numbers never go in a URL",
        "## Idempotency keys",
        "## Pagination",
        "## Concurrency: ETag and If-Match",
        "## Change feed",
        "## Webhook signatures",
    ):
        assert f"\n{heading}\n" in text, heading
    assert len(blocks("ts")) >= 5, "TypeScript (fetch) snippets too"
    assert "docs/integrating.md" in (ROOT / "README.md").read_text(encoding="utf-8")
