"""Admin for units and aliases (search ignores case and diacritics)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.contrib.auth.models import Group
from django.db.models import QuerySet
from django.http import HttpRequest

from nq57.audit.actions import record
from nq57.audit.admin_mixins import AuditedModelAdmin
from nq57.audit.context import current_user
from nq57.orgs.actions import confirm_unit
from nq57.orgs.models import Membership, Unit, UnitAlias, User
from nq57.orgs.names import normalize_unit_name


class FoldedSearchMixin:
    """Search a Python-computed folded column, so results match on SQLite and PostgreSQL."""

    folded_field = "folded_name"

    def get_search_results(
        self,
        request: HttpRequest,
        queryset: QuerySet[Any],
        search_term: str,
    ) -> tuple[QuerySet[Any], bool]:
        if not search_term:
            return queryset, False
        folded = normalize_unit_name(search_term)
        return queryset.filter(**{f"{self.folded_field}__contains": folded}), False


class UnitAliasInline(admin.TabularInline):  # type: ignore[type-arg]
    model = UnitAlias
    fk_name = "unit"
    extra = 0
    fields = ["alias"]


@admin.register(Unit)
class UnitAdmin(FoldedSearchMixin, AuditedModelAdmin):
    """Units; 'Cần xác nhận' ones were created by imports and wait for an officer."""

    list_display = ["name", "level", "parent", "status", "is_collective", "valid_to"]
    list_filter = ["status", "level", "is_collective"]
    search_fields = ["folded_name"]
    list_select_related = ["parent"]
    raw_id_fields = ["parent", "successor"]
    filter_horizontal = ["members"]  # the units a collective stands for (each reports itself)
    inlines = [UnitAliasInline]
    actions = ["confirm_selected"]

    @admin.action(description="Xác nhận các đơn vị đã chọn")
    def confirm_selected(self, request: HttpRequest, queryset: QuerySet[Unit]) -> None:
        confirmed = sum(confirm_unit(unit=unit, actor=request.user) for unit in queryset)
        self.message_user(request, f"Đã xác nhận {confirmed} đơn vị.")


@admin.register(UnitAlias)
class UnitAliasAdmin(FoldedSearchMixin, AuditedModelAdmin):
    list_display = ["alias", "unit"]
    search_fields = ["folded"]
    folded_field = "folded"
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    """A person's roles at units: what they may see and do follows the unit tree."""

    model = Membership
    extra = 0
    raw_id_fields = ["unit"]


class AuditedPasswordForm(AdminPasswordChangeForm):  # type: ignore[type-arg]
    """The admin's password page. A new password is audited by Django's `password_changed`
    hook (`nq57.audit.auth_hooks`); switching password sign-in off is audited here."""

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=commit)
        if commit and not self.cleaned_data["set_usable_password"]:
            record(
                actor=current_user(),
                action="accounts.password_disabled",
                obj=user,
                after={"usable": False},
            )
        return user


@admin.register(User)
class UserAdmin(AuditedModelAdmin, DjangoUserAdmin):  # type: ignore[type-arg]
    """People; changes are audited (the password hash is never written to the log)."""

    inlines = [MembershipInline]
    change_password_form = AuditedPasswordForm


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedModelAdmin, DjangoGroupAdmin):
    """Django's permission groups, audited like every other admin write."""
