"""Organisational units (cơ quan, đơn vị) in a tree, their aliases, and the people who sign in."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractUser
from django.db import models

from nq57.orgs.names import normalize_unit_name


class UnitQuerySet(models.QuerySet["Unit"]):
    """Reusable filters over units."""

    def needing_confirmation(self) -> UnitQuerySet:
        """Units created while importing a plan that a person has not yet confirmed."""
        return self.filter(status=Unit.Status.NEEDS_CONFIRMATION)

    def confirmed(self) -> UnitQuerySet:
        return self.filter(status=Unit.Status.CONFIRMED)

    def search(self, text: str) -> UnitQuerySet:
        """Units whose name contains `text`, ignoring case and diacritics (same on any database)."""
        return self.filter(folded_name__contains=normalize_unit_name(text))


class Unit(models.Model):
    """A body in the administration (a city, its People's Committee, a department, a commune…).

    Units form a tree through `parent`. A unit that stopped existing (the 1 July 2025
    reorganisation) keeps its rows and points to its `successor`.
    """

    class Level(models.TextChoices):
        CENTRAL = "central", "Trung ương"
        PROVINCE = "province", "Tỉnh"
        CITY = "city", "Thành phố"
        DISTRICT = "district", "Quận/Huyện"
        COMMUNE = "commune", "Xã/Phường"
        DEPARTMENT = "department", "Sở/Phòng/Ban"
        OTHER = "other", "Khác"

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", "Đã xác nhận"
        NEEDS_CONFIRMATION = "needs_confirmation", "Cần xác nhận"

    name = models.CharField("tên", max_length=500)
    short_name = models.CharField("tên viết tắt", max_length=200, blank=True)
    level = models.CharField("cấp", max_length=20, choices=Level.choices, default=Level.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    folded_name = models.CharField("tên không dấu", max_length=500, db_index=True, editable=False)
    status = models.CharField(
        "trạng thái", max_length=20, choices=Status.choices, default=Status.CONFIRMED
    )
    is_collective = models.BooleanField(
        "cụm nhiều đơn vị",
        default=False,
        help_text="Ví dụ: 'Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện'.",
    )
    members = models.ManyToManyField(
        "self",
        verbose_name="các đơn vị thuộc cụm",
        symmetrical=False,
        blank=True,
        related_name="collectives",
        help_text="Với cụm như 'Ủy ban nhân dân 10 phường': từng phường, mỗi phường tự báo cáo.",
    )
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name="đơn vị kế thừa",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = "cơ quan, đơn vị"
        verbose_name_plural = "cơ quan, đơn vị"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "folded_name"], name="unit_unique_name_in_parent"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded_name = normalize_unit_name(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "folded_name"}
        super().save(*args, **kwargs)

    @property
    def needs_confirmation(self) -> bool:
        return self.status == self.Status.NEEDS_CONFIRMATION


class UnitAlias(models.Model):
    """Another way a unit is written ('TTCĐS TP' for 'Trung tâm Chuyển đổi số Thành phố').

    `scope` is the unit's parent at the time the alias was saved; an alias is unique within it.
    """

    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="aliases"
    )
    alias = models.CharField("tên gọi khác", max_length=500)
    folded = models.CharField("tên không dấu", max_length=500, db_index=True, editable=False)
    scope = models.ForeignKey(
        Unit,
        verbose_name="phạm vi",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "tên gọi khác"
        verbose_name_plural = "tên gọi khác"
        ordering = ["alias"]
        constraints = [
            models.UniqueConstraint(fields=["scope", "folded"], name="unit_alias_unique_in_scope")
        ]

    def __str__(self) -> str:
        return self.alias

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.folded = normalize_unit_name(self.alias)
        self.scope_id = self.unit.parent_id
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A person's role at a unit; what they may see and do follows the unit tree below it.

    standing office  manages the plans issued in the unit's subtree (import, revise, publish)
                     and reads them, drafts included;
    leader           reads every plan issued in the subtree, drafts included;
    upper level      reads the published plans issued in the subtree;
    officer          reads the published plans that assign the unit a task or an indicator.
    The system administrator is a superuser and needs no membership.
    """

    class Role(models.TextChoices):
        STANDING_OFFICE = "standing_office", "Cơ quan thường trực, đầu mối"
        LEADER = "leader", "Lãnh đạo"
        UPPER_LEVEL = "upper_level", "Cấp trên (chỉ xem)"
        OFFICER = "officer", "Cán bộ đơn vị"

    user = models.ForeignKey(
        "orgs.User", verbose_name="người dùng", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "vai trò tại đơn vị"
        verbose_name_plural = "vai trò tại đơn vị"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} — {self.unit}"


class User(AbstractUser):
    """A person who signs in (custom from the start, so memberships and roles by unit can be
    added without swapping the user model later).

    Repeated wrong passwords lock the account for a while (`orgs.actions.login_failed`).
    """

    failed_logins = models.PositiveIntegerField("số lần nhập sai mật khẩu liên tiếp", default=0)
    locked_until = models.DateTimeField("tạm khóa đến", null=True, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
