"""The texts of imports, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.imports.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "import.malformed_multipart": texts(
        "Malformed upload",
        "The multipart upload cannot be read, or it holds more than one file.",
        "Ugyldig filoverførsel",
        "Multipart-overførslen kan ikke læses, eller den indeholder mere end én fil.",
    ),
    "import.not_found": texts(
        "Import not found",
        "No import with that id exists in your municipality.",
        "Importen blev ikke fundet",
        "Der er ingen import med det id i din kommune.",
    ),
    "import.no_file": texts(
        "No file",
        "The multipart upload has no part named `file`.",
        "Ingen fil",
        "Multipart-overførslen har ingen del med navnet »file«.",
    ),
    "import.rows_invalid": texts(
        "Bad rows",
        "Some records are invalid, so nothing was written; see the report.",
        "Ugyldige rækker",
        "Nogle poster er ugyldige, så intet er skrevet; se rapporten.",
    ),
    "import.unknown_column": texts(
        "Unknown column",
        "The column {column} is not known for this kind of import.",
        "Ukendt kolonne",
        "Kolonnen {column} kendes ikke for denne type import.",
    ),
    "import.header_missing": texts(
        "Header row missing",
        "A CSV file must start with a header row of column names; its first row holds data.",
        "Overskriftsrækken mangler",
        "En CSV-fil skal begynde med en række med kolonnenavne; filens første række indeholder data.",
    ),
    "import.invalid_record": texts(
        "Unreadable record",
        "The record could not be read: {reason}.",
        "Ulæselig post",
        # The reason is the parser's English detail, for integrators; the Danish names what to check.
        "Posten kunne ikke læses. Kontrollér, at rækken har lige så mange kolonner som overskriftsrækken, "
        "at posten er et gyldigt JSON-objekt, og at filen er gemt i UTF-8.",
    ),
    "import.duplicate_row": texts(
        "Duplicate row",
        "The same record appears earlier in the file (line {first_line}).",
        "Dobbelt række",
        "Den samme post står tidligere i filen (linje {first_line}).",
    ),
    "import.youth_not_found": texts(
        "Youth not found",
        "No youth of the municipality has this CPR number or id.",
        "Den unge blev ikke fundet",
        "Ingen ung i kommunen har dette CPR-nummer eller id.",
    ),
    "import.youth_reference_required": texts(
        "Youth reference required",
        "Give the youth's id or CPR number.",
        "Den unge skal angives",
        "Angiv den unges id eller CPR-nummer.",
    ),
    "import.unknown_department": texts(
        "Unknown department",
        "The municipality has no department with the code {department}.",
        "Ukendt afdeling",
        "Kommunen har ingen afdeling med koden {department}.",
    ),
    "import.youth_exists": texts(
        "Youth exists",
        "A youth with this CPR number exists already and the row would change them; import with "
        "update_existing to change existing youth.",
        "Den unge findes allerede",
        "Der findes allerede en ung med dette CPR-nummer, og rækken ville ændre den unge. Vælg at "
        "opdatere eksisterende unge ved importen, hvis de skal ændres.",
    ),
    "import.external_ref_required": texts(
        "External reference required",
        "An imported case needs its journal system and id.",
        "Ekstern reference påkrævet",
        "En importeret sag skal have sit journalsystem og id.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
