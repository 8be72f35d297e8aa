"""App config for organisational units."""

from django.apps import AppConfig


class OrgsConfig(AppConfig):
    """The unit tree (cơ quan, đơn vị) and the names units are written under."""

    name = "nq57.orgs"
    verbose_name = "Cơ quan, đơn vị"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nq57.orgs.signals import connect

        connect()
