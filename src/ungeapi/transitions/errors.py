from ungeapi.core.errors import NotFound


class TransitionFormNotFound(NotFound):
    code = "transition_form.not_found"
