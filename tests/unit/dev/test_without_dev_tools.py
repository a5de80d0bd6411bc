"""A production install has no ungeapi_dev: the service runs, and the command's development
features say what is missing instead of failing with a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ungeapi.cli import _dev_tools, _print_dev_tokens, main
from ungeapi.core.settings import DEV_JWT_SECRET, Settings

ROLES_WITH_TOKENS = 8


@pytest.fixture
def production_install(monkeypatch: pytest.MonkeyPatch) -> None:
    """Imports of ungeapi_dev fail as they do where the package is not installed."""
    for name in ("ungeapi_dev", "ungeapi_dev.demo", "ungeapi_dev.devdb", "ungeapi_dev.devserver"):
        monkeypatch.setitem(sys.modules, name, None)


@pytest.mark.parametrize("argv", [["seed-demo"], ["serve", "--dev"]])
def test_a_development_command_names_what_is_missing(production_install, capsys, argv) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"ungeapi: `ungeapi {' '.join(argv)}` is a development feature")
    assert "ungeapi_dev" in err and "pip install -e '.[dev,embedded]'" in err
    assert "Traceback" not in err


def test_a_command_without_a_configured_database_says_what_is_missing_in_one_line(
    production_install, capsys, monkeypatch
) -> None:
    """No development database to fall back on, and no connecting to whatever answers on 5432."""
    for name in [n for n in os.environ if n.startswith("UNGEAPI_")]:
        monkeypatch.delenv(name)
    assert main(["worker", "--once"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("ungeapi: the settings (UNGEAPI_* variables) are not valid: ")
    assert "UNGEAPI_JWKS_FILE or UNGEAPI_JWKS_URL" in err or "UNGEAPI_CPR_KEY" in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_serving_in_development_without_the_tools_points_to_the_token_command(
    production_install, capsys
) -> None:
    _print_dev_tokens(Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET))
    assert capsys.readouterr().out == "development: mint a token with `ungeapi token` (see --help)\n"


def test_with_the_tools_serving_in_development_prints_a_token_per_role(capsys) -> None:
    _print_dev_tokens(Settings(env="development", jwt_dev_secret=DEV_JWT_SECRET))
    heading, *tokens = capsys.readouterr().out.splitlines()
    assert heading.startswith("development tokens for municipality 860")
    assert len(tokens) == ROLES_WITH_TOKENS
    assert tokens[0].startswith("  caseworker (BFU): ey")


def test_a_module_the_tools_need_stays_its_own_error() -> None:
    with pytest.raises(ModuleNotFoundError) as raised, _dev_tools("x"):
        import ungeapi_not_a_module  # type: ignore[import-not-found]  # noqa: F401
    assert raised.value.name == "ungeapi_not_a_module"


def test_every_module_of_the_service_imports_without_the_tools() -> None:
    script = (
        "import importlib, pkgutil, sys\n"
        "sys.modules['ungeapi_dev'] = None\n"
        "import ungeapi\n"
        "for module in pkgutil.walk_packages(ungeapi.__path__, 'ungeapi.'):\n"
        "    importlib.import_module(module.name)\n"
        "print(sum(name.startswith('ungeapi.') for name in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) > 100  # the walk really imported the service, not an empty package
