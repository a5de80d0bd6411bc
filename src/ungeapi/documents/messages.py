"""The texts of documents, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.documents.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "document.not_found": texts(
        "Document not found",
        "No document with that id is visible to you.",
        "Dokumentet blev ikke fundet",
        "Intet dokument med det id er synligt for dig.",
    ),
    "document.too_large": texts(
        "Document too large",
        "A document may be at most {limit} bytes.",
        "Dokumentet er for stort",
        "Et dokument må højst fylde {limit} byte.",
    ),
    "document.unsupported_type": texts(
        "Unsupported document type",
        "Documents of type {content_type} are not accepted; accepted: {allowed}.",
        "Dokumenttypen modtages ikke",
        "Dokumenter af typen »{content_type}« modtages ikke. Disse typer modtages: {allowed}.",
    ),
    "document.rejected_by_scan": texts(
        "Rejected by the virus scan",
        "The virus scan rejected the document; it was not stored.",
        "Afvist af virusscanningen",
        "Virusscanningen afviste dokumentet, og det er ikke gemt.",
    ),
    "document.scan_unavailable": texts(
        "Virus scan unavailable",
        "The virus scan could not check the document; it was not stored. Try again later.",
        "Virusscanningen svarede ikke",
        "Virusscanningen kunne ikke kontrollere dokumentet, og det er ikke gemt. Prøv igen senere.",
    ),
    "document.content_withheld": texts(
        "Document withheld",
        "The document's information class is protected and no consent or disclosure lets you read it.",
        "Dokumentet er tilbageholdt",
        "Dokumentet indeholder beskyttede oplysninger, og der er hverken samtykke eller en registreret "
        "videregivelse, som giver dig adgang til det.",
    ),
    "document.journal_time_invalid": texts(
        "Journalized at an impossible time",
        "`journalized_at` cannot be in the future or before the document was made.",
        "Ugyldigt journaliseringstidspunkt",
        "Journaliseringstidspunktet kan ikke ligge i fremtiden eller før dokumentet blev oprettet.",
    ),
    "document.already_journalized": texts(
        "Already journalized",
        "The document already carries another journal reference ({journal_system} {journal_id}).",
        "Allerede journaliseret",
        "Dokumentet er allerede journaliseret med en anden reference ({journal_system} {journal_id}).",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
