"""/docs and /redoc in a real browser with the internet out of reach: Debian's Chromium, driven
by playwright-core (browse_docs.mjs), against the app served by uvicorn on a loopback port.
Every name but 127.0.0.1 fails to resolve and every request elsewhere is aborted and recorded.
Swagger UI must show every operation and the Authorize button with the bearer scheme; ReDoc
every operation. The screenshots stay in the test's tmp_path (docs.png, docs-authorize.png,
redoc.png). Skipped where Chromium is not installed (Debian: apt-get install chromium)."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from ungeapi.core.settings import Settings
from ungeapi.main import create_app

HERE = Path(__file__).resolve().parent
SPEC = json.loads((HERE.parents[1] / "openapi" / "ungeapi-v1.json").read_text(encoding="utf-8"))
OPERATIONS = sum(len(operations) for operations in SPEC["paths"].values())
# ReDoc's sidebar footer shows Redocly's logo from their CDN; the pages' policy has the browser
# refuse it (the logo then hides itself). Anything else refused is a new outside reference.
REDOCLY_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")
    return found


@pytest.fixture(scope="module")
def served(settings: Settings) -> Iterator[str]:
    """The app on a free loopback port, in a thread of its own."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings), log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        sock.close()


def test_the_docs_render_offline_with_the_authorize_button(node_modules, served: str, tmp_path: Path) -> None:
    browser = chromium()
    result = subprocess.run(
        ["node", str(HERE / "browse_docs.mjs"), served, str(tmp_path)],
        cwd=HERE,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "CHROMIUM": browser},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["blocked"] == []
    assert all(REDOCLY_LOGO in error for error in seen["errors"]), seen["errors"]
    assert seen["title"].startswith("ungeapi")
    assert seen["operations"] == OPERATIONS
    assert seen["authorize"] is True
    assert "bearerAuth" in seen["authorizeDialog"] and "(http, Bearer)" in seen["authorizeDialog"]
    assert seen["redocOperations"] == OPERATIONS
    for shot in ("docs.png", "docs-authorize.png", "redoc.png"):
        assert (tmp_path / shot).stat().st_size > 10_000, shot
