"""Links between the levels of plans: a lower-level plan localises an upper-level one, and each
of its tasks (indicators) localises one or more of the upper plan's, or none."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from nq57.plans.models import Indicator, Plan, Task


class PlanLink(models.Model):
    """A lower-level plan (`child`) carrying out an upper-level one (`parent`) — kế hoạch cấp
    dưới cụ thể hóa kế hoạch cấp trên. Found from the documents a plan cites or the same
    document both carry out, or made by hand; `revision` goes up with every decision on its
    task links so that a review made from an out-of-date page is refused."""

    class Source(models.TextChoices):
        REFERENCE = "reference", "Văn bản căn cứ của kế hoạch"
        SAME_BASIS = "same_basis", "Cùng thực hiện một văn bản"
        MANUAL = "manual", "Cán bộ liên kết"

    parent = models.ForeignKey(
        Plan, verbose_name="kế hoạch cấp trên", on_delete=models.CASCADE, related_name="child_links"
    )
    child = models.ForeignKey(
        Plan,
        verbose_name="kế hoạch cấp dưới",
        on_delete=models.CASCADE,
        related_name="parent_links",
    )
    source = models.CharField("căn cứ liên kết", max_length=20, choices=Source.choices)
    revision = models.PositiveIntegerField("lần sửa", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người liên kết",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm liên kết", auto_now_add=True)

    class Meta:
        verbose_name = "liên kết kế hoạch"
        verbose_name_plural = "liên kết kế hoạch"
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="plan_link_once"),
            models.CheckConstraint(condition=~Q(parent=F("child")), name="plan_link_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.child} → {self.parent}"


class DismissedLink(models.Model):
    """A person removed the link of `child` to `parent`: a citation found again (a revised
    file) does not link them again; linking them by hand does, and deletes this row."""

    parent = models.ForeignKey(
        Plan, verbose_name="kế hoạch cấp trên", on_delete=models.CASCADE, related_name="+"
    )
    child = models.ForeignKey(
        Plan, verbose_name="kế hoạch cấp dưới", on_delete=models.CASCADE, related_name="+"
    )
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người bỏ liên kết",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    dismissed_at = models.DateTimeField("thời điểm bỏ liên kết", auto_now_add=True)

    class Meta:
        verbose_name = "liên kết kế hoạch đã bỏ"
        verbose_name_plural = "liên kết kế hoạch đã bỏ"
        constraints = [
            models.UniqueConstraint(fields=["parent", "child"], name="dismissed_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.child_id} ↛ {self.parent_id}"


class LinkFields(models.Model):
    """What a person decided for one lower-level row, and what the suggestion said."""

    plan_link = models.ForeignKey(
        PlanLink, verbose_name="liên kết kế hoạch", on_delete=models.CASCADE
    )
    score = models.FloatField("điểm gợi ý", null=True, blank=True)
    reasons = models.JSONField("lý do gợi ý", default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("thời điểm xác nhận", auto_now_add=True)

    class Meta:
        abstract = True


class TaskLink(LinkFields):
    """A lower-level task and the upper-level task it localises (`parent_task` empty: the
    person confirmed it has no counterpart — a task of the lower level's own)."""

    child_task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ cấp dưới", on_delete=models.CASCADE, related_name="up_links"
    )
    parent_task = models.ForeignKey(
        Task,
        verbose_name="nhiệm vụ cấp trên",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="down_links",
    )

    class Meta:
        verbose_name = "liên kết nhiệm vụ"
        verbose_name_plural = "liên kết nhiệm vụ"
        constraints = [
            models.UniqueConstraint(fields=["child_task", "parent_task"], name="task_link_once"),
        ]

    def __str__(self) -> str:
        return f"{self.child_task_id} → {self.parent_task_id or '—'}"


class IndicatorLink(LinkFields):
    """A lower-level indicator and the upper-level indicator it contributes to (empty: none)."""

    child_indicator = models.ForeignKey(
        Indicator,
        verbose_name="chỉ tiêu cấp dưới",
        on_delete=models.CASCADE,
        related_name="up_links",
    )
    parent_indicator = models.ForeignKey(
        Indicator,
        verbose_name="chỉ tiêu cấp trên",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="down_links",
    )

    class Meta:
        verbose_name = "liên kết chỉ tiêu"
        verbose_name_plural = "liên kết chỉ tiêu"
        constraints = [
            models.UniqueConstraint(
                fields=["child_indicator", "parent_indicator"], name="indicator_link_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child_indicator_id} → {self.parent_indicator_id or '—'}"
