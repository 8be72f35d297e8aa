from django.apps import AppConfig


class ImportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "nq57.imports"
    label = "imports"
    verbose_name = "Nhập kế hoạch"
