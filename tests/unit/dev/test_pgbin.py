"""Where the development database finds PostgreSQL's programs (ungeapi_dev.pgbin): the package,
then a PostgreSQL installed on the machine, the cluster's own version first, and a hint that
says what to do when there is none. The programs here are stand-ins that only tell a version."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from ungeapi_dev import pgbin
from ungeapi_dev.pgbin import NoBinaries, find_binaries


def fake_postgres(bin_dir: Path, version: str, *, programs: tuple[str, ...] = pgbin.PROGRAMS) -> Path:
    """A bin directory whose `postgres --version` answers as PostgreSQL `version` would."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    for name in programs:
        script = bin_dir / name
        script.write_text(f"#!/bin/sh\necho '{name} (PostgreSQL) {version}'\n")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def cluster(path: Path, major: int) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "PG_VERSION").write_text(f"{major}\n")
    return path


def nothing_on_path(_: str) -> None:
    return None


def find(pgdata: Path | None = None, **places: object) -> pgbin.Binaries:
    """find_binaries in the given places only: no package, nothing on PATH, no environment."""
    options: dict[str, object] = {"environ": {}, "packages": (), "patterns": (), "which": nothing_on_path}
    options.update(places)
    return find_binaries(pgdata, **options)  # type: ignore[arg-type]


def test_the_newest_local_installation_is_taken_when_no_package_ships_postgresql(tmp_path: Path) -> None:
    for version in ("9.6.24", "15.4", "17.2", "16.1"):
        fake_postgres(tmp_path / "usr/lib/postgresql" / version.split(".")[0] / "bin", version)
    found = find(patterns=[str(tmp_path / "usr/lib/postgresql/*/bin")])
    assert (found.major, found.bin_dir, found.packaged) == (17, tmp_path / "usr/lib/postgresql/17/bin", False)


def test_versions_sort_as_numbers_not_text(tmp_path: Path) -> None:
    fake_postgres(tmp_path / "pgsql-9/bin", "9.6")
    fake_postgres(tmp_path / "pgsql-13/bin", "13.9")
    assert find(patterns=[str(tmp_path / "pgsql-*/bin")]).major == 13


def test_a_package_comes_before_the_machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "fake_embedded_pg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    fake_postgres(package / "pginstall" / "bin", "18.6")
    fake_postgres(tmp_path / "usr/lib/postgresql/17/bin", "17.2")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    found = find(packages=["fake_embedded_pg"], patterns=[str(tmp_path / "usr/lib/postgresql/*/bin")])
    assert (found.major, found.packaged, found.origin) == (18, True, "the package fake_embedded_pg")


def test_an_existing_cluster_keeps_its_version(tmp_path: Path) -> None:
    """A cluster made with PostgreSQL 16 is not handed to 17's server, which would refuse it."""
    for version in ("16.3", "17.2"):
        fake_postgres(tmp_path / "lib" / version.split(".")[0] / "bin", version)
    pgdata = cluster(tmp_path / "var/pgdata", 16)
    assert find(pgdata, patterns=[str(tmp_path / "lib/*/bin")]).major == 16


def test_a_cluster_whose_version_is_not_installed_is_explained(tmp_path: Path) -> None:
    fake_postgres(tmp_path / "lib/17/bin", "17.2")
    pgdata = cluster(tmp_path / "var/pgdata", 16)
    with pytest.raises(NoBinaries) as raised:
        find(pgdata, patterns=[str(tmp_path / "lib/*/bin")])
    message = str(raised.value)
    assert f"{pgdata} holds a PostgreSQL 16 cluster" in message
    assert "PostgreSQL 17 (" in message and "make clean" in message and "UNGEAPI_PG_BIN" in message


def test_pg_ctl_on_the_path_and_pg_config_are_asked(tmp_path: Path) -> None:
    homebrew = fake_postgres(tmp_path / "Cellar/postgresql@17/17.2/bin", "17.2")
    link = tmp_path / "bin" / "pg_ctl"
    link.parent.mkdir()
    link.symlink_to(homebrew / "pg_ctl")
    found = find(which=lambda name: str(link) if name == "pg_ctl" else None)
    assert (found.bin_dir, found.origin) == (homebrew, "pg_ctl on PATH")

    debian = fake_postgres(tmp_path / "usr/lib/postgresql/15/bin", "15.20 (Debian 15.20-0+deb12u1)")
    pg_config = tmp_path / "bin" / "pg_config"
    pg_config.write_text(f"#!/bin/sh\necho '{debian}'\n")
    pg_config.chmod(0o755)
    found = find(which=lambda name: str(pg_config) if name == "pg_config" else None)
    assert (found.bin_dir, found.major) == (debian, 15)


def test_a_directory_missing_a_program_or_too_old_is_passed_over(tmp_path: Path) -> None:
    fake_postgres(tmp_path / "a/18/bin", "18.1", programs=("postgres", "pg_ctl"))  # no initdb
    fake_postgres(tmp_path / "a/12/bin", "12.22")  # older than the migrations need
    with pytest.raises(NoBinaries) as raised:
        find(patterns=[str(tmp_path / "a/*/bin")])
    assert str(raised.value).startswith("no PostgreSQL server programs (initdb, pg_ctl, postgres) found")


def test_with_nothing_found_the_hint_names_every_way_out() -> None:
    with pytest.raises(NoBinaries) as raised:
        find()
    message = str(raised.value)
    for way in ("pip install -e '.[embedded]'", "apt install postgresql", "brew install postgresql@17",
                "UNGEAPI_PG_BIN", "UNGEAPI_DATABASE_URL"):  # fmt: skip
        assert way in message, way


def test_the_directory_set_by_hand_is_used_or_refused_never_passed_over(tmp_path: Path) -> None:
    chosen = fake_postgres(tmp_path / "mine/bin", "16.3")
    fake_postgres(tmp_path / "lib/17/bin", "17.2")
    places = {"patterns": [str(tmp_path / "lib/*/bin")]}
    found = find(environ={pgbin.ENV_VAR: str(chosen)}, **places)
    assert (found.bin_dir, found.major, found.origin) == (chosen, 16, "UNGEAPI_PG_BIN")

    with pytest.raises(NoBinaries, match=r"UNGEAPI_PG_BIN=.*/typo/bin has no initdb, pg_ctl, postgres"):
        find(environ={pgbin.ENV_VAR: str(tmp_path / "typo/bin")}, **places)
    with pytest.raises(NoBinaries, match="is PostgreSQL 16, and the development cluster is PostgreSQL 17"):
        find(cluster(tmp_path / "pgdata", 17), environ={pgbin.ENV_VAR: str(chosen)}, **places)


def test_the_real_places_find_a_postgresql_on_this_machine() -> None:
    """What make run and make test rely on: the package, or else the machine's PostgreSQL."""
    found = find_binaries()
    assert found.major >= pgbin.MINIMUM_MAJOR
    assert all(os.access(found.bin_dir / name, os.X_OK) for name in pgbin.PROGRAMS)
