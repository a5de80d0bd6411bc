"""The texts of coordination notes, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.notes.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "note.not_found": texts(
        "Note not found",
        "No coordination note with that id is visible to you.",
        "Notatet blev ikke fundet",
        "Intet koordineringsnotat med det id er synligt for dig.",
    ),
    "note.subject_not_found": texts(
        "Record not found",
        "The youth has no {subject_type:NoteSubject} with that id visible to you.",
        "Posten blev ikke fundet",
        "Den unge har ingen »{subject_type:NoteSubject}« med det id, som du kan se.",
    ),
    "note.subject_incomplete": texts(
        "Record half named",
        "Give both `subject_type` and `subject_id`, or neither.",
        "Posten er kun delvist angivet",
        "Angiv både hvilken slags post notatet vedrører og dens id, eller ingen af dem.",
    ),
    "note.not_author_department": texts(
        "Not your note",
        "Only the author's department corrects a note; write a note of your own instead.",
        "Ikke dit notat",
        "Kun forfatterens afdeling kan rette et notat. Skriv i stedet et nyt notat.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
