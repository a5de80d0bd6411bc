"""CPR numbers never travel in a URL: the guard the request layer runs before any handler, logger
or SQL sees a request (core/observability.py).

A CPR-shaped value (DDMMYY-SSSS or ten digits, as a word of its own) in the query string or the
path is refused with 400 `request.cpr_in_url`; CPR numbers go in bodies (`POST /v1/youth/lookup`).
One kind of path segment is left alone: a path parameter that holds another system's identifier
(`PUT /v1/cases/by-external/sbsys/2024001234`, a journal number), marked `FOREIGN_ID` where the
route declares it. Such an id is the other system's key, and ten digits are a common format for
one. The request log masks CPR-shaped values wherever they are (core/observability.py).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from starlette.types import Scope

# Word boundaries, so a UUID whose last group holds ten digits is not taken for one.
CPR_LIKE = re.compile(r"\b\d{6}-?\d{4}\b")


class ForeignId:
    """Marks a path parameter as another system's identifier: `Annotated[str, Path(...), FOREIGN_ID]`."""

    def __repr__(self) -> str:
        return "FOREIGN_ID"


FOREIGN_ID = ForeignId()


def cpr_in_url(scope: Scope) -> bool:
    """Whether the request's URL holds a CPR-shaped value where a CPR number could be meant."""
    query = scope.get("query_string", b"")
    if query and CPR_LIKE.search(unquote(query.decode("latin-1"))):
        return True
    path: str = scope["path"]
    # The common case is one search; the routes are looked at only for a CPR-shaped path.
    if CPR_LIKE.search(path) is None:
        return False
    return CPR_LIKE.search(_without_foreign_ids(scope, path)) is not None


def _without_foreign_ids(scope: Scope, path: str) -> str:
    """`path` with the values of the foreign-id parameters of the route it goes to blanked out."""
    for regex, names in _routes(scope.get("app")):
        found = regex.match(path)
        if found is None:
            continue
        for name in names:
            start, end = found.span(name)
            path = path[:start] + " " * (end - start) + path[end:]
        return path
    return path


# App -> its routes' path patterns and foreign-id parameters, in routing order; by id, with the
# app kept, so an id is never another app's.
_ROUTES: dict[int, tuple[Any, list[tuple[re.Pattern[str], tuple[str, ...]]]]] = {}


def _routes(app: Any) -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    known = _ROUTES.get(id(app))
    if known is None:
        found = []
        for route in getattr(app, "routes", ()):
            regex = getattr(route, "path_regex", None)
            dependant = getattr(route, "dependant", None)
            if regex is None:
                continue
            params = dependant.path_params if dependant is not None else []
            names = tuple(
                p.alias or p.name
                for p in params
                if any(isinstance(m, ForeignId) for m in p.field_info.metadata)
            )
            found.append((regex, names))
        known = _ROUTES[id(app)] = (app, found)
    return known[1]
