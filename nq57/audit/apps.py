"""App config for the audit log."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Who changed what, when: one row per domain write."""

    name = "nq57.audit"
    verbose_name = "Nhật ký thay đổi"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from nq57.audit import auth_hooks  # noqa: F401  (connects the sign-in/out receivers)
