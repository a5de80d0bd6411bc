"""`GET .../document` answers HTML or PDF by Accept: the one helper every printable record's
route calls with its rendered HTML (the plan, the minutes, the referral form...)."""

from __future__ import annotations

from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse

from ungeapi.documents import rules
from ungeapi.documents.errors import NotAcceptable
from ungeapi.documents.pdf import render_async

HEADERS = {"Content-Language": "da", "Cache-Control": "no-store", "Vary": "Accept"}


async def document_response(request: Request, html: str, *, filename: str) -> Response:
    """`html` as the page, or as a PDF named `filename`.pdf, as the request's Accept prefers; 406
    `document.not_acceptable` when it accepts neither."""
    chosen = rules.negotiate(request.headers.get("accept"))
    if chosen is None:
        raise NotAcceptable()
    if chosen == "html":
        return HTMLResponse(html, headers=HEADERS)
    pdf = await render_async(html)
    disposition = {"Content-Disposition": f'inline; filename="{filename}.pdf"'}
    return Response(pdf, media_type=rules.PDF, headers={**HEADERS, **disposition})


def document_responses(description: str, html_example: str) -> dict[int | str, dict[str, Any]]:
    """The `responses=` of such a route: HTML or PDF, and the 406."""
    content = {
        rules.HTML: {"schema": {"type": "string"}, "example": html_example},
        rules.PDF: {"schema": {"type": "string", "format": "binary"}, "example": "%PDF-1.7"},
    }
    return {200: {"description": description, "content": content}}
