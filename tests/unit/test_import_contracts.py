"""The import contracts of pyproject.toml hold for the package, and fail when one is broken.

Each case copies the package to a temporary directory, adds the one import (or package) that
breaks a rule, and runs `lint-imports` with the project's own configuration on the copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
PACKAGE = ROOT / "src" / "ungeapi"
DEV_TOOLS = ROOT / "src" / "ungeapi_dev"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS: dict[str, str] = {
    c["id"]: c["name"] for c in tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]["contracts"]
}


def lint(source_root: Path) -> set[str]:
    """The ids of the contracts broken by the package `ungeapi` under `source_root`."""
    result = subprocess.run(
        [str(LINT_IMPORTS), "--config", str(PYPROJECT), "--no-cache"],
        cwd=source_root,
        env={**os.environ, "PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    verdicts = {}
    for contract_id, name in CONTRACTS.items():
        found = re.search(rf"^{re.escape(name)} (KEPT|BROKEN)", result.stdout, re.MULTILINE)
        assert found, f"no verdict for {name!r}:\n{result.stdout}{result.stderr}"
        verdicts[contract_id] = found.group(1)
    broken = {contract_id for contract_id, verdict in verdicts.items() if verdict == "BROKEN"}
    assert (result.returncode == 0) == (not broken), result.stdout
    return broken


def copy_of_package(tmp_path: Path) -> Path:
    for package in (PACKAGE, DEV_TOOLS):
        shutil.copytree(package, tmp_path / package.name, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def add_line(root: Path, module: str, line: str) -> None:
    path = root / "ungeapi" / module
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_the_package_keeps_every_contract() -> None:
    assert set(CONTRACTS) == {"layers", "dev-tools-apart", "acyclic", "routers", "own-repository"}
    assert lint(PACKAGE.parent) == set()


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        pytest.param(
            "referrals/rules.py",
            "from ungeapi.meetings import rules as meeting_rules",
            {"acyclic"},
            id="referrals-and-meetings-import-each-other",
        ),
        pytest.param(
            "youth/service.py",
            "from ungeapi_dev import demo",
            {"dev-tools-apart"},
            id="the-service-imports-a-development-tool",
        ),
        pytest.param(
            "youth/rules.py",
            "from ungeapi.youth import service",
            {"acyclic"},
            id="a-cycle-between-modules-of-one-package",
        ),
        pytest.param(
            "core/clock.py",
            "from ungeapi.youth import rules",
            {"layers", "acyclic"},
            id="core-imports-a-domain",
        ),
        pytest.param(
            "youth/router.py",
            "from ungeapi.youth import repository",
            {"routers"},
            id="a-router-imports-its-repository",
        ),
        pytest.param(
            "overview/service.py",
            "from ungeapi.cases import repository",
            {"own-repository"},
            id="a-domain-imports-another-domains-repository",
        ),
    ],
)
def test_a_broken_rule_fails_its_contract(tmp_path: Path, module: str, line: str, broken: set[str]) -> None:
    root = copy_of_package(tmp_path)
    add_line(root, module, line)
    assert lint(root) == broken


def test_a_new_package_must_take_its_place_in_the_layers(tmp_path: Path) -> None:
    root = copy_of_package(tmp_path)
    (root / "ungeapi" / "newdomain").mkdir()
    (root / "ungeapi" / "newdomain" / "__init__.py").write_text('"""A domain nobody placed."""\n')
    assert lint(root) == {"layers"}
