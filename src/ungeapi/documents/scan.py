"""The virus-scan hook every upload passes before it is stored (setting `document_scan`).

The setting names a command (run without a shell, the bytes on its stdin; ClamAV's
`clamdscan --no-summary -` answers 0 clean, 1 infected) or a Python callable `module:function`
that takes the bytes and answers True when clean (sync or async). No setting: no scan.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import re
import shlex
from collections.abc import Callable
from typing import Any

from ungeapi.documents import rules
from ungeapi.documents.errors import ScanRejected, ScanUnavailable

_CALLABLE = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")


def _callable(reference: str) -> Callable[[bytes], Any]:
    module, _, name = reference.partition(":")
    found: Callable[[bytes], Any] = getattr(importlib.import_module(module), name)
    return found


async def _run(argv: list[str], content: bytes, seconds: float) -> rules.Verdict:
    try:
        process = await asyncio.create_subprocess_exec(
            *argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError:
        return "failed"
    try:
        await asyncio.wait_for(process.communicate(content), seconds)
    except TimeoutError:
        process.kill()
        await process.wait()
        return "failed"
    return rules.scan_verdict(process.returncode)


async def check(content: bytes, hook: str | None, *, seconds: float) -> None:
    """Refuses `content` the scan rejects (422) or could not check (503); nothing without a hook."""
    if not hook:
        return
    if _CALLABLE.match(hook):
        answer = _callable(hook)(content)
        clean = await answer if inspect.isawaitable(answer) else answer
        verdict: rules.Verdict = "clean" if clean else "infected"
    else:
        verdict = await _run(shlex.split(hook), content, seconds)
    if verdict == "infected":
        raise ScanRejected()
    if verdict == "failed":
        raise ScanUnavailable()
