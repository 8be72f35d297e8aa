"""App config for plans."""

from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Plans with their references, sections, tasks, indicators, targets and assignments."""

    name = "nq57.plans"
    verbose_name = "Kế hoạch"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nq57.orgs.signals import units_changed
        from nq57.plans.stamps import units_changed_receiver

        units_changed.connect(units_changed_receiver, dispatch_uid="nq57.plans.stamps")
