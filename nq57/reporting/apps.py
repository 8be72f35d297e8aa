from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nq57.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ"

    def ready(self) -> None:
        from nq57.orgs.signals import units_changed
        from nq57.reporting.progress import units_changed_receiver

        units_changed.connect(units_changed_receiver, dispatch_uid="nq57.reporting.progress")
