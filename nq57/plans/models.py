"""Plans (kế hoạch) and what they contain: references, sections, tasks, indicators, targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from nq57.lib.deadlines import DeadlineKind
from nq57.lib.docnumbers import normalize_doc_number
from nq57.lib.indicator_kinds import Aggregation, Inferred, ValueKind
from nq57.lib.targets import Comparator
from nq57.lib.targets import Target as TargetSpec
from nq57.lib.vntext import fold
from nq57.orgs.models import Unit


class PlanQuerySet(models.QuerySet["Plan"]):
    """Reusable filters over plans."""

    def published(self) -> PlanQuerySet:
        return self.filter(status=Plan.Status.PUBLISHED)

    def without_source(self) -> PlanQuerySet:
        """Skip loading the original file's bytes (list pages never need them)."""
        return self.defer("source_file")

    def with_counts(self) -> PlanQuerySet:
        """Annotate `task_count` and `indicator_count` without multiplying joins."""
        tasks = (
            Task.objects.filter(plan=OuterRef("pk")).values("plan").annotate(n=models.Count("*"))
        )
        indicators = (
            Indicator.objects.filter(plan=OuterRef("pk"))
            .values("plan")
            .annotate(n=models.Count("*"))
        )
        return self.annotate(
            task_count=Coalesce(models.Subquery(tasks.values("n")), 0),
            indicator_count=Coalesce(models.Subquery(indicators.values("n")), 0),
        )


class Plan(models.Model):
    """A plan document issued by a unit: its header, the cited documents and its appendices.

    The original file is kept byte for byte with its SHA-256, which also refuses a second
    import of the same file.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Dự thảo"
        PUBLISHED = "published", "Đã ban hành"

    number = models.CharField("số, ký hiệu", max_length=100, null=True, blank=True)
    normalized_number = models.CharField(
        "số chuẩn hóa", max_length=100, blank=True, db_index=True, editable=False
    )
    issuer = models.ForeignKey(
        Unit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="plans"
    )
    issue_date = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu")
    level = models.CharField("cấp", max_length=20, choices=Unit.Level.choices)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    source_name = models.CharField("tệp nguồn", max_length=500)
    source_sha256 = models.CharField("SHA-256 tệp nguồn", max_length=64, unique=True)
    source_file = models.BinaryField("nội dung tệp nguồn", editable=False)
    parser = models.CharField("bộ đọc", max_length=100, blank=True)
    reporting_text = models.JSONField(
        "quy định về chế độ báo cáo (như văn bản)", default=list, blank=True
    )
    imported_at = models.DateTimeField("thời điểm nhập", default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhập",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField("thời điểm ban hành trên hệ thống", null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = "kế hoạch"
        verbose_name_plural = "kế hoạch"
        ordering = ["-issue_date", "-imported_at"]

    def __str__(self) -> str:
        label = self.number or "chưa có số"
        return f"{label} — {self.title[:80]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.normalized_number = normalize_doc_number(self.number)
        super().save(*args, **kwargs)

    def has_user_data(self) -> bool:
        """Whether users entered data about this plan, which a re-import must never discard:
        any unit report started (reporting.Submission; links to other plans will count too)."""
        return bool(self.submissions.exclude(status="not_started").exists())

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class PlanReference(models.Model):
    """A document the plan cites (căn cứ / thực hiện); resolved to a plan when in the system."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="references"
    )
    order = models.PositiveIntegerField("thứ tự")
    number = models.CharField("số, ký hiệu như văn bản", max_length=200)
    normalized_number = models.CharField("số chuẩn hóa", max_length=100, db_index=True)
    resolved_plan = models.ForeignKey(
        Plan,
        verbose_name="văn bản trong hệ thống",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cited_by",
    )

    class Meta:
        verbose_name = "văn bản căn cứ"
        verbose_name_plural = "văn bản căn cứ"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return self.number


