"""Documents through HTTP: upload with its limits and scan, metadata, content, the journal
system's round trip (document.ready, fetch, reference written back), R9 and tenant refusals, and
printed records as HTML or PDF by Accept (text read back from the PDF)."""

from __future__ import annotations

import hashlib
import io
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, Request, Response
from pypdf import PdfReader

from tests.api.integration.helpers import all_events, wait_until_settled
from tests.api.record.world import World, feed_types, world
from tests.clock import now
from tests.conftest import TokenFactory
from ungeapi.documents.negotiation import document_response
from ungeapi.documents.pdf import render
from ungeapi.main import create_app, install_error_handlers

SIGNED = render(
    "<html lang='da'><body><h1>Samtykke</h1><p>Underskrevet af Testa Eksempelsen.</p></body></html>"
)


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


async def upload(
    client: Any, w: World, content: bytes = SIGNED, headers: dict[str, str] | None = None, **params: Any
) -> httpx.Response:
    query = {"youth_id": w.youth_id, "kind": "signed_consent", "title": "Samtykke til deling", **params}
    sent = {"Content-Type": "application/pdf", "Content-Disposition": 'attachment; filename="samtykke.pdf"'}
    return await client.post(
        "/v1/documents", params=query, content=content, headers={**(headers or w.bfu), **sent}
    )


