"""A high-availability PostgreSQL cluster on loopback, with pg_auto_failover: `make ha-up`.

One monitor and three data nodes (a primary and two replicas), each its own PostgreSQL 15 and
its own ``pg_autoctl`` service, on 127.0.0.1 (monitor port 55430, nodes 55431-55433), under
``var/ha/``. The engine elects: the monitor watches the nodes, and when the primary is lost it
promotes the most advanced replica of the write quorum; ungeapi only reconnects (a multi-host
URL with ``target_session_attrs=read-write``, `Cluster.url`). Commits are synchronous: the
formation's ``number_sync_standbys`` is 1, so the primary acknowledges a commit only once one of
the two replicas has it, and the replica promoted after a failure has every acknowledged commit.

Why pg_auto_failover rather than Patroni + etcd: it is packaged by Debian for the PostgreSQL
15 that runs here (``postgresql-15-auto-failover``, ``pg-auto-failover-cli``: one C program,
no Python environment of its own), and it needs no consensus store besides: its monitor is a
PostgreSQL too. Patroni needs an etcd (or Consul, ZooKeeper) cluster of three to be highly
available itself. The price: the monitor is one node, not a quorum; while it is down nothing
fails over (the data nodes keep serving), which docs/operating.md says how to live with.

Timing: the monitor's defaults take 30-50 s to fail over (a node is unhealthy after 20 s
without a report, and a primary that might still be alive is given 30 s to demote itself).
Here, on one machine's loopback, they are shortened (`_MONITOR_SETTINGS`, `_KEEPER_SETTINGS`)
and kept in the order that makes them safe: a primary cut off from the monitor and its
replicas demotes itself (network_partition_timeout, 3 s) before the monitor gives up waiting
for it (primary_demote_timeout, 5 s), so two primaries never accept writes at once.

Root: PostgreSQL and pg_autoctl refuse to run as root; as root everything runs as the
unprivileged user of ungeapi_dev.unprivileged. The services are detached (they outlive
``make ha-up``); their process ids are kept in ``var/ha/<node>.pid``.

    python -m ungeapi_dev.ha up        # create or start the cluster, wait until it is whole
    python -m ungeapi_dev.ha url       # the API's database URL (multi-host, read-write)
    python -m ungeapi_dev.ha replica-url # its read replica URL (multi-host, standby)
    python -m ungeapi_dev.ha state     # pg_autoctl show state
    python -m ungeapi_dev.ha kill NODE # SIGKILL a node's service and PostgreSQL (a lost machine)
    python -m ungeapi_dev.ha start NODE# start a node's service again (it rejoins as a replica)
    python -m ungeapi_dev.ha down      # stop everything and remove var/ha
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ungeapi_dev.unprivileged import RunAs, owned_dir, reach, run, spawn, system_user

INSTALL_HINT = (
    "pg_auto_failover is not installed: apt-get install postgresql-15-auto-failover "
    "pg-auto-failover-cli (Debian/Ubuntu, PostgreSQL 15)"
)
PG_BIN = Path(os.environ.get("UNGEAPI_HA_PG_BIN", "/usr/lib/postgresql/15/bin"))
HOST = "127.0.0.1"
MONITOR_PORT = 55430
NODES = {"node1": 55431, "node2": 55432, "node3": 55433}
DATABASE = "ungeapi"
SUPERUSER = "postgres"
# Appended to every instance's postgresql.conf, after pg_autoctl's include (its first line), so
# these win: loopback only, one socket directory for all (ports differ, so do the sockets), and
# a small shared_buffers: pg_autoctl would give each of the four a quarter of the machine.
_CONF_MARKER = "# --- ungeapi_dev.ha settings ---"
_MONITOR_SETTINGS = {
    "pgautofailover.health_check_period": "1000",
    "pgautofailover.health_check_timeout": "1000",
    "pgautofailover.health_check_max_retries": "1",
    "pgautofailover.health_check_retry_delay": "500",
    "pgautofailover.node_considered_unhealthy_timeout": "3000",
    "pgautofailover.primary_demote_timeout": "5000",
}
_KEEPER_SETTINGS = {"timeout.network_partition_timeout": "3"}
_READY_TIMEOUT = 180


def installed() -> bool:
    return shutil.which("pg_autoctl") is not None and (PG_BIN / "pg_ctl").exists()


@dataclass(frozen=True)
class Cluster:
    root: Path

    @property
    def sockets(self) -> Path:
        return self.root / "sockets"

    def data(self, node: str) -> Path:
        return self.root / node

    def log(self, node: str) -> Path:
        return self.root / f"{node}.log"

    def pid_file(self, node: str) -> Path:
        return self.root / f"{node}.pid"

    @property
    def monitor_uri(self) -> str:
        return f"postgres://autoctl_node@{HOST}:{MONITOR_PORT}/pg_auto_failover?sslmode=disable"

    def url(self, database: str = DATABASE) -> str:
        """The API's URL: every data node, and only the one that takes writes will do."""
        hosts = "&".join(f"host={HOST}:{port}" for port in NODES.values())
        return f"postgresql+asyncpg://{SUPERUSER}@/{database}?{hosts}&target_session_attrs=read-write"

    def replica_url(self, database: str = DATABASE) -> str:
        """The API's read replica URL (UNGEAPI_DATABASE_REPLICA_URL): every data node, and only a
        standby will do; whichever nodes are the replicas after a failover. With none reachable
        the API reads from the primary (core/db.py `read_transaction`)."""
        return standby_url(self.url(database))

    def node_url(self, node: str, database: str = DATABASE) -> str:
        return f"postgresql://{SUPERUSER}@{HOST}:{NODES[node]}/{database}"


