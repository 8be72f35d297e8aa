"""Admin for plans and their contents."""

from __future__ import annotations

from django.contrib import admin

from nq57.audit.admin_mixins import AuditedModelAdmin
from nq57.plans.models import Assignment, Indicator, Plan, PlanReference, Section, Target, Task


class PlanReferenceInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PlanReference
    fk_name = "plan"
    extra = 0
    fields = ["order", "number", "normalized_number", "resolved_plan"]
    raw_id_fields = ["resolved_plan"]


@admin.register(Plan)
class PlanAdmin(AuditedModelAdmin):
    """Plans; the original file is kept but never shown here."""

    list_display = ["number", "title", "issuer", "issue_date", "level", "status", "imported_at"]
    list_filter = ["status", "level", "issue_date"]
    search_fields = ["number", "normalized_number", "title", "issuer__folded_name"]
    list_select_related = ["issuer"]
    raw_id_fields = ["issuer", "imported_by"]
    readonly_fields = ["normalized_number", "source_sha256", "imported_at", "published_at"]
    exclude = ["source_file"]
    inlines = [PlanReferenceInline]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).defer("source_file")


@admin.register(Section)
class SectionAdmin(AuditedModelAdmin):
    list_display = ["plan", "appendix", "code", "title", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["title", "code"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan"]


class AssignmentInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Assignment
    extra = 0
    fields = ["role", "unit", "order", "text_as_printed"]
    raw_id_fields = ["unit"]


class TaskAssignmentInline(AssignmentInline):
    fk_name = "task"


class IndicatorAssignmentInline(AssignmentInline):
    fk_name = "indicator"


@admin.register(Task)
class TaskAdmin(AuditedModelAdmin):
    list_display = ["number", "name", "plan", "deadline_raw", "deadline_kind", "deadline_due"]
    list_filter = ["deadline_kind", "plan__level"]
    search_fields = ["name", "number", "lead_text", "coordinating_text"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "section"]
    inlines = [TaskAssignmentInline]


class TargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Target
    extra = 0
    fields = ["order", "milestone", "raw", "comparator", "value", "value_max", "qualifier"]


@admin.register(Indicator)
class IndicatorAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "measure_unit", "value_kind", "aggregation", "plan"]
    list_filter = ["plan__level", "value_kind", "aggregation", "kind_confirmed"]
    search_fields = ["name", "code", "lead_text"]
    list_select_related = ["plan"]
    raw_id_fields = ["plan", "section"]
    inlines = [TargetInline, IndicatorAssignmentInline]


@admin.register(Target)
class TargetAdmin(AuditedModelAdmin):
    list_display = ["indicator", "milestone", "raw", "comparator", "value", "value_max"]
    list_filter = ["comparator", "milestone"]
    search_fields = ["raw", "indicator__name"]
    list_select_related = ["indicator"]
    raw_id_fields = ["indicator"]


@admin.register(Assignment)
class AssignmentAdmin(AuditedModelAdmin):
    list_display = ["unit", "role", "task", "indicator", "text_as_printed"]
    list_filter = ["role"]
    search_fields = ["text_as_printed", "unit__folded_name"]
    list_select_related = ["unit", "task", "indicator"]
    raw_id_fields = ["unit", "task", "indicator"]


@admin.register(PlanReference)
class PlanReferenceAdmin(AuditedModelAdmin):
    list_display = ["number", "normalized_number", "plan", "resolved_plan"]
    search_fields = ["number", "normalized_number"]
    list_select_related = ["plan", "resolved_plan"]
    raw_id_fields = ["plan", "resolved_plan"]