@pytest.fixture(scope="module")
async def strict_client(settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose documents are at most 2 kB and scanned: EICAR in the bytes is a virus, and a
    document that says SCANNER-DOWN makes the scan fail."""
    scan = "sh -c 'data=$(cat); case \"$data\" in *EICAR*) exit 1;; *SCANNER-DOWN*) exit 2;; esac'"
    app = create_app(settings.model_copy(update={"document_max_bytes": 2048, "document_scan": scan}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


class TestUploadAndJournal:
    async def test_the_journal_system_fetches_the_document_and_writes_the_reference_back(
        self, client, auth: TokenFactory, admin_db
    ) -> None:
        w = await world(client, auth)
        made = await upload(client, w)
        assert made.status_code == 201, made.text
        doc = made.json()
        assert made.headers["Location"] == f"/v1/documents/{doc['id']}"
        assert (doc["content_type"], doc["size_bytes"], doc["filename"]) == (
            "application/pdf",
            len(SIGNED),
            "samtykke.pdf",
        )
        assert doc["sha256"] == hashlib.sha256(SIGNED).hexdigest() and doc["journal_id"] is None
        # The journal system follows the feed, fetches the PDF and files it.
        journal = auth("integration", [], sub="sbsys")
        assert await feed_types(client, admin_db, journal, doc["id"]) == ["document.ready"]
        fetched = await client.get(f"/v1/documents/{doc['id']}/content", headers=journal)
        assert fetched.status_code == 200 and fetched.headers["content-type"] == "application/pdf"
        assert fetched.content == SIGNED and "Underskrevet af Testa Eksempelsen." in pdf_text(fetched.content)
        reference = {
            "journal_system": "SBSYS",
            "journal_id": "27.12.04-P27-3-26",
            "journalized_at": now().isoformat(),
        }
        put = await client.put(
            f"/v1/documents/{doc['id']}/journal-reference", json=reference, headers=journal
        )
        assert put.status_code == 200, put.text
        assert (put.json()["journal_system"], put.json()["journal_id"], put.json()["version"]) == (
            "SBSYS",
            "27.12.04-P27-3-26",
            2,
        )
        again = await client.put(
            f"/v1/documents/{doc['id']}/journal-reference", json=reference, headers=journal
        )
        assert (again.status_code, again.json()["version"]) == (200, 2)
        other = {**reference, "journal_id": "27.12.04-P27-9-26"}
        moved = await client.put(f"/v1/documents/{doc['id']}/journal-reference", json=other, headers=journal)
        assert (moved.status_code, moved.json()["code"]) == (409, "document.already_journalized")
        assert await feed_types(client, admin_db, journal, doc["id"]) == [
            "document.ready",
            "document.updated",
        ]
        read = await client.get(f"/v1/documents/{doc['id']}", headers=w.bfu)
        assert read.json()["journalized_at"] is not None and read.json()["title"] == "Samtykke til deling"

    async def test_a_journal_time_in_the_future_is_refused(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        doc = (await upload(client, w)).json()
        future = {"journal_system": "SBSYS", "journal_id": "1", "journalized_at": "2999-01-01T00:00:00+00:00"}
        refused = await client.put(f"/v1/documents/{doc['id']}/journal-reference", json=future, headers=w.bfu)
        assert (refused.status_code, refused.json()["code"]) == (422, "document.journal_time_invalid")


class TestRefusals:
    async def test_another_municipality_sees_nothing(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        doc = (await upload(client, w)).json()
        for path in (f"/v1/documents/{doc['id']}", f"/v1/documents/{doc['id']}/content"):
            answer = await client.get(path, headers=w.other_municipality)
            assert (answer.status_code, answer.json()["code"]) == (404, "document.not_found")
        written = await upload(client, w, headers=w.other_municipality)
        assert (written.status_code, written.json()["code"]) == (404, "youth.not_found")

    async def test_a_department_without_need_to_know_reads_the_metadata_not_the_content(
        self, client, auth: TokenFactory
    ) -> None:
        w = await world(client, auth)
        doc = (await upload(client, w, information_class="health")).json()
        meta = await client.get(f"/v1/documents/{doc['id']}", headers=w.arb)
        assert meta.status_code == 200 and meta.json()["title"] is None
        assert meta.json()["withheld"] == [{"part": "content", "information_class": "health"}]
        content = await client.get(f"/v1/documents/{doc['id']}/content", headers=w.arb)
        assert (content.status_code, content.json()["code"]) == (403, "document.content_withheld")
        own = await client.get(f"/v1/documents/{doc['id']}/content", headers=w.bfu)
        assert own.status_code == 200 and own.content == SIGNED
        assert (
            await client.get(f"/v1/documents/{doc['id']}", headers=auth("analyst", []))
        ).status_code == 403

    async def test_wrong_type_415(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        query = {"youth_id": w.youth_id, "kind": "other", "title": "Noter"}
        sent = await client.post(
            "/v1/documents", params=query, content=b"hello", headers={**w.bfu, "Content-Type": "text/plain"}
        )
        assert (sent.status_code, sent.json()["code"]) == (415, "document.unsupported_type")
        # Bare bytes (as generated clients send a file) are taken for what they begin like.
        bare = {**w.bfu, "Content-Type": "application/octet-stream"}
        as_pdf = await client.post("/v1/documents", params=query, content=SIGNED, headers=bare)
        assert (as_pdf.status_code, as_pdf.json()["content_type"]) == (201, "application/pdf")
        program = await client.post("/v1/documents", params=query, content=b"MZ\x90\x00", headers=bare)
        assert (program.status_code, program.json()["code"]) == (415, "document.unsupported_type")

    async def test_oversized_413_and_the_scan(
        self, client, strict_client, auth: TokenFactory, admin_db
    ) -> None:
        w = await world(client, auth)
        small = b"%PDF-1.7 small"
        assert (await upload(strict_client, w, small)).status_code == 201
        too_large = await upload(strict_client, w, b"%PDF" + b"0" * 4096)
        assert too_large.status_code == 413
        virus = await upload(strict_client, w, b"%PDF X5O!P%@AP EICAR-STANDARD-ANTIVIRUS-TEST-FILE")
        assert (virus.status_code, virus.json()["code"]) == (422, "document.rejected_by_scan")
        down = await upload(strict_client, w, b"%PDF SCANNER-DOWN")
        assert (down.status_code, down.json()["code"]) == (503, "document.scan_unavailable")
        await wait_until_settled(admin_db)
        ready = [e for e in await all_events(client, auth("admin")) if e["type"] == "document.ready"]
        assert len(ready) == 1


class TestPrinted:
    async def test_the_plans_page_as_html_or_pdf_by_accept(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        plan = await client.post(
            "/v1/plans", json={"youth_id": w.youth_id, "wishes": "Vil være tømrer"}, headers=w.bfu
        )
        assert plan.status_code == 201, plan.text
        page = await client.get(f"/v1/plans/{plan.json()['id']}/document", headers=w.bfu)
        assert page.status_code == 200, page.text
        printer = FastAPI()
        install_error_handlers(printer)

        @printer.get("/document")
        async def document(request: Request) -> Response:
            return await document_response(request, page.text, filename="plan")

        transport = httpx.ASGITransport(app=printer, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as printed:
            pdf = await printed.get("/document", headers={"Accept": "application/pdf"})
            assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
            text = pdf_text(pdf.content)
            assert "Uddannelses- og jobplan" in text and "Vil være tømrer" in text and "Testa" in text
            preferred = await printed.get("/document", headers={"Accept": "text/html;q=0.5, application/pdf"})
            assert preferred.content.startswith(b"%PDF")
            html = await printed.get(
                "/document", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
            )
            assert html.headers["content-type"].startswith("text/html") and html.text == page.text
            refused = await printed.get("/document", headers={"Accept": "image/png"})
            assert (refused.status_code, refused.json()["code"]) == (406, "request.not_acceptable")
