"""App config for cascade."""

from django.apps import AppConfig


class CascadeConfig(AppConfig):
    """Links between the levels of plans, coverage and roll-up."""

    name = "nq57.cascade"
    label = "cascade"
    verbose_name = "Liên kết các cấp"
    default_auto_field = "django.db.models.BigAutoField"
