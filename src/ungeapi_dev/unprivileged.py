"""Running server programs as an unprivileged system user when the caller is root.

PostgreSQL ("root" execution of the PostgreSQL server is not permitted), pg_autoctl and
PgBouncer refuse to run as root, and containers and CI run as root. As root, these helpers run
such a program as the system user ``pgserver`` (the name the PyPI package pgserver uses too,
created with ``useradd`` if missing) with that user's uid *and* gid and no supplementary
groups, from ``cwd=/`` (so an inaccessible working directory such as ``/root`` does not matter);
the caller makes the files the program needs reachable (``reach``) and owned by it
(``chown_tree``). Not root, they run the program as the caller.

Used by ungeapi_dev.devdb (the embedded PostgreSQL), ungeapi_dev.pgbouncer and ungeapi_dev.ha.
"""

from __future__ import annotations

import ctypes
import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SYSTEM_USER = "pgserver"


@dataclass(frozen=True)
class RunAs:
    uid: int
    gid: int


def system_user() -> RunAs | None:
    """None when not root; otherwise the (created if needed) unprivileged system user."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(SYSTEM_USER)
    except KeyError:
        if shutil.which("useradd"):
            cmd = ["useradd", "--system", "--user-group", "--no-create-home"]
            cmd += ["--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", SYSTEM_USER]
        elif shutil.which("adduser"):  # busybox / alpine
            cmd = ["adduser", "-S", "-D", "-H", SYSTEM_USER]
        else:
            raise RuntimeError(
                f"running as root and cannot create system user {SYSTEM_USER!r} "
                "(no useradd/adduser); PostgreSQL refuses to run as root"
            ) from None
        subprocess.run(cmd, check=True, capture_output=True, text=True)  # noqa: S603
        entry = pwd.getpwnam(SYSTEM_USER)
    return RunAs(entry.pw_uid, entry.pw_gid)


def _environment(extra: Mapping[str, str] | None) -> dict[str, str]:
    # The caller's PG* variables (PGHOST, PGDATA...) would steer the tools somewhere else.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"
    env.update(extra or {})
    return env


def run(
    args: Sequence[str | Path],
    run_as: RunAs | None,
    *,
    check: bool = True,
    timeout: float = 120,
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Runs a program to its end; its output in the result (and in the error when it fails)."""
    # Temporary files, not pipes: a program that starts a daemon (pg_ctl start) must not leave
    # it holding our pipes open.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.run(  # noqa: S603
            [str(a) for a in args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=_environment(env),
            cwd="/",
            timeout=timeout,
            check=False,
            user=None if run_as is None else run_as.uid,
            group=None if run_as is None else run_as.gid,
            extra_groups=None if run_as is None else [],
        )
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(proc.args, proc.returncode, out.read(), err.read())
    if check and result.returncode != 0:
        raise RuntimeError(
            f"{Path(str(args[0])).name} failed with exit code {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )
    return result


def spawn(
    args: Sequence[str | Path],
    run_as: RunAs | None,
    *,
    log: Path,
    env: Mapping[str, str] | None = None,
    die_with_parent: bool = False,
) -> subprocess.Popen[bytes]:
    """Starts a long-running program in a session of its own (so a signal to the caller's process
    group does not reach it), its output appended to `log`. With `die_with_parent` (Linux) it is
    sent SIGTERM when the caller ends, however it ends: a test's server never outlives the test
    run, even one killed by a timeout."""
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603
            [str(a) for a in args],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=_environment(env),
            cwd="/",
            start_new_session=True,
            user=None if run_as is None else run_as.uid,
            group=None if run_as is None else run_as.gid,
            extra_groups=None if run_as is None else [],
            # Runs after the switch of user, which would otherwise clear the parent-death signal.
            preexec_fn=_die_with_parent if die_with_parent else None,
        )


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def add_mode(path: Path, bits: int) -> None:
    mode = path.stat().st_mode
    if mode & bits != bits:
        path.chmod(stat.S_IMODE(mode) | bits)


def reach(directory: Path) -> None:
    """Search permission for others on `directory` and every ancestor (e.g. a checkout under
    /root, which is 0700), and nothing more: no listing, no reading."""
    for path in (directory, *directory.parents):
        add_mode(path, stat.S_IXOTH)


def chown_tree(top: Path, run_as: RunAs) -> None:
    os.chown(top, run_as.uid, run_as.gid)
    for root, dirs, files in os.walk(top):
        for name in (*dirs, *files):
            os.chown(Path(root, name), run_as.uid, run_as.gid, follow_symlinks=False)


def owned_dir(path: Path, run_as: RunAs | None, mode: int = 0o700) -> Path:
    """`path` created if missing, with `mode`, owned by the user the programs run as."""
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(mode)
    if run_as is not None:
        chown_tree(path, run_as)
    return path
