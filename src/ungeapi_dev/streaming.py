"""A throwaway primary and its streaming replica on loopback, for the tests of the read replica.

``start_pair(directory)`` makes a PostgreSQL cluster under `directory` with the server programs
ungeapi_dev.pgbin finds (initdb, then the primary started), copies it with ``pg_basebackup
--write-recovery-conf`` (a hot standby that streams from the primary) and starts the copy: two
servers on free ports of 127.0.0.1, in trust authentication (loopback, throw-away). Each is the
``postgres`` program itself, run as the unprivileged user when the caller is root
(ungeapi_dev.unprivileged), and ends with the process that started it, however that ends.

    pair = start_pair(Path(tmp))
    pair.url("primary", "ungeapi")   # postgresql+asyncpg://postgres@127.0.0.1:PORT/ungeapi
    pair.url("replica", "ungeapi")
    pair.stop("replica"); pair.start("replica")
    pair.close()

`NoBinaries` when the programs are missing (pg_basebackup among them), for a test to skip.
"""

from __future__ import annotations

import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from ungeapi_dev.devdb import _prepare_for_user
from ungeapi_dev.pgbin import Binaries, NoBinaries, find_binaries
from ungeapi_dev.pgbouncer import free_port, wait_for_port
from ungeapi_dev.unprivileged import RunAs, owned_dir, reach, run, spawn, system_user

HOST = "127.0.0.1"
SUPERUSER = "postgres"
NODES = ("primary", "replica")
# Small and fast: a test's data, never kept (fsync off), and hot_standby_feedback so a long
# statistics query on the replica is not cancelled by the primary's vacuum.
_SETTINGS = (
    f"listen_addresses = '{HOST}'\n"
    "shared_buffers = '32MB'\nmax_connections = 60\nfsync = off\n"
    "full_page_writes = off\nhot_standby_feedback = on\nmax_wal_senders = 4\n"
)
_READY_TIMEOUT = 60.0


def binaries() -> Binaries:
    """The server programs, and pg_basebackup beside them; `NoBinaries` says what is missing."""
    found = find_binaries()
    if not (found.bin_dir / "pg_basebackup").exists():
        raise NoBinaries(f"{found.describe()} has no pg_basebackup in {found.bin_dir}")
    return found


@dataclass
class Pair:
    root: Path
    bin_dir: Path
    run_as: RunAs | None
    ports: dict[str, int]
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def url(self, node: str, database: str = "postgres") -> str:
        return f"postgresql+asyncpg://{SUPERUSER}@{HOST}:{self.ports[node]}/{database}"

    def start(self, node: str) -> None:
        if node in self.processes and self.processes[node].poll() is None:
            return
        args: list[str | Path] = [self.bin_dir / "postgres", "-D", self.root / node]
        args += ["-p", str(self.ports[node]), "-k", str(self.root / "sockets")]
        log = self.root / f"{node}.log"
        process = self.processes[node] = spawn(args, self.run_as, log=log, die_with_parent=True)
        wait_for_port(HOST, self.ports[node], timeout=_READY_TIMEOUT, process=process)
        self._wait_ready(node)

    def _wait_ready(self, node: str) -> None:
        """Until the server takes connections (a standby only once it is consistent)."""
        deadline = time.monotonic() + _READY_TIMEOUT
        while time.monotonic() < deadline:
            done = run(
                [self.bin_dir / "pg_isready", "-h", HOST, "-p", str(self.ports[node]), "-U", SUPERUSER],
                self.run_as,
                check=False,
            )
            if done.returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{node} did not start; see {self.root / node}.log")

    def stop(self, node: str) -> None:
        """Fast shutdown (SIGINT to the postmaster), as ``pg_ctl stop -m fast`` does it."""
        process = self.processes.pop(node, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def close(self) -> None:
        for node in reversed(NODES):
            self.stop(node)


def start_pair(root: Path) -> Pair:
    """A primary and a hot standby streaming from it, both running, under `root` (empty)."""
    found = binaries()
    run_as = system_user()
    owned_dir(root, run_as)
    if run_as is not None:
        _prepare_for_user(found, root, run_as)
    reach(root)
    owned_dir(root / "sockets", run_as)
    pair = Pair(root, found.bin_dir, run_as, {node: free_port(HOST) for node in NODES})
    primary = owned_dir(root / "primary", run_as)
    initdb: list[str | Path] = [found.bin_dir / "initdb", "-D", primary, "-U", SUPERUSER, "--auth=trust"]
    run([*initdb, "--encoding=UTF8", "--no-locale", "--no-instructions"], run_as)
    with (primary / "postgresql.conf").open("a") as conf:
        conf.write(_SETTINGS)
    try:
        pair.start("primary")
        copy: list[str | Path] = [found.bin_dir / "pg_basebackup", "-D", root / "replica"]
        copy += ["-h", HOST, "-p", str(pair.ports["primary"]), "-U", SUPERUSER]
        copy += ["--write-recovery-conf", "--checkpoint=fast"]
        run([*copy, "--wal-method=stream"], run_as)
        pair.start("replica")
    except BaseException:
        pair.close()
        raise
    return pair
