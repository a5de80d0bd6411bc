"""Where a document's bytes are kept, behind one interface.

`DocumentStore` is what the service uses: put, get and delete the bytes under the document's id.
`PostgresStore` keeps them in `document_content` (bytea) in the request's own transaction, so a
document and its bytes are written, or rolled back, together. An S3-compatible store replaces it
by implementing the same three calls (its `put` then runs before the commit: a rolled-back
upload leaves an object without a row, which a sweep of ids unknown to `document` removes).
"""

from __future__ import annotations

import uuid
from typing import Protocol

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from ungeapi.models import DocumentContent


class DocumentStore(Protocol):
    async def put(self, document_id: uuid.UUID, content: bytes, *, municipality: str) -> None: ...

    async def get(self, document_id: uuid.UUID) -> bytes | None: ...

    async def delete(self, document_id: uuid.UUID) -> None: ...


class PostgresStore:
    """The bytes as bytea in `document_content`, under row-level security like the metadata."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def put(self, document_id: uuid.UUID, content: bytes, *, municipality: str) -> None:
        await self._session.execute(
            insert(DocumentContent).values(
                document_id=document_id, content=content, municipality_code=municipality
            )
        )

    async def get(self, document_id: uuid.UUID) -> bytes | None:
        query = select(DocumentContent.content).where(DocumentContent.document_id == document_id)
        return (await self._session.execute(query)).scalar_one_or_none()

    async def delete(self, document_id: uuid.UUID) -> None:
        await self._session.execute(delete(DocumentContent).where(DocumentContent.document_id == document_id))


def store_for(session: AsyncSession) -> DocumentStore:
    """The store documents are kept in: PostgreSQL (a setting chooses another when there is one)."""
    return PostgresStore(session)
