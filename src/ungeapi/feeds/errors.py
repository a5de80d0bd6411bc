from ungeapi.core.errors import DomainError, NotFound
from ungeapi.core.permissions import Unauthenticated


class FeedTokenNotFound(NotFound):
    code = "feed_token.not_found"


class InvalidFeedToken(Unauthenticated):
    code = "feed_token.invalid"


class BearerTokenInUrl(DomainError):
    status = 400
    code = "feed_token.bearer_in_url"
