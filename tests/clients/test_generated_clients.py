"""Clients generated from the committed spec come out whole, and work.

openapi-python-client and openapi-typescript generate from openapi/ungeapi-v1.json as an
integrator would. Each may warn about the import endpoint's CSV and NDJSON bodies, which neither
can type, and about nothing else: a warning is a piece of the API missing from the client (two
schemas titled `Participant` once cost the Python client network-meeting create and update).
Then docs/integrating.md's snippets of generated clients (its ```py and ```ts blocks) run
against the app (Python, over ASGITransport) and compile against the generated types
(TypeScript, `tsc --strict`).
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.clock import TODAY
from tests.guide import as_integrator, blocks, run

ROOT = Path(__file__).resolve().parents[2]
SPEC_PATH = ROOT / "openapi" / "ungeapi-v1.json"
SPEC: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
PACKAGE = "ungeapi_client"
# What no generator can type: the import's raw file bodies. Also what the check must see, so a
# change in the generators' output that hides warnings from it fails here too.
EXPECTED_PYTHON_WARNINGS = [
    "WARNING parsing POST /v1/imports within imports. Unsupported content type application/x-ndjson",
    "WARNING parsing POST /v1/imports within imports. Unsupported content type text/csv",
]
PROBLEM_LINE = re.compile(r"^(WARNING|ERROR|Error|Unable|Cannot|Could not)\b")


def operation_ids() -> list[str]:
    return [op["operationId"] for ops in SPEC["paths"].values() for op in ops.values()]


def problems_in(output: str) -> list[str]:
    """Each problem openapi-python-client reports, with the line that explains it."""
    lines = output.splitlines()
    found = []
    for i, line in enumerate(lines):
        if PROBLEM_LINE.match(line):
            detail = next((later.strip() for later in lines[i + 1 :] if later.strip()), "")
            found.append(f"{line.strip()} {detail}")
    return sorted(found)


@pytest.fixture(scope="module")
def python_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The generated package, importable as `ungeapi_client`, and the generator's output."""
    where = tmp_path_factory.mktemp("python-client")
    config = where / "config.yaml"
    config.write_text(f"package_name_override: {PACKAGE}\npost_hooks: []\n", encoding="utf-8")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "openapi_python_client", "generate", "--path", str(SPEC_PATH)),
            *("--config", str(config), "--meta", "none", "--output-path", str(where / PACKAGE)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(where))
    try:
        yield where / PACKAGE, result.stdout + result.stderr
    finally:
        sys.path.remove(str(where))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(f"{PACKAGE}.")]:
            del sys.modules[name]


