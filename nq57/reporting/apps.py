from django.apps import AppConfig


class ReportingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nq57.reporting"
    label = "reporting"
    verbose_name = "Báo cáo định kỳ"
