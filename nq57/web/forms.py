"""Forms of the HTML interface: input parsing and validation, Vietnamese messages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from nq57.imports.models import ImportRow
from nq57.lib.deadlines import DeadlineKind
from nq57.lib.indicator_kinds import AGGREGATIONS_FOR, Aggregation, ValueKind
from nq57.orgs.actions import locked_until, login_failed, login_succeeded
from nq57.orgs.models import Unit, User
from nq57.plans.models import Assignment, Indicator
from nq57.plans.queries import WorkFilter

ACCEPTED_TYPES = ".docx,.pdf,.txt,.md"


class LoginForm(AuthenticationForm):
    """Sign-in that counts wrong passwords and refuses a locked account (server-side)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị vô hiệu hóa.",
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        until = locked_until(username)
        if until is not None:
            raise forms.ValidationError(
                f"Tài khoản tạm khóa đến {timezone.localtime(until):%H:%M} ngày "
                f"{timezone.localtime(until):%d/%m/%Y} vì nhập sai mật khẩu nhiều lần.",
                code="locked",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_failed(username=username)
            raise
        user = self.get_user()
        if isinstance(user, User):
            login_succeeded(user=user)
        return cleaned


class UploadForm(forms.Form):
    """A plan file and, optionally, the stored plan it revises."""

    file = forms.FileField(
        label="Tệp kế hoạch (DOCX, PDF có lớp chữ, hoặc văn bản)",
        error_messages={"required": "Hãy chọn tệp kế hoạch.", "empty": "Tệp rỗng."},
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )
    revises = forms.TypedChoiceField(
        label="Là bản sửa đổi của kế hoạch (nếu có)",
        required=False,
        coerce=int,
        empty_value=None,
    )

    def __init__(self, *args: Any, plans: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["revises"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "— Tự nhận biết (kế hoạch mới nếu không trùng) —"), *plans]


class HeaderForm(forms.Form):
    number = forms.CharField(label="Số, ký hiệu", required=False, max_length=100)
    issuer_name = forms.CharField(label="Cơ quan ban hành", required=False, max_length=500)
    issue_date = forms.DateField(
        label="Ngày ban hành",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày không hợp lệ; viết theo dạng ngày/tháng/năm."},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "ngày/tháng/năm"}),
    )
    title = forms.CharField(
        label="Trích yếu", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    level = forms.ChoiceField(label="Cấp", required=False, choices=[("", "—"), *Unit.Level.choices])
    bases = forms.CharField(
        label="Văn bản căn cứ (mỗi số một dòng)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_bases(self) -> list[str]:
        text: str = self.cleaned_data.get("bases") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]


class RowForm(forms.Form):
    """One staged row: every cell, plus the version the officer saw."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label="Số thứ tự / mã", required=False, max_length=50)
    name = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead = forms.CharField(
        label="Cơ quan chủ trì", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    coordinating = forms.CharField(
        label="Cơ quan phối hợp", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    deadline = forms.CharField(label="Thời gian hoàn thành", required=False, max_length=500)
    output = forms.CharField(
        label="Sản phẩm", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure_unit = forms.CharField(label="Đơn vị tính", required=False, max_length=200)
    targets = forms.CharField(
        label="Mục tiêu (mỗi mốc một dòng, ví dụ «2030: ≥ 80%»)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    extras = forms.CharField(
        label="Cột khác (mỗi cột một dòng, ví dụ «Nguồn kinh phí: Ngân sách quận»)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    tail = forms.CharField(
        label="Phần nội dung tách sang dòng mới",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_targets(self) -> dict[str, str]:
        return _pairs(self.cleaned_data.get("targets") or "", "mục tiêu", "«2030: ≥ 80%»")

    def clean_extras(self) -> dict[str, str]:
        example = "«Nguồn kinh phí: Ngân sách quận»"
        return _pairs(self.cleaned_data.get("extras") or "", "cột khác", example)

    @staticmethod
    def initial_for(row: ImportRow) -> dict[str, Any]:
        values: dict[str, Any] = {name: getattr(row, name) for name in RowForm.cell_names(row.kind)}
        values["targets"] = "\n".join(f"{k}: {v}" for k, v in row.targets.items())
        values["extras"] = "\n".join(f"{k}: {v}" for k, v in row.extras.items())
        values["version"] = row.version
        return values

    @staticmethod
    def cell_names(kind: str) -> tuple[str, ...]:
        if kind == ImportRow.Kind.INDICATOR:
            return ("number", "name", "measure_unit", "lead", "coordinating", "output")
        return ("number", "name", "lead", "coordinating", "deadline", "output")

    def values(self, kind: str) -> dict[str, Any]:
        """The cleaned cells that belong to a row of `kind`."""
        values: dict[str, Any] = {
            name: self.cleaned_data.get(name) or "" for name in self.cell_names(kind)
        }
        if kind == ImportRow.Kind.INDICATOR:
            values["targets"] = self.cleaned_data.get("targets") or {}
        values["extras"] = self.cleaned_data.get("extras") or {}
        return values


def _pairs(text: str, what: str, example: str) -> dict[str, str]:
    """'name: value' lines → a dict; a line without both parts is refused."""
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            continue
        name, sep, value = line.partition(":")
        if not sep or not name.strip() or not value.strip():
            raise forms.ValidationError(
                f"Dòng {what} «{line.strip()}» cần có dạng «tên: giá trị», ví dụ {example}."
            )
        pairs[name.strip()] = value.strip()
    return pairs


class UnitDecisionForm(forms.Form):
    mention = forms.CharField(max_length=500)
    choice = forms.ChoiceField(choices=[("suggested", ""), ("other", ""), ("create", "")])
    unit_id = forms.IntegerField(required=False)
    unit_label = forms.CharField(label="Đơn vị khác", required=False, max_length=800)


class WorkFilterForm(forms.Form):
    """Filters of 'Việc của đơn vị' and of the search page (GET)."""

    q = forms.CharField(
        label="Tìm (gõ có dấu hay không dấu đều được)", required=False, max_length=200
    )
    unit = forms.TypedChoiceField(label="Đơn vị", required=False, coerce=int, empty_value=None)
    plan = forms.TypedChoiceField(label="Kế hoạch", required=False, coerce=int, empty_value=None)
    section = forms.TypedChoiceField(
        label="Mục (chọn kế hoạch trước)", required=False, coerce=int, empty_value=None
    )
    role = forms.ChoiceField(
        label="Vai trò",
        required=False,
        choices=[("", "Chủ trì hoặc phối hợp"), *Assignment.Role.choices],
    )
    kind = forms.ChoiceField(
        label="Loại thời hạn",
        required=False,
        choices=[("", "Mọi loại"), *((k.value, k.label) for k in DeadlineKind)],
    )
    due = forms.TypedChoiceField(
        label="Đến hạn trong",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Bất kỳ"), (7, "7 ngày"), (30, "30 ngày"), (90, "90 ngày"), (365, "1 năm")],
    )

    def __init__(
        self,
        *args: Any,
        units: list[tuple[int, str]],
        plans: list[tuple[int, str]],
        sections: list[tuple[int, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("unit", [("", "Mọi đơn vị của tôi"), *units])
        self._set_choices("plan", [("", "Mọi kế hoạch"), *plans])
        self._set_choices("section", [("", "Mọi mục"), *(sections or [])])

    def _set_choices(self, name: str, choices: list[tuple[Any, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def work_filter(self) -> WorkFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return WorkFilter(
            unit_id=data.get("unit"),
            plan_id=data.get("plan"),
            role=data.get("role") or None,
            deadline_kind=data.get("kind") or None,
            due_within_days=data.get("due"),
            text=data.get("q") or "",
            section_id=data.get("section") if data.get("plan") else None,
        )


class IndicatorKindForm(forms.Form):
    """What units report for an indicator and how their values add up (standing office)."""

    value_kind = forms.ChoiceField(
        label="Loại số liệu",
        choices=[(kind.value, kind.label) for kind in ValueKind],
        error_messages={"invalid_choice": "Loại số liệu không hợp lệ."},
    )
    aggregation = forms.ChoiceField(
        label="Cách tổng hợp",
        choices=[(rule.value, rule.label) for rule in Aggregation],
        error_messages={"invalid_choice": "Cách tổng hợp không hợp lệ."},
    )
    allows_over_100 = forms.BooleanField(
        label="Cho phép vượt 100% (tỷ lệ tăng trưởng, so với năm trước…)", required=False
    )

    @staticmethod
    def initial_for(indicator: Indicator) -> dict[str, Any]:
        return {
            "value_kind": indicator.value_kind,
            "aggregation": indicator.aggregation,
            "allows_over_100": indicator.allows_over_100,
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, rule = cleaned.get("value_kind"), cleaned.get("aggregation")
        if kind and rule and Aggregation(rule) not in AGGREGATIONS_FOR[ValueKind(kind)]:
            allowed = ", ".join(f"«{a.label}»" for a in AGGREGATIONS_FOR[ValueKind(kind)])
            raise forms.ValidationError(
                f"Số liệu loại «{ValueKind(kind).label}» chỉ tổng hợp theo: {allowed}."
            )
        return cleaned
