"""Pure rules of coordination notes (koordineringsnotater).

A note is a record of what was agreed and by whom; the authority may not rewrite its record, so a
correction is a new version beside the old ones (`next_number`), with a reason, and only the
author's department corrects (`may_correct`): another department writes its own note.

R9 over the history: the note's current class decides whether its text is withheld (the shared
screen, disclosure/screen.py). An earlier version may have had another protected class; a reader
outside the author's department reads such a version only if it is essential or of the class
the reader was let into (`version_shown`).
"""

from __future__ import annotations

from ungeapi.disclosure.rules import PROTECTED


def next_number(latest: int) -> int:
    return latest + 1


def may_correct(
    author_department: str | None, author_sub: str, sub: str, departments: frozenset[str]
) -> bool:
    """The author, or anyone of the author's department."""
    return sub == author_sub or (author_department is not None and author_department in departments)


def subject_whole(subject_type: str | None, subject_id: object | None) -> bool:
    """A note names both the kind and the id of the record it is about, or neither."""
    return (subject_type is None) == (subject_id is None)


def version_shown(version_class: str, current_class: str, *, owns: bool) -> bool:
    """A version's text, to a reader who sees the current text: all of it to the owning
    department; else an essential version or one of the current (opened) class."""
    return owns or version_class not in PROTECTED or version_class == current_class
