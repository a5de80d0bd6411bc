from ungeapi.core.errors import DomainError, NotFound


class OfferNotFound(NotFound):
    code = "offer.not_found"


class AgeRangeInvalid(DomainError):
    status = 422
    code = "offer.age_range_invalid"


class PeriodInvalid(DomainError):
    status = 422
    code = "offer.period_invalid"


class ProviderRequired(DomainError):
    status = 422
    code = "offer.provider_required"


class UnknownDepartment(DomainError):
    status = 422
    code = "offer.unknown_department"