class Section(models.Model):
    """A section of an appendix: a task section ('I') or an indicator group ('I Đến năm 2030')."""

    class Kind(models.TextChoices):
        TASKS = "tasks", "Nhiệm vụ"
        INDICATORS = "indicators", "Chỉ tiêu"
        GROUP = "group", "Nhóm"

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="sections"
    )
    appendix = models.CharField("phụ lục", max_length=200, blank=True)
    code = models.CharField("mục", max_length=50, blank=True)
    title = models.TextField("tiêu đề", blank=True)
    order = models.PositiveIntegerField("thứ tự")
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = "mục"
        verbose_name_plural = "mục"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return " ".join(part for part in (self.code, self.title) if part)[:120] or self.appendix


class SourceFields(models.Model):
    """Where a row came from in the document, so a person can check it."""

    appendix = models.CharField("phụ lục", max_length=200, blank=True)
    source_row = models.PositiveIntegerField("dòng trong bảng", null=True, blank=True)
    source_line_start = models.PositiveIntegerField("từ dòng", null=True, blank=True)
    source_line_end = models.PositiveIntegerField("đến dòng", null=True, blank=True)

    class Meta:
        abstract = True

    def source_label(self) -> str:
        """'Phụ lục II · dòng 12'; the text's line numbers are in `source_lines_label`."""
        parts = [self.appendix] if self.appendix else []
        if self.source_row is not None:
            parts.append(f"dòng {self.source_row}")
        return " · ".join(parts) or "không rõ nguồn"

    def source_lines_label(self) -> str:
        start, end = self.source_line_start, self.source_line_end
        if start is None:
            return ""
        if end is None or end == start:
            return f"dòng {start} của văn bản"
        return f"dòng {start}–{end} của văn bản"


class TaskQuerySet(models.QuerySet["Task"]):
    """Reusable filters over tasks."""

    def led_by(self, unit: Unit) -> TaskQuerySet:
        """Tasks where `unit` is a lead unit (chủ trì)."""
        lead = Assignment.objects.filter(task=OuterRef("pk"), unit=unit, role=Assignment.Role.LEAD)
        return self.filter(Exists(lead))

    def involving(self, unit: Unit) -> TaskQuerySet:
        """Tasks where `unit` leads or coordinates."""
        return self.filter(Exists(Assignment.objects.filter(task=OuterRef("pk"), unit=unit)))

    def due_between(self, start: date, end: date) -> TaskQuerySet:
        """Tasks with a due date in [start, end] (undated tasks never match)."""
        return self.filter(deadline_due__gte=start, deadline_due__lte=end)


class Task(SourceFields):
    """A task (nhiệm vụ) of a plan, with its deadline parsed and its raw text kept."""

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="tasks"
    )
    section = models.ForeignKey(
        Section,
        verbose_name="mục",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    order = models.PositiveIntegerField("thứ tự")
    number = models.CharField("số thứ tự", max_length=50, blank=True)
    name = models.TextField("nội dung nhiệm vụ")
    lead_text = models.TextField("cơ quan chủ trì (như văn bản)", blank=True)
    coordinating_text = models.TextField("cơ quan phối hợp (như văn bản)", blank=True)
    deadline_raw = models.CharField(
        "thời gian hoàn thành (như văn bản)", max_length=500, blank=True
    )
    deadline_kind = models.CharField(
        "loại thời hạn",
        max_length=20,
        choices=[(kind.value, kind.label) for kind in DeadlineKind],
        default=DeadlineKind.UNKNOWN.value,
    )
    deadline_due = models.DateField("hạn", null=True, blank=True, db_index=True)
    deadline_start = models.DateField("bắt đầu", null=True, blank=True)
    deadline_recurrence = models.CharField("chu kỳ", max_length=100, blank=True)
    deadline_trigger = models.CharField("điều kiện", max_length=500, blank=True)
    triggered_on = models.DateField(
        "ngày điều kiện phát sinh",
        null=True,
        blank=True,
        help_text="Nhiệm vụ có điều kiện: ghi nhận khi điều kiện xảy ra; hạn lúc đó là «hạn».",
    )
    trigger_note = models.TextField("ghi chú điều kiện phát sinh", blank=True)
    output = models.TextField("sản phẩm đầu ra", blank=True)
    extras = models.JSONField("cột khác", default=dict, blank=True)
    folded_text = models.TextField("nội dung không dấu", blank=True, editable=False)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.number}. {self.name[:100]}" if self.number else self.name[:100]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fold_text()
        super().save(*args, **kwargs)

    def fold_text(self) -> None:
        """Fill `folded_text` (bulk_create skips `save`, so builders call this)."""
        self.folded_text = fold(" ".join((self.number, self.name, self.output)))

    def has_user_data(self) -> bool:
        """Whether units reported on this task (a plan revision must then keep it): a line of
        a report (reporting.TaskUpdate, with its evidence); cascade links will count too."""
        return bool(self.updates.exists())

    def deadline_badge(self) -> str:
        """The deadline kind in Vietnamese and the due date: 'Cuối kỳ · 30/06/2025'."""
        label = self.get_deadline_kind_display()
        return f"{label} · {self.deadline_due:%d/%m/%Y}" if self.deadline_due else label


