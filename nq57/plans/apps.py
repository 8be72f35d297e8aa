"""App config for plans."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans with their references, sections, tasks, indicators, targets and assignments."""

    name = "nq57.plans"
    verbose_name = "Kế hoạch"
    default_auto_field = "django.db.models.BigAutoField"
