"""App config for the REST API (it owns the API tokens)."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API and the tokens machine clients sign in with."""

    name = "nq57.api"
    label = "api"
    verbose_name = "API"
    default_auto_field = "django.db.models.BigAutoField"
