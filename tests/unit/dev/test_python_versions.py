"""The Python versions are named in three places that must agree: the README (what a developer
reads), pyproject.toml's classifiers (what the package says) and .ci/run (what CI tests)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def in_ci() -> list[str]:
    match = re.search(r"^PYTHONS=\(([^)]*)\)$", (ROOT / ".ci/run").read_text(), re.MULTILINE)
    assert match, "PYTHONS=(...) not found in .ci/run"
    return match.group(1).split()


def in_readme() -> list[str]:
    match = re.search(r"Python ((?:3\.\d+, )*3\.\d+) (?:and|or) (3\.\d+)", (ROOT / "README.md").read_text())
    assert match, "the README names no Python versions"
    return [*match.group(1).split(", "), match.group(2)]


def in_classifiers() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    prefix = "Programming Language :: Python :: "
    return [c.removeprefix(prefix) for c in project["classifiers"] if re.fullmatch(r".*:: 3\.\d+", c)]


def test_the_readme_pyproject_and_ci_name_the_same_python_versions() -> None:
    assert in_ci() == in_readme() == in_classifiers()
    assert in_ci()[0] == "3.11"  # the oldest: mypy checks against it, CI runs the whole suite on it


def test_requires_python_admits_the_oldest_named_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == f">={in_ci()[0]}"
