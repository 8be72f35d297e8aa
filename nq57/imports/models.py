"""Staged imports: the uploaded file, its extracted rows and the officer's unit decisions.

Nothing here is a plan yet. An officer edits the staged rows; publishing turns them into
`plans.Plan` rows (a new plan, or a revision of an existing one) in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from nq57.orgs.models import Unit
from nq57.plans.models import Plan


class PlanImport(models.Model):
    """One uploaded file under review: its bytes and SHA-256, the document header as read.

    The header fields start as the parser read them and are edited by the officer. The row
    keeps the original file after publishing, so every version of a plan's source stays.
    """

    class Status(models.TextChoices):
        REVIEWING = "reviewing", "Đang rà soát"
        PUBLISHED = "published", "Đã lưu vào hệ thống"
        DISCARDED = "discarded", "Đã hủy"

    file_name = models.CharField("tên tệp", max_length=500)
    file_bytes = models.BinaryField("nội dung tệp", editable=False)
    file_size = models.PositiveIntegerField("dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    parser = models.CharField("bộ đọc", max_length=100, blank=True)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.REVIEWING
    )
    number = models.CharField("số, ký hiệu", max_length=100, blank=True)
    issuer_name = models.CharField("cơ quan ban hành", max_length=500, blank=True)
    issue_date = models.DateField("ngày ban hành", null=True, blank=True)
    title = models.TextField("trích yếu", blank=True)
    level = models.CharField("cấp", max_length=20, choices=Unit.Level.choices, blank=True)
    bases = models.JSONField("văn bản căn cứ", default=list, blank=True)
    reporting = models.JSONField("quy định về chế độ báo cáo", default=list, blank=True)
    document_warnings = models.JSONField("cảnh báo chung", default=list, blank=True)
    revises = models.ForeignKey(
        Plan,
        verbose_name="cập nhật cho kế hoạch",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    result = models.ForeignKey(
        Plan,
        verbose_name="kế hoạch đã lưu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("thời điểm tải lên", default=timezone.now)
    finished_at = models.DateTimeField("thời điểm kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "lượt nhập kế hoạch"
        verbose_name_plural = "lượt nhập kế hoạch"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.REVIEWING


class ImportRow(models.Model):
    """One extracted table row (a task or an indicator) as the officer will publish it.

    Task and indicator rows share this model because the officer edits, splits and merges
    table rows before they become `Task` or `Indicator`; `kind` says which one it becomes.
    `number` holds the task number or the indicator code. `version` grows with each edit, so
    two people editing the same row cannot overwrite each other.
    """

    class Kind(models.TextChoices):
        TASK = "task", "Nhiệm vụ"
        INDICATOR = "indicator", "Chỉ tiêu"

    plan_import = models.ForeignKey(
        PlanImport, verbose_name="lượt nhập", on_delete=models.CASCADE, related_name="rows"
    )
    kind = models.CharField("loại", max_length=20, choices=Kind.choices)
    order = models.PositiveIntegerField("thứ tự")
    appendix = models.CharField("phụ lục", max_length=200, blank=True)
    section = models.CharField("mục", max_length=50, blank=True)
    section_title = models.TextField("tên mục", blank=True)
    group = models.TextField("nhóm chỉ tiêu", blank=True)
    subgroup = models.TextField("nhóm con", blank=True)
    number = models.CharField("số thứ tự / mã", max_length=50, blank=True)
    name = models.TextField("nội dung")
    lead = models.TextField("cơ quan chủ trì", blank=True)
    coordinating = models.TextField("cơ quan phối hợp", blank=True)
    deadline = models.CharField("thời gian hoàn thành", max_length=500, blank=True)
    output = models.TextField("sản phẩm", blank=True)
    measure_unit = models.CharField("đơn vị tính", max_length=200, blank=True)
    targets = models.JSONField("mục tiêu theo mốc", default=dict, blank=True)
    extras = models.JSONField("cột khác", default=dict, blank=True)
    subitems = models.JSONField("ý nhỏ", default=list, blank=True)
    parser_warnings = models.JSONField("cảnh báo của bộ đọc", default=list, blank=True)
    source_row = models.PositiveIntegerField("dòng trong bảng", null=True, blank=True)
    source_line_start = models.PositiveIntegerField("từ dòng", null=True, blank=True)
    source_line_end = models.PositiveIntegerField("đến dòng", null=True, blank=True)
    edited = models.BooleanField("đã sửa tay", default=False)
    version = models.PositiveIntegerField("phiên bản", default=1)

    class Meta:
        verbose_name = "dòng trích xuất"
        verbose_name_plural = "dòng trích xuất"
        ordering = ["plan_import", "kind", "order"]

    def __str__(self) -> str:
        return f"{self.number} {self.name[:80]}".strip()

    def fields(self) -> dict[str, Any]:
        """The compared and published fields, as plain values."""
        return {name: getattr(self, name) for name in ROW_FIELDS}


ROW_FIELDS = (
    "appendix",
    "section",
    "section_title",
    "group",
    "subgroup",
    "number",
    "name",
    "lead",
    "coordinating",
    "deadline",
    "output",
    "measure_unit",
    "targets",
    "extras",
)


class UnitDecision(models.Model):
    """The officer's answer for one unit name printed in the file: this unit, or a new one.

    `mention` is the name as split from a lead/coordinating cell; `key` its folded form.
    A decision with `unit` maps the name to that unit (and keeps it as an alias); one with
    `create` makes a confirmed unit of that name under `parent` when the plan is stored.
    """

    plan_import = models.ForeignKey(
        PlanImport, verbose_name="lượt nhập", on_delete=models.CASCADE, related_name="decisions"
    )
    key = models.CharField("tên chuẩn hóa", max_length=500)
    mention = models.CharField("tên như văn bản", max_length=500)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", null=True, blank=True, on_delete=models.PROTECT
    )
    create = models.BooleanField("tạo đơn vị mới", default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("thời điểm xác nhận", default=timezone.now)

    class Meta:
        verbose_name = "xác nhận đơn vị"
        verbose_name_plural = "xác nhận đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["plan_import", "key"], name="unit_decision_once"),
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False, create=False)
                | models.Q(unit__isnull=True, create=True),
                name="unit_decision_unit_xor_create",
            ),
        ]

    def __str__(self) -> str:
        return self.mention
