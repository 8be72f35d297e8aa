"""App config for evaluation."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Timeliness, achievement and unit scorecards; the scoring formula each issuer sets."""

    name = "nq57.evaluation"
    label = "evaluation"
    verbose_name = "Đánh giá"
    default_auto_field = "django.db.models.BigAutoField"
