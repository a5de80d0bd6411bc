"""Every query about documents' metadata, scoped through the youth they are about; the bytes are
the store's (documents/storage.py)."""

from __future__ import annotations

from ungeapi.access import YouthRecords
from ungeapi.models import Document

RESOURCE = "document"

RECORDS = YouthRecords(Document, RESOURCE, locked_writable=True)
find, read_found = RECORDS.find, RECORDS.read_found
