"""Imports in the admin: read-only (they change through the review page only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from nq57.imports.models import PlanImport


@admin.register(PlanImport)
class PlanImportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["file_name", "status", "number", "issuer_name", "created_by", "created_at"]
    list_filter = ["status"]
    search_fields = ["file_name", "number", "title", "sha256"]
    exclude = ["file_bytes"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