VALUE_KIND_CHOICES = [(kind.value, kind.label) for kind in ValueKind]
AGGREGATION_CHOICES = [(rule.value, rule.label) for rule in Aggregation]


class Indicator(SourceFields):
    """An indicator (chỉ tiêu) of a plan; its targets per milestone are `Target` rows.

    `value_kind`, `aggregation` and `allows_over_100` say what units report and how their
    values add up; an import proposes them (`lib.indicator_kinds.infer`), a standing office
    officer may change them, which sets `kind_confirmed` so that a revision keeps the choice.
    """

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="indicators"
    )
    section = models.ForeignKey(
        Section,
        verbose_name="nhóm",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    group = models.TextField("nhóm (như văn bản)", blank=True)
    subgroup = models.TextField("nhóm con", blank=True)
    order = models.PositiveIntegerField("thứ tự")
    code = models.CharField("mã", max_length=50, blank=True)
    name = models.TextField("tên chỉ tiêu")
    measure_unit = models.CharField("đơn vị tính", max_length=200, blank=True)
    lead_text = models.TextField("cơ quan chủ trì (như văn bản)", blank=True)
    coordinating_text = models.TextField("cơ quan phối hợp (như văn bản)", blank=True)
    output = models.TextField("sản phẩm đầu ra", blank=True)
    extras = models.JSONField("cột khác", default=dict, blank=True)
    folded_text = models.TextField("nội dung không dấu", blank=True, editable=False)
    value_kind = models.CharField(
        "loại số liệu", max_length=20, choices=VALUE_KIND_CHOICES, default=ValueKind.NUMBER.value
    )
    aggregation = models.CharField(
        "cách tổng hợp", max_length=20, choices=AGGREGATION_CHOICES, default=Aggregation.NONE.value
    )
    allows_over_100 = models.BooleanField("cho phép vượt 100%", default=False)
    kind_confirmed = models.BooleanField("loại số liệu do người xác nhận", default=False)
    baseline_value = models.DecimalField(
        "giá trị nền", max_digits=20, decimal_places=6, null=True, blank=True
    )
    baseline_on = models.DateField(
        "ngày của giá trị nền",
        null=True,
        blank=True,
        help_text="Lộ trình đi từ giá trị nền đến mốc; không nhập thì lấy số liệu đầu tiên.",
    )

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        ordering = ["plan", "order"]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:100]}" if self.code else self.name[:100]

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.fold_text()
        super().save(*args, **kwargs)

    def fold_text(self) -> None:
        """Fill `folded_text` (bulk_create skips `save`, so builders call this)."""
        self.folded_text = fold(" ".join((self.code, self.name, self.measure_unit)))

    def has_user_data(self) -> bool:
        """Whether units reported values for this indicator (a plan revision must keep it)."""
        return bool(self.values.exists())

    def apply_kind(self, inferred: Inferred) -> None:
        """Take the proposed kind, unless a person confirmed one (`kind_confirmed`)."""
        if self.kind_confirmed:
            return
        self.value_kind = inferred.kind.value
        self.aggregation = inferred.aggregation.value
        self.allows_over_100 = inferred.allows_over_100


COMPARATOR_CHOICES = [
    (Comparator.GE.value, "≥ (không thấp hơn)"),
    (Comparator.LE.value, "≤ (không cao hơn)"),
    (Comparator.GT.value, "> (cao hơn)"),
    (Comparator.LT.value, "< (thấp hơn)"),
    (Comparator.EQ.value, "= (đạt)"),
    (Comparator.RANGE.value, "khoảng"),
    (Comparator.QUALITATIVE.value, "định tính"),
]


