"""HTML to PDF, with WeasyPrint: one function, `render`, from the same HTML the routes answer.

PDF/A-2b (ISO 19005-2, archival: fonts embedded, no external references), the variant public
archives and journal systems take. WeasyPrint needs Pango (the Dockerfile installs it; see
docs/operating.md). Rendering is CPU work of tens of milliseconds per page, so `render_async`
runs it in a worker thread, off the event loop.
"""

from __future__ import annotations

from anyio import to_thread

PDF_VARIANT = "pdf/a-2b"


def render(html: str) -> bytes:
    """`html` as a PDF/A document. Nothing is fetched: the templates carry their own styles, and a
    URL in the data is never followed (`allowed_protocols` is empty: network and files refused)."""
    from weasyprint import HTML  # loads Pango: only when a document is printed
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=())
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


async def render_async(html: str) -> bytes:
    return await to_thread.run_sync(render, html)
