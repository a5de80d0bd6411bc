from ungeapi.core.errors import Invalid, NotFound


class OfferNotFound(NotFound):
    code = "offer.not_found"


class AgeRangeInvalid(Invalid):
    code = "offer.age_range_invalid"


class PeriodInvalid(Invalid):
    code = "offer.period_invalid"


class ProviderRequired(Invalid):
    code = "offer.provider_required"


class UnknownDepartment(Invalid):
    code = "offer.unknown_department"
