from ungeapi.core.errors import Invalid, NotFound


class LegalBasisNotFound(NotFound):
    code = "legal_basis.not_found"


class LegalBasisRefused(Invalid):
    """A reference the catalogue does not hold, or one not in force on the record's day; the code
    (law/rules.py `refusal`) says which."""

    code = "legal_basis.unknown"
