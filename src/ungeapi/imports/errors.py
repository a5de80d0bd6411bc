from ungeapi.core.errors import DomainError, Invalid, NotFound


class ImportNotFound(NotFound):
    code = "import.not_found"


class UnsupportedMediaType(DomainError):
    status = 415
    code = "request.unsupported_media_type"


class NoFile(Invalid):
    code = "import.no_file"


class HeaderMissing(Invalid):
    """A CSV file whose first row holds data (a CPR-shaped value, or no known column name)."""

    code = "import.header_missing"


class MalformedMultipart(DomainError):
    status = 400
    code = "import.malformed_multipart"
