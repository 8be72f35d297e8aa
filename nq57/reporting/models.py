"""Reporting regimes of a plan and the periods they generate (`nq57.lib.regimes` computes them)."""

from __future__ import annotations

from datetime import time

from django.db import models

from nq57.lib.regimes import Frequency, Regime, Roll
from nq57.plans.models import Plan


class ReportingRegime(models.Model):
    """How often the units of a plan report and when each report is due (chế độ báo cáo).

    A plan may have several (monthly, quarterly, yearly); `replaces_shorter` lets a quarterly
    or yearly report stand for the shorter one of its closing month.
    """

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="regimes"
    )
    frequency = models.CharField(
        "tần suất", max_length=20, choices=[(f.value, f.label) for f in Frequency]
    )
    due_day = models.PositiveSmallIntegerField("ngày hạn", default=10)
    months_after = models.PositiveSmallIntegerField("số tháng sau kỳ", default=1)
    due_dates = models.JSONField("ngày hạn cố định (tháng, ngày)", default=list, blank=True)
    due_time = models.TimeField("giờ hạn", default=time(17, 0))
    roll = models.CharField(
        "hạn rơi vào ngày nghỉ",
        max_length=10,
        choices=[
            (Roll.BEFORE.value, "Lùi về ngày làm việc trước"),
            (Roll.AFTER.value, "Dời sang ngày làm việc sau"),
            (Roll.NONE.value, "Giữ nguyên"),
        ],
        default=Roll.BEFORE.value,
    )
    cutoff_days = models.PositiveSmallIntegerField(
        "chốt số liệu trước hạn (ngày làm việc)", default=0
    )
    replaces_shorter = models.BooleanField("thay báo cáo kỳ ngắn hơn cùng tháng", default=False)
    lock_after_due = models.BooleanField("khóa sau hạn", default=True)

    class Meta:
        verbose_name = "chế độ báo cáo"
        verbose_name_plural = "chế độ báo cáo"
        constraints = [
            models.UniqueConstraint(fields=["plan", "frequency"], name="regime_once_per_frequency")
        ]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} — {self.plan}"

    def spec(self) -> Regime:
        """The pure regime this row stores."""
        return Regime(
            frequency=Frequency(self.frequency),
            due_day=self.due_day,
            months_after=self.months_after,
            due_dates=tuple((int(m), int(d)) for m, d in self.due_dates),
            due_time=self.due_time,
            roll=Roll(self.roll),
            cutoff_days=self.cutoff_days,
            replaces_shorter=self.replaces_shorter,
        )


class ReportingPeriod(models.Model):
    """One period of a plan's reporting: what it covers, its data cut-off and its due time."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="periods"
    )
    regime = models.ForeignKey(
        ReportingRegime, verbose_name="chế độ", on_delete=models.PROTECT, related_name="periods"
    )
    label = models.CharField("kỳ báo cáo", max_length=100)
    start = models.DateField("từ ngày")
    end = models.DateField("đến ngày")
    cutoff = models.DateField("chốt số liệu")
    due = models.DateTimeField("hạn nộp")
    replaces = models.JSONField("thay cho kỳ", default=list, blank=True)
    locked = models.BooleanField("đã khóa", default=False)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["plan", "due"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "start"], name="period_once_per_regime")
        ]

    def __str__(self) -> str:
        return self.label
