from ungeapi.core.errors import Conflict, NotFound


class WebhookNotFound(NotFound):
    code = "webhook.not_found"


class DeliveryNotFound(NotFound):
    code = "webhook.delivery_not_found"


class DeliveryPending(Conflict):
    code = "webhook.delivery_pending"
