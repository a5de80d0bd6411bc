"""/docs and /redoc work without the internet: every script, style and icon they name is served
by the app itself, and their policy lets the browser load nothing from anywhere else.
(tests/clients/test_docs_in_a_browser.py opens them in Chromium with no other host reachable.)"""

from __future__ import annotations

import re
from importlib.resources import files

import pytest

PAGES = ["/docs", "/redoc"]
REFERENCE = re.compile(r"""(?:src|href|spec-url)\s*=\s*["']([^"']+)["']|\burl:\s*'([^']+)'""")
ASSETS = files("fastapi_offline") / "static"


@pytest.mark.parametrize("page", PAGES)
async def test_the_page_names_no_other_host(client, page: str) -> None:
    response = await client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "//" not in html  # no http://, https:// or protocol-relative //host
    references = [a or b for a, b in REFERENCE.findall(html)]
    assert "/openapi.json" in references
    assert any(r.endswith(".js") for r in references)
    for reference in references:
        assert reference.startswith("/") and not reference.startswith("//"), reference
        served = await client.get(reference)
        assert served.status_code == 200, reference
        assert served.content, reference


@pytest.mark.parametrize(
    ("asset", "media_type"),
    [
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("redoc.standalone.js", "text/javascript"),
        ("favicon.png", "image/png"),
    ],
)
async def test_the_assets_are_the_packages_own(client, asset: str, media_type: str) -> None:
    served = await client.get(f"/docs/assets/{asset}")
    assert served.status_code == 200
    assert served.headers["content-type"].startswith(media_type)
    assert served.content == (ASSETS / asset).read_bytes()


@pytest.mark.parametrize("page", PAGES)
async def test_the_browser_may_load_from_this_server_only(client, page: str) -> None:
    policy = (await client.get(page)).headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    for name, sources in directives.items():
        for source in sources.split():
            assert source.startswith("'") or source in {"data:", "blob:"}, (name, source)
    assert "'unsafe-inline'" not in directives["script-src"]


def test_the_pages_are_not_operations_of_the_api(app) -> None:
    assert not [path for path in app.openapi()["paths"] if path.startswith(("/docs", "/redoc"))]
