"""Reporting regimes of a plan and the periods they generate (`nq57.lib.regimes` computes them)."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from nq57.lib.regimes import Frequency, Regime, Roll
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Indicator, Plan, Task


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
    requires_unit_approval = models.BooleanField(
        "lãnh đạo đơn vị duyệt trước khi gửi", default=False
    )

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
            lock_after_due=self.lock_after_due,
            requires_unit_approval=self.requires_unit_approval,
        )


class Holiday(models.Model):
    """A day off besides weekends and the fixed holidays (Tết, Giỗ Tổ, days swapped by the
    government each year), so business-day rules skip it."""

    day = models.DateField("ngày", unique=True)
    name = models.CharField("tên ngày nghỉ", max_length=200)

    class Meta:
        verbose_name = "ngày nghỉ lễ"
        verbose_name_plural = "ngày nghỉ lễ"
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} — {self.name}"


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
    unlocked_until = models.DateTimeField("mở lại đến", null=True, blank=True)

    class Meta:
        verbose_name = "kỳ báo cáo"
        verbose_name_plural = "kỳ báo cáo"
        ordering = ["plan", "due"]
        constraints = [
            models.UniqueConstraint(fields=["regime", "start"], name="period_once_per_regime")
        ]

    def __str__(self) -> str:
        return self.label

    def is_locked(self, now: datetime) -> bool:
        """Closed to units that have not reported: locked by hand, or past due when the
        regime locks after due — unless re-opened until a later time."""
        if self.unlocked_until is not None and now <= self.unlocked_until:
            return False
        return self.locked or (self.regime.lock_after_due and now > self.due)


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def open(self) -> SubmissionQuerySet:
        """Not yet sent to the standing office (chưa nộp, đang soạn, cần bổ sung)."""
        return self.filter(status__in=Submission.OPEN)


class Submission(models.Model):
    """One unit's report for one plan and one period (báo cáo của đơn vị).

    `version` is the version being written; its lines are the `TaskUpdate` and
    `IndicatorValue` rows of that version. Approval freezes a version (`approved_version`); a
    change afterwards starts the next one, which needs approval again. `revision` counts every
    write: a write made against an older revision is refused (two people, one report).
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa nộp"
        DRAFT = "draft", "Đang soạn"
        UNIT_REVIEW = "unit_review", "Chờ lãnh đạo đơn vị duyệt"
        SUBMITTED = "submitted", "Chờ duyệt"
        RETURNED = "returned", "Cần bổ sung"
        APPROVED = "approved", "Đã duyệt"

    OPEN = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)
    NARRATIVE = ("highlights", "difficulties", "proposals", "next_steps")
    EDITABLE = (Status.NOT_STARTED, Status.DRAFT, Status.RETURNED)

    plan = models.ForeignKey(
        Plan, verbose_name="kế hoạch", on_delete=models.CASCADE, related_name="submissions"
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name="kỳ báo cáo",
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="submissions"
    )
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    version = models.PositiveIntegerField("phiên bản", default=1)
    approved_version = models.PositiveIntegerField("phiên bản đã duyệt", null=True, blank=True)
    revision = models.PositiveIntegerField("số lần ghi", default=0)
    highlights = models.TextField("kết quả nổi bật", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)
    next_steps = models.TextField("nhiệm vụ kỳ tới", blank=True)
    frozen_narratives = models.JSONField(
        "đánh giá chung của các phiên bản đã duyệt", default=dict, blank=True
    )
    submitted_at = models.DateTimeField("thời điểm gửi", null=True, blank=True)
    first_submitted_at = models.DateTimeField("gửi lần đầu", null=True, blank=True)
    approved_at = models.DateTimeField("thời điểm duyệt", null=True, blank=True)
    unlocked_until = models.DateTimeField("mở lại đến", null=True, blank=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo của đơn vị"
        verbose_name_plural = "báo cáo của đơn vị"
        ordering = ["period__due", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["period", "unit"], name="submission_once_per_period")
        ]
        indexes = [
            models.Index(fields=["unit", "status"]),
            models.Index(fields=["plan", "status"]),
            models.Index(fields=["plan", "unit"], name="submission_plan_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.period}"

    def narrative(self, version: int | None = None) -> dict[str, str]:
        """The narrative of `version`: as approved for an older approved version, else as
        being written."""
        frozen = self.frozen_narratives.get(str(version)) if version != self.version else None
        return dict(frozen) if frozen else {name: getattr(self, name) for name in self.NARRATIVE}

    def is_locked(self, now: datetime) -> bool:
        """Whether the unit can no longer write it: the period is locked and this report was
        never sent (a report returned for revision can always be fixed), unless re-opened."""
        if self.unlocked_until is not None and now <= self.unlocked_until:
            return False
        if self.status == self.Status.RETURNED:
            return False
        return self.period.is_locked(now)

    def days_late(self) -> int | None:
        """Days late by the calendar in Asia/Ho_Chi_Minh (sent the day after the due day: 1;
        later on the due day itself: 1 too), None when sent on time or not sent."""
        if self.first_submitted_at is None or self.first_submitted_at <= self.period.due:
            return None
        sent, due = timezone.localdate(self.first_submitted_at), timezone.localdate(self.period.due)
        return max(1, (sent - due).days)


class LineFields(models.Model):
    """What every line of a submission carries: its version and 'không phát sinh trong kỳ'."""

    version = models.PositiveIntegerField("phiên bản")
    not_applicable = models.BooleanField("không phát sinh trong kỳ", default=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


class TaskUpdate(LineFields):
    """A unit's report on one task in one version of its submission (cập nhật nhiệm vụ)."""

    class Lifecycle(models.TextChoices):
        NOT_STARTED = "not_started", "Chưa thực hiện"
        IN_PROGRESS = "in_progress", "Đang thực hiện"
        DONE = "done", "Hoàn thành"
        PAUSED = "paused", "Tạm dừng"
        CANCELLED = "cancelled", "Không thực hiện"

    submission = models.ForeignKey(
        Submission, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="task_updates"
    )
    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.PROTECT, related_name="updates"
    )
    role = models.CharField("vai trò", max_length=20, choices=Assignment.Role.choices)
    lifecycle = models.CharField("tình trạng", max_length=20, choices=Lifecycle.choices, blank=True)
    percent = models.PositiveSmallIntegerField("tỷ lệ hoàn thành (%)", null=True, blank=True)
    completed_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    done = models.TextField("kết quả thực hiện", blank=True)
    difficulties = models.TextField("khó khăn, vướng mắc", blank=True)
    proposals = models.TextField("đề xuất, kiến nghị", blank=True)

    class Meta:
        verbose_name = "cập nhật nhiệm vụ"
        verbose_name_plural = "cập nhật nhiệm vụ"
        ordering = ["submission", "version", "task__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "version", "task"], name="task_update_once_per_version"
            ),
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="task_update_percent_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.submission}"


class IndicatorValue(LineFields):
    """A unit's value for one indicator in one version of its submission (số liệu chỉ tiêu).

    `number` is the value read by the indicator's kind (for a ratio, the share in percent);
    `numerator`/`denominator` keep a ratio's parts, `flag` a yes/no, `text` a text value.
    """

    class Basis(models.TextChoices):
        CUMULATIVE = "cumulative", "Lũy kế"
        IN_PERIOD = "in_period", "Trong kỳ"

    submission = models.ForeignKey(
        Submission, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="values"
    )
    number = models.DecimalField("giá trị", max_digits=20, decimal_places=6, null=True, blank=True)
    numerator = models.DecimalField("tử số", max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(
        "mẫu số", max_digits=20, decimal_places=6, null=True, blank=True
    )
    flag = models.BooleanField("có/không", null=True, blank=True)
    text = models.TextField("nội dung", blank=True)
    basis = models.CharField(
        "cách tính", max_length=20, choices=Basis.choices, default=Basis.CUMULATIVE
    )
    as_of = models.DateField("số liệu tính đến ngày", null=True, blank=True)
    source = models.CharField("nguồn số liệu", max_length=500, blank=True)
    note = models.TextField("ghi chú", blank=True)
    warnings = models.JSONField("cảnh báo khi nhập", default=list, blank=True)

    class Meta:
        verbose_name = "số liệu chỉ tiêu"
        verbose_name_plural = "số liệu chỉ tiêu"
        ordering = ["submission", "version", "indicator__order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "version", "indicator"], name="value_once_per_version"
            ),
            models.CheckConstraint(
                condition=Q(denominator__isnull=True) | Q(denominator__gt=0),
                name="value_denominator_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} — {self.submission}"


class EvidenceFile(models.Model):
    """The bytes of an uploaded evidence file, stored once per content (SHA-256)."""

    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    content_type = models.CharField("loại tệp", max_length=100)
    size = models.PositiveIntegerField("dung lượng (byte)")
    data = models.BinaryField("nội dung", editable=False)
    uploaded_at = models.DateTimeField("tải lên lúc", default=timezone.now)

    class Meta:
        verbose_name = "tệp minh chứng"
        verbose_name_plural = "tệp minh chứng"

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.size} byte)"


class Evidence(models.Model):
    """An output or proof of a task update (minh chứng): a file, a link or a document.

    Withdrawn evidence stays (with who and when) but no longer counts.
    """

    class Kind(models.TextChoices):
        FILE = "file", "Tệp"
        LINK = "link", "Đường dẫn"
        DOCUMENT = "document", "Văn bản"

    task_update = models.ForeignKey(
        TaskUpdate,
        verbose_name="cập nhật nhiệm vụ",
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    title = models.CharField("tên", max_length=500)
    file = models.ForeignKey(
        EvidenceFile,
        verbose_name="tệp",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="uses",
    )
    url = models.URLField("đường dẫn", max_length=1000, blank=True)
    document_number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    document_date = models.DateField("ngày văn bản", null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thêm",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField("thêm lúc", default=timezone.now)
    withdrawn_at = models.DateTimeField("gỡ lúc", null=True, blank=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"
        ordering = ["task_update", "added_at", "pk"]

    def __str__(self) -> str:
        return self.title


class SubmissionEvent(models.Model):
    """One step of a submission's review: who moved it from which status to which, and why."""

    submission = models.ForeignKey(
        Submission, verbose_name="báo cáo", on_delete=models.CASCADE, related_name="events"
    )
    version = models.PositiveIntegerField("phiên bản")
    from_status = models.CharField("từ", max_length=20, choices=Submission.Status.choices)
    to_status = models.CharField("sang", max_length=20, choices=Submission.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("người thực hiện", max_length=200)
    reason = models.TextField("lý do, ghi chú", blank=True)
    at = models.DateTimeField("thời điểm", default=timezone.now)

    class Meta:
        verbose_name = "bước xử lý báo cáo"
        verbose_name_plural = "các bước xử lý báo cáo"
        ordering = ["submission", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Notification(models.Model):
    """An in-app notice to one person; `key` makes each notice once-only; `mailed_at` marks it
    as sent in a digest e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người nhận",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    key = models.CharField("khóa", max_length=200)
    kind = models.CharField("loại", max_length=30)
    text = models.TextField("nội dung")
    submission = models.ForeignKey(
        Submission,
        verbose_name="báo cáo",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    read_at = models.DateTimeField("đã đọc lúc", null=True, blank=True)
    mailed_at = models.DateTimeField("đã gửi thư lúc", null=True, blank=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key")
        ]

    def __str__(self) -> str:
        return self.text[:100]


class LeadProgress(models.Model):
    """A lead unit's word on a task (tiến độ theo đơn vị chủ trì), kept as a history.

    The row says what the unit's latest approved report says of the task (the report of the
    latest period among those approved): its lifecycle and completion day, from the approval
    that made it so (`valid_from`) until an approval changed it (`valid_to`, empty while it
    holds); a new period repeating the same word adds no row. Any past day is then a
    range filter, and the dashboards count tasks with set-based queries instead of reading
    every report line. Derived from the approved reports: `nq57.reporting.progress` writes it
    at each approval and can rebuild it (`nq57 rebuild-progress`).
    """

    derived_from_units = True  # a unit merge rebuilds it (`orgs.signals`)

    plan = models.ForeignKey(Plan, verbose_name="kế hoạch", on_delete=models.CASCADE)
    task = models.ForeignKey(
        Task, verbose_name="nhiệm vụ", on_delete=models.CASCADE, related_name="lead_progress"
    )
    unit = models.ForeignKey(Unit, verbose_name="đơn vị chủ trì", on_delete=models.CASCADE)
    lifecycle = models.CharField(
        "tình trạng", max_length=20, choices=TaskUpdate.Lifecycle.choices, blank=True
    )
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)
    valid_from = models.DateTimeField("hiệu lực từ")
    valid_to = models.DateTimeField("hiệu lực đến", null=True, blank=True)

    class Meta:
        verbose_name = "tiến độ theo đơn vị chủ trì"
        verbose_name_plural = "tiến độ theo đơn vị chủ trì"
        indexes = [
            models.Index(fields=["plan", "valid_to"], name="lead_progress_plan_valid"),
            models.Index(fields=["task", "unit", "valid_from"], name="lead_progress_history"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit"],
                condition=Q(valid_to__isnull=True),
                name="lead_progress_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task} — {self.unit}: {self.get_lifecycle_display() or '—'}"