class TestPythonClient:
    def test_it_is_generated_warning_only_about_the_import_bodies(self, python_client) -> None:
        _, output = python_client
        assert problems_in(output) == EXPECTED_PYTHON_WARNINGS, output

    def test_every_operation_is_in_it(self, python_client) -> None:
        package, _ = python_client
        generated = {path.stem for path in (package / "api").glob("*/*.py") if path.stem != "__init__"}
        wanted = {re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() for name in operation_ids()}
        assert wanted == generated

    async def test_the_guides_snippet_runs_and_the_client_speaks_for_the_spec(
        self, python_client, app, auth, monkeypatch
    ) -> None:
        token = auth(roles="admin")["Authorization"].removeprefix("Bearer ")
        as_integrator(app, token, monkeypatch)
        (line, code), *others = blocks("py")
        assert others == [], "one generated-client snippet in the guide"
        namespace: dict[str, Any] = {"__name__": "integrating_guide_generated_client"}
        await run(line, code, namespace)
        youth = namespace["created"].parsed
        assert youth.given_name == "Testa" and youth.version == 1

        client_module = importlib.import_module(PACKAGE)
        api = importlib.import_module(f"{PACKAGE}.api.network_meetings.record_network_meeting")
        read_youth = importlib.import_module(f"{PACKAGE}.api.youth.read_youth")
        read_access_log = importlib.import_module(f"{PACKAGE}.api.privacy.read_access_log")
        models = importlib.import_module(f"{PACKAGE}.models")
        ungeapi = client_module.AuthenticatedClient(base_url="http://ungeapi.test", token=token)

        # Network meetings were missing from the client while two schemas were titled Participant.
        example = SPEC["components"]["schemas"]["NetworkMeetingCreate"]["examples"][0]
        body = models.NetworkMeetingCreate.from_dict(
            {**example, "youth_id": str(youth.id), "held_on": TODAY.isoformat()}
        )
        recorded = await api.asyncio_detailed(client=ungeapi, body=body)
        assert recorded.status_code == 201, recorded.content
        assert isinstance(recorded.parsed.participants[0], models.NetworkParticipant)

        # X-Purpose, as the spec documents it: its default when not sent, else what was sent.
        parameters = SPEC["paths"]["/v1/youth/{youth_id}"]["get"]["parameters"]
        (purpose,) = [p for p in parameters if p["name"] == "X-Purpose"]
        default = re.search(r"`([^`]+)` when not sent", purpose["description"]).group(1)
        assert (await read_youth.asyncio(client=ungeapi, youth_id=youth.id)).id == youth.id
        await read_youth.asyncio(client=ungeapi, youth_id=youth.id, x_purpose="client-check")
        log = await read_access_log.asyncio(client=ungeapi, youth_id=youth.id, limit=200)
        reads = [e.purpose for e in log.items if e.action == "read" and e.resource_type == "youth"]
        assert default in reads and "client-check" in reads, reads

        # The bearer scheme: without a token the generated client gets the documented 401.
        anonymous = client_module.Client(base_url="http://ungeapi.test")
        refused = await read_youth.asyncio_detailed(client=anonymous, youth_id=youth.id)  # type: ignore[arg-type]
        assert refused.status_code == 401 and refused.parsed.code == "auth.missing_token"


@pytest.fixture(scope="module")
def generated(node_modules: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The TypeScript types openapi-typescript makes of the spec, and what it said."""
    where = tmp_path_factory.mktemp("typescript-client")
    result = subprocess.run(
        [str(node_modules / ".bin" / "openapi-typescript"), str(SPEC_PATH), "-o", str(where / "ungeapi.d.ts")],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return where, result.stdout + result.stderr


class TestTypeScriptClient:
    def test_it_is_generated_without_a_warning(self, generated) -> None:
        _, output = generated
        said = [line for line in output.splitlines() if line.strip()]
        assert len(said) == 2 and "openapi-typescript" in said[0] and "→" in said[1], output

    def test_every_operation_is_in_it(self, generated) -> None:
        where, _ = generated
        types = (where / "ungeapi.d.ts").read_text(encoding="utf-8")
        operations = types[types.index("export interface operations {") :]
        named = set(re.findall(r"^    (\w+): \{$", operations, re.MULTILINE))
        assert named == set(operation_ids())

    def test_the_guides_snippet_compiles_against_it(self, generated, node_modules: Path) -> None:
        where, _ = generated
        snippets = [code for _, code in blocks("ts") if 'from "openapi-fetch"' in code]
        assert len(snippets) == 1, "one openapi-fetch snippet in the guide"
        # BASE_URL and TOKEN come from the guide's first snippet.
        declared = "declare const BASE_URL: string;\ndeclare const TOKEN: string;\n"
        (where / "client.ts").write_text(declared + snippets[0], encoding="utf-8")
        (where / "tsconfig.json").write_text(
            json.dumps(
                {
                    "compilerOptions": {
                        "strict": True,
                        "noEmit": True,
                        "target": "ES2022",
                        "module": "ESNext",
                        "moduleResolution": "Bundler",
                        "lib": ["ES2022", "DOM"],
                        "types": [],
                        "paths": {"*": [f"{node_modules}/*"]},
                    },
                    "files": ["client.ts"],
                }
            ),
            encoding="utf-8",
        )
        result = subprocess.run(
            [str(node_modules / ".bin" / "tsc"), "--project", str(where / "tsconfig.json")],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
