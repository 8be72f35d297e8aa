"""App config for cascade."""

from django.apps import AppConfig


class CascadeConfig(AppConfig):
    """Links between the levels of plans, coverage and roll-up."""

    name = "nq57.cascade"
    label = "cascade"
    verbose_name = "Liên kết các cấp"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nq57.cascade.actions import plans_cited_receiver
        from nq57.plans.signals import plans_cited

        plans_cited.connect(plans_cited_receiver, dispatch_uid="nq57.cascade.cited")
