"""The filters of the audit log page (GET), parsed into `nq57.audit.queries.AuditFilter`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType

from nq57.audit.queries import AuditFilter, AuditQueryError, object_type_named


def _day(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Ngày không hợp lệ; viết theo dạng ngày/tháng/năm."},
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "ngày/tháng/năm"}),
    )


class AuditFilterForm(forms.Form):
    """A filter that does not validate (a wrong date) is explained and left out."""

    q = forms.CharField(
        label="Tìm (đối tượng, người, hành động, mã yêu cầu)", required=False, max_length=200
    )
    actor = forms.CharField(label="Người thực hiện (tên đăng nhập)", required=False, max_length=150)
    action = forms.ChoiceField(
        label="Hành động",
        required=False,
        error_messages={"invalid_choice": "Hành động «%(value)s» chưa có trong nhật ký."},
    )
    object_type = forms.ChoiceField(
        label="Loại đối tượng",
        required=False,
        error_messages={"invalid_choice": "Loại đối tượng «%(value)s» chưa có trong nhật ký."},
    )
    since = _day("Từ ngày")
    until = _day("Đến ngày")
    request_id = forms.CharField(label="Mã yêu cầu", required=False, max_length=64)

    def __init__(
        self,
        *args: Any,
        actions: list[tuple[str, str]],
        object_types: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._set_choices("action", [("", "Mọi hành động"), *actions])
        self._set_choices("object_type", [("", "Mọi loại"), *object_types])

    def _set_choices(self, name: str, choices: list[tuple[str, str]]) -> None:
        field = self.fields[name]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices

    def audit_filter(self) -> AuditFilter:
        """The valid fields as a filter (`cleaned_data` keeps only those)."""
        if not self.is_bound:
            return AuditFilter()
        self.is_valid()
        data = self.cleaned_data
        return AuditFilter(
            text=(data.get("q") or "").strip(),
            actor=(data.get("actor") or "").strip(),
            action=data.get("action") or "",
            object_type=_object_type(data.get("object_type") or ""),
            since=data.get("since"),
            until=data.get("until"),
            request_id=(data.get("request_id") or "").strip(),
        )


def _object_type(name: str) -> ContentType | None:
    if not name:
        return None
    try:
        return object_type_named(name)
    except AuditQueryError:
        return None
