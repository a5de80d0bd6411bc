"""The texts of webhooks, in English and Danish, by code."""

from __future__ import annotations

from ungeapi.core.messages import Catalogue, ProblemTexts, texts
from ungeapi.events.vocabulary import VOCABULARIES

PROBLEMS: ProblemTexts = {
    "webhook.not_found": texts(
        "Webhook not found",
        "No webhook subscription with that id exists in your municipality.",
        "Webhooket blev ikke fundet",
        "Der er intet webhook-abonnement med det id i din kommune.",
    ),
    "webhook.delivery_not_found": texts(
        "Delivery not found",
        "The subscription has no delivery with that id.",
        "Leveringen blev ikke fundet",
        "Abonnementet har ingen levering med det id.",
    ),
    "webhook.delivery_pending": texts(
        "Delivery still pending",
        "The delivery is still being tried; only a finished one is replayed.",
        "Leveringen er i gang",
        "Leveringen forsøges stadig; kun en afsluttet levering kan gensendes.",
    ),
    "webhook.private_target": texts(
        "Address not allowed",
        "{host} is or resolves to {address}, which is not a public internet address (loopback, "
        "private, link-local or reserved): webhooks are sent to public addresses only.",
        "Adressen er ikke tilladt",
        "{host} er eller peger på {address}, som ikke er en offentlig internetadresse (loopback, "
        "privat, link-local eller reserveret): webhooks sendes kun til offentlige adresser.",
    ),
}

CATALOGUE = Catalogue(problems=PROBLEMS, vocabularies=VOCABULARIES)
