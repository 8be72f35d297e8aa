"""The unit scoring formula a standing office sets for the plans its unit issues."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from nq57.evaluation.formula_values import DEFAULTS, FormulaValues
from nq57.evaluation.scoring import Formula
from nq57.orgs.models import Unit


def _weight(name: str, default: Decimal) -> models.DecimalField[Decimal, Decimal]:
    return models.DecimalField(name, max_digits=5, decimal_places=2, default=default)


class ScoringFormula(models.Model):
    """How the units of an issuer's plans are scored (công thức chấm điểm đơn vị).

    One row per issuing unit (`unit`, a plan's `issuer`), set by its standing office; without
    a row the documented defaults of `scoring.Formula` apply. Weights are percents and
    relative (re-scaled over the rates that apply), `late_credit` is what a late report counts
    (0–1), `bound_a/b/c` are the lower bounds of classes A, B, C (D from 0); the checks are
    `formula_values.problems`. `revision` goes up by one on every save so that an edit made
    from an out-of-date page is refused (`actions.set_formula`).
    """

    unit = models.OneToOneField(
        Unit,
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="scoring_formula",
    )
    completion = _weight("trọng số hoàn thành (%)", DEFAULTS.completion)
    on_time = _weight("trọng số đúng hạn (%)", DEFAULTS.on_time)
    reporting = _weight("trọng số báo cáo (%)", DEFAULTS.reporting)
    indicators = _weight("trọng số chỉ tiêu (%)", DEFAULTS.indicators)
    late_credit = models.DecimalField(
        "hệ số tính báo cáo trễ hạn (0–1)",
        max_digits=3,
        decimal_places=2,
        default=DEFAULTS.late_credit,
    )
    bound_a = _weight("ngưỡng xếp loại A (điểm)", DEFAULTS.bound_a)
    bound_b = _weight("ngưỡng xếp loại B (điểm)", DEFAULTS.bound_b)
    bound_c = _weight("ngưỡng xếp loại C (điểm)", DEFAULTS.bound_c)
    revision = models.PositiveIntegerField("lần sửa", default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField("thời điểm sửa", auto_now=True)

    class Meta:
        verbose_name = "công thức chấm điểm đơn vị"
        verbose_name_plural = "công thức chấm điểm đơn vị"

    def __str__(self) -> str:
        return f"Công thức chấm điểm của {self.unit}"

    def values(self) -> FormulaValues:
        """The stored numbers, in the officer's units."""
        return FormulaValues(
            completion=self.completion,
            on_time=self.on_time,
            reporting=self.reporting,
            indicators=self.indicators,
            late_credit=self.late_credit,
            bound_a=self.bound_a,
            bound_b=self.bound_b,
            bound_c=self.bound_c,
        )

    def as_formula(self) -> Formula:
        """The pure formula `scoring.scorecard` uses."""
        return self.values().formula()


class IndicatorAssessment(models.Model):
    """A person's judgement of a qualitative target (đánh giá chỉ tiêu định tính): whether the
    indicator met the milestone, on a day, with the reason. The latest one made by the
    evaluation day decides 'cần đánh giá' (`achievement.achievement(person=…)`); earlier ones
    stay as the record."""

    class Result(models.TextChoices):
        MET = "met", "Đạt"
        NOT_MET = "not_met", "Không đạt"

    indicator = models.ForeignKey(
        "plans.Indicator",
        verbose_name="chỉ tiêu",
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    milestone = models.CharField("mốc", max_length=100, blank=True)
    assessed_on = models.DateField("ngày đánh giá")
    result = models.CharField("kết quả", max_length=10, choices=Result.choices)
    note = models.TextField("căn cứ, nhận xét")
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đánh giá",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)

    class Meta:
        verbose_name = "đánh giá chỉ tiêu định tính"
        verbose_name_plural = "đánh giá chỉ tiêu định tính"
        ordering = ["indicator", "-assessed_on", "-created_at"]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.get_result_display()} ({self.assessed_on:%d/%m/%Y})"


class PlanDayFigures(models.Model):
    """A plan's tasks by timeliness as of a day (`evaluation.figures`): counted once and read
    by every dashboard over many plans. Derived data, valid while the plan's
    `plans.FiguresStamp` allows (`figures` says when); the nightly `nq57 refresh-figures`
    counts the day ahead of the first reader."""

    plan = models.ForeignKey("plans.Plan", verbose_name="kế hoạch", on_delete=models.CASCADE)
    day = models.DateField("ngày")
    soon_days = models.PositiveSmallIntegerField("số ngày sắp đến hạn")
    generation = models.PositiveBigIntegerField("lần thay đổi")
    history = models.PositiveBigIntegerField("lần thay đổi ngày đã qua")
    counted_on = models.DateField("ngày tính")
    counts = models.JSONField("số nhiệm vụ theo tình trạng")  # Timeliness value → count

    class Meta:
        verbose_name = "số liệu kế hoạch theo ngày"
        verbose_name_plural = "số liệu kế hoạch theo ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "day", "soon_days", "generation", "history"],
                name="plan_day_figures_once",
            )
        ]


class UnitDayFigures(models.Model):
    """A reporting unit's scorecard counts on one plan as of a day (`tallies.unit_task_facts`
    and `unit_report_facts` for that plan); written with the plan's `PlanDayFigures`, whose row
    says these are complete, and valid under the same stamp."""

    derived_from_units = True  # a unit merge deletes the duplicate's rows (`orgs.signals`)

    plan = models.ForeignKey("plans.Plan", verbose_name="kế hoạch", on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.CASCADE)
    day = models.DateField("ngày")
    generation = models.PositiveBigIntegerField("lần thay đổi")
    history = models.PositiveBigIntegerField("lần thay đổi ngày đã qua")
    counted_on = models.DateField("ngày tính")
    tasks_due = models.PositiveIntegerField(default=0)
    tasks_done = models.PositiveIntegerField(default=0)
    tasks_done_on_time = models.PositiveIntegerField(default=0)
    reports_due = models.PositiveIntegerField(default=0)
    reports_on_time = models.PositiveIntegerField(default=0)
    reports_late = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "số liệu đơn vị theo ngày"
        verbose_name_plural = "số liệu đơn vị theo ngày"
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "day", "generation", "history", "unit"],
                name="unit_day_figures_once",
            )
        ]
