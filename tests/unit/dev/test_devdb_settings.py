"""The embedded server's settings block in postgresql.conf (ungeapi_dev.devdb)."""

from __future__ import annotations

from pathlib import Path

from ungeapi_dev import devdb

INITDB_CONF = "# initdb's postgresql.conf\nmax_connections = 100\n#synchronous_commit = on\n"
OLD_BLOCK = """
# --- ungeapi.devdb settings ---
listen_addresses = ''
unix_socket_permissions = 0777
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
"""


def settings_of(conf: str) -> dict[str, str]:
    """The effective value of each setting: the last assignment wins, as in PostgreSQL."""
    values: dict[str, str] = {}
    for line in conf.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            name, value = (part.strip() for part in line.split("=", 1))
            values[name] = value
    return values


def test_a_new_cluster_commits_synchronously_as_production_does_and_listens_on_no_tcp_port() -> None:
    values = settings_of(devdb._with_settings(INITDB_CONF))
    assert values["synchronous_commit"] == "on"
    assert values["listen_addresses"] == "''"
    assert values["fsync"] == "off"  # throw-away data: no flush to disk


def test_a_cluster_set_up_by_an_older_version_gets_the_current_settings_once(tmp_path: Path) -> None:
    conf = tmp_path / "postgresql.conf"
    conf.write_text(INITDB_CONF + OLD_BLOCK)
    assert not devdb._settings_current(tmp_path)
    assert devdb._ensure_settings(tmp_path) is True
    text = conf.read_text()
    assert text.startswith(INITDB_CONF) and text.count("ungeapi.devdb settings") == 1
    assert settings_of(text)["synchronous_commit"] == "on"
    assert devdb._settings_current(tmp_path)
    assert devdb._ensure_settings(tmp_path) is False
    assert conf.read_text() == text


def test_a_cluster_without_the_block_gets_it_appended(tmp_path: Path) -> None:
    conf = tmp_path / "postgresql.conf"
    conf.write_text(INITDB_CONF)
    assert devdb._ensure_settings(tmp_path) is True
    assert conf.read_text().startswith(INITDB_CONF)
    assert devdb._settings_current(tmp_path)
