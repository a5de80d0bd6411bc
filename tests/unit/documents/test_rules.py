"""Documents' pure rules: Accept negotiation, upload limits, scan verdicts, journal times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ungeapi.documents import rules, scan
from ungeapi.documents.errors import ScanRejected, ScanUnavailable


class TestNegotiate:
    @pytest.mark.parametrize(
        ("accept", "chosen"),
        [
            (None, "html"),
            ("", "html"),
            ("text/html", "html"),
            ("application/pdf", "pdf"),
            ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"),
            ("text/html;q=0.5, application/pdf", "pdf"),
            ("application/pdf;q=0.9, text/html;q=0.9", "pdf"),
            ("*/*", "html"),
            ("application/*", "pdf"),
            ("image/png, */*;q=0.1", "html"),
            ("APPLICATION/PDF", "pdf"),
            ("application/pdf;q=0, */*", "html"),
            ("text/html;q=abc, application/pdf;q=0.1", "pdf"),
            ("image/png", None),
            ("application/json", None),
            ("text/html;q=0, application/pdf;q=0", None),
        ],
    )
    def test_the_preferred_of_html_and_pdf(self, accept: str | None, chosen: str | None) -> None:
        assert rules.negotiate(accept) == chosen

    @given(st.floats(0.001, 1), st.floats(0.001, 1))
    def test_the_higher_q_wins(self, html: float, pdf: float) -> None:
        chosen = rules.negotiate(f"text/html;q={html:.3f}, application/pdf;q={pdf:.3f}")
        if round(html, 3) != round(pdf, 3):
            assert chosen == ("html" if round(html, 3) > round(pdf, 3) else "pdf")


class TestLimits:
    def test_types_compared_without_parameters(self) -> None:
        allowed = ["application/pdf", "image/png"]
        assert rules.type_allowed("application/pdf", allowed)
        assert rules.type_allowed("Application/PDF; name=x.pdf", allowed)
        assert not rules.type_allowed("text/plain", allowed) and not rules.type_allowed("", allowed)

    def test_size_at_the_limit_is_allowed(self) -> None:
        assert not rules.too_large(10, 10) and rules.too_large(11, 10)

    @pytest.mark.parametrize(
        ("code", "verdict"), [(0, "clean"), (1, "infected"), (2, "failed"), (None, "failed")]
    )
    def test_scan_exit_codes(self, code: int | None, verdict: str) -> None:
        assert rules.scan_verdict(code) == verdict


class TestJournalTime:
    NOW = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)

    def test_between_the_documents_making_and_now(self) -> None:
        made = self.NOW - timedelta(days=2)
        assert not rules.journal_time_refused(self.NOW - timedelta(days=1), self.NOW, made)
        assert rules.journal_time_refused(self.NOW + timedelta(hours=1), self.NOW, made)
        assert rules.journal_time_refused(made - timedelta(hours=1), self.NOW, made)

    def test_the_journal_system_fetches_whatever_the_class(self) -> None:
        assert rules.may_fetch(False, {"caseworker"}) and rules.may_fetch(True, {"integration"})
        assert not rules.may_fetch(True, {"caseworker", "coordinator"})


def refuse_everything(content: bytes) -> bool:
    return False


async def accept_everything(content: bytes) -> bool:
    return True


class TestScanHook:
    async def test_a_callable_sync_or_async(self) -> None:
        with pytest.raises(ScanRejected):
            await scan.check(b"x", f"{__name__}:refuse_everything", seconds=5)
        await scan.check(b"x", f"{__name__}:accept_everything", seconds=5)

    async def test_a_command_and_its_failures(self) -> None:
        await scan.check(b"clean", None, seconds=5)
        await scan.check(b"clean", "true", seconds=5)
        with pytest.raises(ScanRejected):
            await scan.check(b"x", "false", seconds=5)
        with pytest.raises(ScanUnavailable):
            await scan.check(b"x", "sh -c 'exit 2'", seconds=5)
        with pytest.raises(ScanUnavailable):
            await scan.check(b"x", "/nonexistent/scanner", seconds=5)
        with pytest.raises(ScanUnavailable):
            await scan.check(b"x", "sleep 5", seconds=0.2)


class TestEffectiveType:
    @pytest.mark.parametrize(
        ("declared", "data", "media"),
        [
            ("application/pdf", b"anything", "application/pdf"),
            ("application/octet-stream", b"%PDF-1.7 ...", "application/pdf"),
            ("application/octet-stream", b"\x89PNG\r\n\x1a\n...", "image/png"),
            ("application/octet-stream", b"\xff\xd8\xff\xe0", "image/jpeg"),
            ("application/octet-stream", b"II*\x00", "image/tiff"),
            ("application/octet-stream", b"MZ\x90\x00", "application/octet-stream"),
            ("Text/Plain; charset=utf-8", b"%PDF-", "text/plain"),
            (None, b"%PDF-", ""),
        ],
    )
    def test_declared_unless_bare_bytes(self, declared: str | None, data: bytes, media: str) -> None:
        assert rules.effective_type(declared, data) == media
