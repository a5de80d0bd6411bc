"""The texts of calendar feed tokens, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts

PROBLEMS: ProblemTexts = {
    "feed_token.not_found": texts(
        "Feed token not found",
        "You have no calendar feed token with that id.",
        "Kalender-tokenet blev ikke fundet",
        "Du har intet kalender-token med det id.",
    ),
    "feed_token.invalid": texts(
        "Invalid feed token",
        "The calendar feed token is unknown, revoked or expired. Make a new one with POST /v1/feed-tokens.",
        "Ugyldigt kalender-token",
        "Kalender-tokenet er ukendt, tilbagekaldt eller udløbet. Lav et nyt med POST /v1/feed-tokens.",
    ),
    "feed_token.bearer_in_url": texts(
        "Bearer token in the URL",
        "A bearer token never goes in a URL. Make a calendar feed token with POST /v1/feed-tokens "
        "and use the feed_url it answers.",
        "Bearer-token i URL'en",
        "Et bearer-token må aldrig stå i en URL. Lav et kalender-token med POST /v1/feed-tokens, "
        "og brug den kalenderadresse (URL), som svaret giver.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS)
