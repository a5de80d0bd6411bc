from ungeapi.core.errors import Conflict, Denied, DomainError, Invalid, NotFound


class DocumentNotFound(NotFound, code="document.not_found"): ...


class DocumentTooLarge(DomainError, status=413, code="document.too_large"): ...


class UnsupportedType(DomainError, status=415, code="document.unsupported_type"): ...


class NotAcceptable(DomainError, status=406, code="request.not_acceptable"): ...


class ScanRejected(Invalid, code="document.rejected_by_scan"): ...


class ScanUnavailable(DomainError, status=503, code="document.scan_unavailable"):
    """The scan could not say (it failed or took too long): the upload is not stored, try again."""


class ContentWithheld(Denied, code="document.content_withheld"):
    """R9: the document's class is protected and the reader has no consent or disclosure for it."""


class JournalRefused(Invalid, code="document.journal_time_invalid"): ...


class AlreadyJournalized(Conflict, code="document.already_journalized"): ...
