"""The youth's right of access (GDPR art. 15): the export holds the coordination notes and the
documents' metadata with their journal references (issue 21, item 1)."""

from __future__ import annotations

from tests.api.record.test_documents import upload
from tests.api.record.test_notes import write
from tests.api.record.world import world
from tests.conftest import TokenFactory


class TestTheExport:
    async def test_holds_the_notes_and_the_documents(self, client, auth: TokenFactory) -> None:
        w = await world(client, auth)
        note = await write(client, w, text="Aftalt: praktik i fire uger hos tømreren.")
        doc = await upload(client, w)
        assert doc.status_code == 201, doc.text
        export = await client.get(f"/v1/youth/{w.youth_id}/export", headers=auth("dpo"))
        assert export.status_code == 200, export.text
        sections = export.json()["sections"]
        assert [(n["id"], n["text"]) for n in sections["notes"]] == [
            (note["id"], "Aftalt: praktik i fire uger hos tømreren.")
        ]
        assert [(d["id"], d["kind"], d["journal_id"]) for d in sections["documents"]] == [
            (doc.json()["id"], "signed_consent", None)
        ]
        # Another municipality's export of the youth is refused, as every read of them.
        other = await client.get(f"/v1/youth/{w.youth_id}/export", headers=w.other_municipality)
        assert other.status_code == 404
