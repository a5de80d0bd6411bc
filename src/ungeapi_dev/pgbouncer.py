"""A PgBouncer in transaction pooling in front of a PostgreSQL server, for tests and the HA setup.

``start_pgbouncer(directory, server)`` writes a configuration under `directory`, starts the
Debian/Ubuntu ``pgbouncer`` binary (``apt-get install pgbouncer``; PgBouncer 1.18 here) as the
unprivileged user (ungeapi_dev.unprivileged: PgBouncer, too, refuses to run as root) on a free
port of 127.0.0.1, and returns a `Bouncer` whose ``url(database_url)`` is that URL through it.

Every database name is passed through to the server (``* =``), authentication is ``trust`` for
the users named (the server decides; these are loopback test setups), and ``pool_size`` server
connections serve any number of clients: with one, every transaction of every client runs on
the same server connection, one after the other, which is what a test of settings that must
not leak from one transaction to the next wants.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from ungeapi_dev.unprivileged import owned_dir, reach, spawn, system_user

INSTALL_HINT = "PgBouncer is not installed: apt-get install pgbouncer (Debian/Ubuntu)"


def pgbouncer_binary() -> str | None:
    """The pgbouncer program, if installed (Debian puts it in /usr/sbin)."""
    return shutil.which("pgbouncer") or shutil.which("pgbouncer", path="/usr/sbin:/usr/local/sbin")


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for_port(
    host: str, port: int, *, timeout: float, process: subprocess.Popen[bytes] | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"exited with code {process.returncode} before listening on {host}:{port}")
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {host}:{port} after {timeout} s")


@dataclass
class Bouncer:
    host: str
    port: int
    directory: Path
    process: subprocess.Popen[bytes]

    def url(self, database_url: str) -> str:
        """`database_url` with PgBouncer in the server's place."""
        url = make_url(database_url).difference_update_query(["host", "port"])
        return url.set(host=self.host, port=self.port).render_as_string(hide_password=False)

    @property
    def log(self) -> Path:
        return self.directory / "pgbouncer.log"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _server_line(server: tuple[str, int] | str) -> str:
    if isinstance(server, str):  # a unix socket: its directory and port
        directory, _, name = server.rpartition("/")
        return f"host={directory} port={name.rsplit('.', 1)[1]}"
    host, port = server
    return f"host={host} port={port}"


def start_pgbouncer(
    directory: Path,
    server: tuple[str, int] | str,
    *,
    users: Sequence[str] = ("postgres",),
    pool_size: int = 1,
    pool_mode: str = "transaction",
    die_with_parent: bool = True,
) -> Bouncer:
    """PgBouncer in front of `server` ((host, port), or a unix socket's path), on a free port."""
    binary = pgbouncer_binary()
    if binary is None:
        raise RuntimeError(INSTALL_HINT)
    run_as = system_user()
    directory = owned_dir(directory.resolve(), run_as)
    reach(directory)
    port = free_port()
    (directory / "users.txt").write_text("".join(f'"{u}" ""\n' for u in users))
    (directory / "pgbouncer.ini").write_text(
        "[databases]\n"
        f"* = {_server_line(server)}\n"
        "[pgbouncer]\n"
        "listen_addr = 127.0.0.1\n"
        f"listen_port = {port}\n"
        "unix_socket_dir =\n"
        "auth_type = trust\n"
        f"auth_file = {directory / 'users.txt'}\n"
        f"pool_mode = {pool_mode}\n"
        f"default_pool_size = {pool_size}\n"
        "max_client_conn = 500\n"
        # Long enough for a suite's slowest transaction to wait its turn for a server connection.
        "query_wait_timeout = 120\n"
        f"pidfile = {directory / 'pgbouncer.pid'}\n"
    )
    owned_dir(directory, run_as)
    process = spawn(
        [binary, str(directory / "pgbouncer.ini")],
        run_as,
        log=directory / "pgbouncer.log",
        die_with_parent=die_with_parent,
    )
    try:
        wait_for_port("127.0.0.1", port, timeout=15, process=process)
    except RuntimeError as exc:
        process.kill()
        tail = (directory / "pgbouncer.log").read_text(errors="replace")[-2000:]
        raise RuntimeError(f"pgbouncer did not start: {exc}\n{tail}") from None
    return Bouncer("127.0.0.1", port, directory, process)
