from ungeapi.core.errors import Conflict, Invalid, NotFound


class WebhookNotFound(NotFound):
    code = "webhook.not_found"


class DeliveryNotFound(NotFound):
    code = "webhook.delivery_not_found"


class DeliveryPending(Conflict):
    code = "webhook.delivery_pending"


class PrivateTarget(Invalid):
    code = "webhook.private_target"