class Target(models.Model):
    """The target of an indicator at one milestone ('2030') or for one period ('Kết quả')."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.CASCADE, related_name="targets"
    )
    order = models.PositiveIntegerField("thứ tự")
    milestone = models.CharField("mốc", max_length=100)
    raw = models.TextField("chỉ tiêu (như văn bản)")
    comparator = models.CharField("so sánh", max_length=20, choices=COMPARATOR_CHOICES)
    value = models.DecimalField("giá trị", max_digits=20, decimal_places=6, null=True, blank=True)
    value_max = models.DecimalField(
        "giá trị tối đa", max_digits=20, decimal_places=6, null=True, blank=True
    )
    measure_unit = models.CharField("đơn vị tính", max_length=200, blank=True)
    qualifier = models.CharField("từ chỉ mức", max_length=100, blank=True)
    qualitative_text = models.TextField("mô tả định tính", blank=True)

    class Meta:
        verbose_name = "mục tiêu"
        verbose_name_plural = "mục tiêu"
        ordering = ["indicator", "order"]

    def __str__(self) -> str:
        return f"{self.milestone}: {self.raw}"

    @property
    def symbol(self) -> str:
        """The comparator as printed: '≥', '≤', '>', '<', '=', '–' (range), '' (qualitative)."""
        return Comparator(self.comparator).symbol

    @property
    def is_qualitative(self) -> bool:
        return self.comparator == Comparator.QUALITATIVE

    def spec(self) -> TargetSpec:
        """The parsed target (lib) this row stores, for assessing values and labels."""
        return TargetSpec(
            raw=self.raw,
            comparator=Comparator(self.comparator),
            value=_plain(self.value),
            value_max=_plain(self.value_max),
            measure_unit=self.measure_unit or None,
            qualifier=self.qualifier or None,
            text=self.qualitative_text or None,
        )

    def value_label(self) -> str:
        """'≥ 80%', '16–18', '> 0,7' or the qualitative text."""
        return self.spec().label_vi()


def _plain(value: Decimal | None) -> Decimal | None:
    """A stored Decimal without the column's trailing zeros (60.000000 → 60, 0.700000 → 0.7)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


class Assignment(models.Model):
    """A unit leading (chủ trì) or coordinating (phối hợp) one task or one indicator."""

    class Role(models.TextChoices):
        LEAD = "lead", "Chủ trì"
        COORDINATING = "coordinating", "Phối hợp"

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)
    task = models.ForeignKey(
        Task,
        verbose_name="nhiệm vụ",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name="chỉ tiêu",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    order = models.PositiveIntegerField("thứ tự")
    text_as_printed = models.CharField("tên như văn bản", max_length=500)

    class Meta:
        verbose_name = "phân công"
        verbose_name_plural = "phân công"
        ordering = ["-role", "order"]  # 'lead' before 'coordinating'.
        constraints = [
            models.CheckConstraint(
                condition=(Q(task__isnull=False) & Q(indicator__isnull=True))
                | (Q(task__isnull=True) & Q(indicator__isnull=False)),
                name="assignment_task_xor_indicator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.unit}"


class FiguresStamp(models.Model):
    """How many times what a plan's figures are counted from has changed (its tasks and their
    deadlines, lead assignments, reporting periods, reports sent, approved words).

    Every write that changes them raises `generation` (`plans.stamps.touch`, in the write's
    transaction); a write that changes days before today (a revised deadline, a back-dated
    period) raises `history` too. Figures stored for the plan (`evaluation.figures`) carry both
    as they were when counted: a day counted after it had passed stays valid until `history`
    moves (a report approved today cannot change yesterday), any other day until `generation`
    moves. A plan without a row is at 0, 0.
    """

    plan = models.OneToOneField(
        Plan,
        verbose_name="kế hoạch",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="figures_stamp",
    )
    generation = models.PositiveBigIntegerField("lần thay đổi", default=0)
    history = models.PositiveBigIntegerField("lần thay đổi ngày đã qua", default=0)

    class Meta:
        verbose_name = "dấu thay đổi số liệu"
        verbose_name_plural = "dấu thay đổi số liệu"

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.generation}/{self.history}"
