"""Django admin writes go through the audit log like every other write."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.forms import BaseFormSet, Form
from django.http import HttpRequest

from nq57.audit.actions import record

_SECRET_FIELDS = {"password"}


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's concrete field values as JSON-safe data (binary fields and secrets left out)."""
    values = {
        field.attname: getattr(obj, field.attname)
        for field in obj._meta.concrete_fields
        if not isinstance(field, models.BinaryField) and field.attname not in _SECRET_FIELDS
    }
    data: dict[str, Any] = json.loads(json.dumps(values, cls=DjangoJSONEncoder))
    return data


def _label(obj: models.Model, verb: str) -> str:
    return f"admin.{obj._meta.label_lower}.{verb}"


def _before(obj: models.Model) -> dict[str, Any] | None:
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored) if stored is not None else None


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """ModelAdmin whose saves and deletes (including inlines and bulk deletes) are audited."""

    def save_model(self, request: HttpRequest, obj: Any, form: Form, change: bool) -> None:
        before = _before(obj) if change else None
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        record(
            actor=request.user,
            action=_label(obj, verb),
            obj=obj,
            before=before,
            after=snapshot(obj),
        )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before = snapshot(obj)
        record(actor=request.user, action=_label(obj, "deleted"), obj=obj, before=before)
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        for obj in queryset:
            record(actor=request.user, action=_label(obj, "deleted"), obj=obj, before=snapshot(obj))
        super().delete_queryset(request, queryset)

    def save_formset(
        self, request: HttpRequest, form: Form, formset: BaseFormSet[Any], change: bool
    ) -> None:
        for deleted in formset.deleted_forms:
            obj = deleted.instance
            if obj.pk is not None:
                record(
                    actor=request.user, action=_label(obj, "deleted"), obj=obj, before=snapshot(obj)
                )
        befores = {id(f.instance): _before(f.instance) for f in formset.forms if f.has_changed()}
        super().save_formset(request, form, formset, change)
        changed = [obj for obj, _ in getattr(formset, "changed_objects", [])]
        for obj in [*getattr(formset, "new_objects", []), *changed]:
            record(
                actor=request.user,
                action=_label(obj, "changed"),
                obj=obj,
                before=befores.get(id(obj)),
                after=snapshot(obj),
            )
