"""Admin for reporting: public holidays (business-day rules) are edited here, audited; the
review history is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nq57.audit.admin_mixins import AuditedModelAdmin
from nq57.reporting.models import Holiday, SubmissionEvent


@admin.register(Holiday)
class HolidayAdmin(AuditedModelAdmin):
    """Days off besides weekends and the fixed holidays: Tết, Giỗ Tổ, swapped working days."""

    list_display = ["day", "name"]
    date_hierarchy = "day"
    search_fields = ["name"]


@admin.register(SubmissionEvent)
class SubmissionEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Steps of the review of unit reports; nobody edits them."""

    list_display = ["at", "submission", "from_status", "to_status", "actor_label", "reason"]
    list_filter = ["to_status"]
    list_select_related = ["submission__unit", "submission__period"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
