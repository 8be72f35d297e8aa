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


def _relations(obj: models.Model) -> dict[str, list[Any]]:
    """The object's stored many-to-many links (groups, permissions…) as sorted ids."""
    if obj.pk is None:
        return {}
    return {
        field.name: sorted(getattr(obj, field.name).values_list("pk", flat=True))
        for field in obj._meta.many_to_many
    }


def _relations_in(form: Form, obj: models.Model) -> dict[str, list[Any]]:
    """The many-to-many links the form is about to save (admin saves them after `save_model`)."""
    data = getattr(form, "cleaned_data", {})
    return {
        field.name: sorted(item.pk for item in data[field.name])
        for field in obj._meta.many_to_many
        if field.name in data
    }


def _before(obj: models.Model) -> dict[str, Any] | None:
    if obj.pk is None:
        return None
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return {**snapshot(stored), **_relations(stored)} if stored is not None else None


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """ModelAdmin whose saves and deletes (including inlines and bulk deletes) are audited,
    many-to-many links (a user's groups and permissions) included."""

    def save_model(self, request: HttpRequest, obj: Any, form: Form, change: bool) -> None:
        before = _before(obj) if change else None
        super().save_model(request, obj, form, change)
        verb = "changed" if change else "created"
        after = {**snapshot(obj), **_relations(obj), **_relations_in(form, obj)}
        record(actor=request.user, action=_label(obj, verb), obj=obj, before=before, after=after)

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
