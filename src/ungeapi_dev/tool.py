"""What the development tools' command lines share."""

from __future__ import annotations

import sys
from collections.abc import Callable


def exit_status(prog: str, command: Callable[[], int]) -> int:
    """Runs `command`: its exit status, or for a RuntimeError (the tool's way of saying what went
    wrong, plainly) its message on stderr and 1, not a traceback."""
    try:
        return command()
    except RuntimeError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