def standby_url(url: str) -> str:
    """The cluster's URL `url` (`Cluster.url`) for its standbys rather than its primary."""
    return url.replace("target_session_attrs=read-write", "target_session_attrs=standby")


def _env(cluster: Cluster) -> dict[str, str]:
    # pg_autoctl keeps its configuration and state under $HOME (XDG directories) and reaches its
    # local PostgreSQL through PGHOST's socket directory as PGUSER.
    return {
        "HOME": str(cluster.root / "home"),
        "XDG_RUNTIME_DIR": str(cluster.root / "run"),
        "PGHOST": str(cluster.sockets),
        "PGUSER": SUPERUSER,
        "PATH": f"{PG_BIN}:{os.environ.get('PATH', '/usr/bin:/bin')}",
    }


def _autoctl(cluster: Cluster, run_as: RunAs | None, *args: str, check: bool = True) -> str:
    result = run(["pg_autoctl", *args], run_as, env=_env(cluster), check=check, timeout=300)
    return result.stdout + result.stderr


def _initdb(cluster: Cluster, run_as: RunAs | None, node: str) -> None:
    data = cluster.data(node)
    if (data / "PG_VERSION").exists():
        return
    owned_dir(data, run_as)
    run(
        [PG_BIN / "initdb", "-D", data, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale"],
        run_as,
    )
    conf = data / "postgresql.conf"
    conf.write_text(
        conf.read_text()
        + f"\n{_CONF_MARKER}\nlisten_addresses = '{HOST}'\n"
        + f"unix_socket_directories = '{cluster.sockets}'\nshared_buffers = '128MB'\n"
        + "max_connections = 200\n"
    )


def _running(cluster: Cluster, node: str) -> bool:
    try:
        pid = int(cluster.pid_file(node).read_text())
    except (OSError, ValueError):
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    return any(part.endswith(b"pg_autoctl") for part in cmdline)


def _start(cluster: Cluster, run_as: RunAs | None, node: str, args: list[str]) -> None:
    if _running(cluster, node):
        return
    process = spawn(["pg_autoctl", *args], run_as, log=cluster.log(node), env=_env(cluster))
    cluster.pid_file(node).write_text(str(process.pid))


def state(cluster: Cluster, run_as: RunAs | None = None) -> list[dict[str, Any]]:
    """The monitor's view of the nodes: name, port, reported and assigned state."""
    out = run(
        ["pg_autoctl", "show", "state", "--pgdata", cluster.data("monitor"), "--json"],
        run_as if run_as is not None else system_user(),
        env=_env(cluster),
        check=False,
    )
    try:
        nodes: list[dict[str, Any]] = json.loads(out.stdout)
    except ValueError:
        return []
    return nodes


def _settled(nodes: list[dict[str, Any]], count: int) -> bool:
    """`count` nodes, each in the state the monitor assigned it: one alone is "single", else a
    primary and the rest secondaries."""
    current = [n for n in nodes if n.get("current_group_state") == n.get("assigned_group_state")]
    roles = sorted(str(n.get("current_group_state")) for n in current)
    wanted = ["single"] if count == 1 else ["primary"] + ["secondary"] * (count - 1)
    return len(current) == len(nodes) == count and roles == wanted


def wait_settled(cluster: Cluster, count: int, timeout: float = _READY_TIMEOUT) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    nodes: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        nodes = state(cluster)
        if _settled(nodes, count):
            return nodes
        time.sleep(0.5)
    raise RuntimeError(f"the cluster did not settle in {timeout} s: {nodes}\nlogs: {cluster.root}/*.log")


def primary(cluster: Cluster) -> str | None:
    for node in state(cluster):
        if node.get("current_group_state") == node.get("assigned_group_state") == "primary":
            return str(node["nodename"])
    return None


def up(root: Path) -> Cluster:
    """Creates the cluster if it is not there, starts what is not running, waits until it is whole."""
    if not installed():
        raise RuntimeError(INSTALL_HINT)
    cluster = Cluster(root.expanduser().resolve())
    run_as = system_user()
    for directory in (cluster.root, cluster.sockets, cluster.root / "home", cluster.root / "run"):
        owned_dir(directory, run_as)
    reach(cluster.root)
    pgctl = str(PG_BIN / "pg_ctl")

    monitor = cluster.data("monitor")
    if not (monitor / "pg_autoctl.cfg").exists() and not (cluster.root / "home" / ".config").exists():
        _initdb(cluster, run_as, "monitor")
        _autoctl(
            cluster, run_as, "create", "monitor", "--pgdata", str(monitor), "--pgport", str(MONITOR_PORT),
            "--hostname", HOST, "--auth", "trust", "--no-ssl", "--pgctl", pgctl,
        )  # fmt: skip
    _start(cluster, run_as, "monitor", ["run", "--pgdata", str(monitor)])
    _wait_sql(cluster, run_as, MONITOR_PORT, "pg_auto_failover")
    for name, value in _MONITOR_SETTINGS.items():
        _psql(cluster, run_as, MONITOR_PORT, "pg_auto_failover", f"ALTER SYSTEM SET {name} = '{value}'")
    _psql(cluster, run_as, MONITOR_PORT, "pg_auto_failover", "SELECT pg_reload_conf()")

    for count, (node, port) in enumerate(NODES.items(), start=1):
        data = cluster.data(node)
        if node == "node1":
            _initdb(cluster, run_as, node)  # the first primary; the replicas are copies of it
        else:
            owned_dir(data, run_as)
        if _created(cluster, node):
            _start(cluster, run_as, node, ["run", "--pgdata", str(data)])
            continue
        args = [
            "create", "postgres", "--pgdata", str(data), "--pgport", str(port), "--hostname", HOST,
            "--listen", HOST, "--name", node, "--dbname", DATABASE, "--monitor", cluster.monitor_uri,
            "--auth", "trust", "--no-ssl", "--username", SUPERUSER, "--pgctl", pgctl,
            "--replication-quorum", "true", "--run",
        ]  # fmt: skip
        _start(cluster, run_as, node, args)
        wait_settled(cluster, count)
        for name, value in _KEEPER_SETTINGS.items():
            _autoctl(cluster, run_as, "config", "set", "--pgdata", str(data), name, value)
        _autoctl(cluster, run_as, "reload", "--pgdata", str(data), check=False)
    first = str(cluster.data("node1"))
    _autoctl(cluster, run_as, "set", "formation", "number-sync-standbys", "1", "--pgdata", first, check=False)
    wait_settled(cluster, len(NODES))
    return cluster


def _created(cluster: Cluster, node: str) -> bool:
    """pg_autoctl finished creating the node once (its state file exists)."""
    share = cluster.root / "home" / ".local" / "share" / "pg_autoctl"
    return any(share.rglob(f"{node}/pg_autoctl.state")) if share.exists() else False


def _psql(cluster: Cluster, run_as: RunAs | None, port: int, database: str, sql: str) -> str:
    result = run(
        [PG_BIN / "psql", "-h", HOST, "-p", str(port), "-U", SUPERUSER, "-d", database, "-Atc", sql],
        run_as,
        env=_env(cluster),
    )
    return result.stdout.strip()


def _wait_sql(cluster: Cluster, run_as: RunAs | None, port: int, database: str) -> None:
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        result = run(
            [PG_BIN / "pg_isready", "-h", HOST, "-p", str(port), "-d", database], run_as, check=False
        )
        if result.returncode == 0:
            return
        time.sleep(0.3)
    raise RuntimeError(f"PostgreSQL on {HOST}:{port} did not answer; logs: {cluster.root}/*.log")


def _parents() -> dict[int, int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                # The command name, in parentheses, may hold spaces: the fields after it are fixed.
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
    return parents


def _tree(leader: int) -> list[int]:
    """`leader` and every process below it: the service, its PostgreSQL, and PostgreSQL's own
    processes (which start sessions of their own, so a process group would not hold them)."""
    parents = _parents()
    tree = [leader] if leader in parents else []
    for pid in tree:
        tree.extend(child for child, parent in parents.items() if parent == pid)
    return tree


def kill(cluster: Cluster, node: str) -> int:
    """SIGKILL to the node's service and everything it runs, at once: as if its machine died.
    Returns how many processes were killed."""
    try:
        leader = int(cluster.pid_file(node).read_text())
    except (OSError, ValueError):
        return 0
    members = _tree(leader)
    for pid in members:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue
    return len(members)


def start(cluster: Cluster, node: str) -> None:
    """Runs a node's service again; a lost primary comes back as a replica of the new one."""
    _start(cluster, system_user(), node, ["run", "--pgdata", str(cluster.data(node))])


def down(root: Path) -> None:
    cluster = Cluster(root.expanduser().resolve())
    if not cluster.root.exists():
        return
    for node in [*NODES, "monitor"]:
        if _running(cluster, node):
            leader = int(cluster.pid_file(node).read_text())
            os.kill(leader, signal.SIGTERM)  # pg_autoctl stops its PostgreSQL, fast
            deadline = time.monotonic() + 30
            while _tree(leader) and time.monotonic() < deadline:
                time.sleep(0.2)
        kill(cluster, node)
    shutil.rmtree(cluster.root)
    runtime = Path("/tmp/pg_autoctl") / str(cluster.root).lstrip("/")  # noqa: S108 - pg_autoctl's choice
    shutil.rmtree(runtime, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ungeapi_dev.ha", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["up", "url", "replica-url", "state", "kill", "start", "down"])
    parser.add_argument("node", nargs="?", help="for kill and start: monitor, node1, node2 or node3")
    parser.add_argument("--var-dir", type=Path, default=Path("var/ha"), help="state (default var/ha)")
    args = parser.parse_args(argv)
    cluster = Cluster(args.var_dir.expanduser().resolve())
    try:
        if args.command == "up":
            cluster = up(args.var_dir)
            print(f"primary: {primary(cluster)}; API database URL (UNGEAPI_DATABASE_URL):\n{cluster.url()}")
            print(f"read replicas (UNGEAPI_DATABASE_REPLICA_URL):\n{cluster.replica_url()}")
        elif args.command == "url":
            print(cluster.url())
        elif args.command == "replica-url":
            print(cluster.replica_url())
        elif args.command == "state":
            for node in state(cluster):
                reported, assigned = node["current_group_state"], node["assigned_group_state"]
                print(f"{node['nodename']:8} {node['nodeport']} {reported:>12} -> {assigned}")
        elif args.command in ("kill", "start"):
            if args.node not in (*NODES, "monitor"):
                parser.error(f"{args.command} needs a node: monitor, {', '.join(NODES)}")
            if args.command == "kill":
                print(f"killed {kill(cluster, args.node)} processes of {args.node}")
            else:
                start(cluster, args.node)
        else:
            down(args.var_dir)
    except RuntimeError as exc:
        print(f"ha: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
