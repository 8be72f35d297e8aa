"""App config for the Vietnamese HTML interface."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Read-only pages over plans (login required)."""

    name = "nq57.web"
    verbose_name = "Giao diện web"
    default_auto_field = "django.db.models.BigAutoField"
