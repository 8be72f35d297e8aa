"""Forms of the reporting pages: regimes, ad hoc periods, re-opening, evidence, reasons."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from nq57.lib.regimes import Frequency, Regime, Roll

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
_DAY_MONTH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")
_ROLLS = [
    (Roll.BEFORE.value, "Lùi về ngày làm việc trước"),
    (Roll.AFTER.value, "Dời sang ngày làm việc sau"),
    (Roll.NONE.value, "Giữ nguyên"),
]


def id_param(text: str | None) -> int:
    """A number sent by a form (a revision, a row's id); -1, which matches nothing, when it is
    missing or not a number."""
    return int(text) if text and text.isdigit() else -1


def day_param(text: str) -> date | None:
    """A day given in a link ('?ngay=dd/mm/yyyy'); None when absent or not a day."""
    try:
        return datetime.strptime(text.strip(), "%d/%m/%Y").date() if text.strip() else None
    except ValueError:
        return None


class RegimeForm(forms.Form):
    """One regime of a plan and the years to generate its periods for."""

    frequency = forms.ChoiceField(
        label="Tần suất",
        choices=[(f.value, f.label) for f in Frequency if f is not Frequency.AD_HOC],
    )
    due_dates = forms.CharField(
        label="Hạn nộp cố định (ngày/tháng, mỗi kỳ một hạn)",
        required=False,
        help_text="Ví dụ chế độ 6 tháng: 15/5; 5/11. Để trống để dùng «ngày hạn» dưới đây.",
    )
    due_day = forms.IntegerField(
        label="Ngày hạn trong tháng", min_value=1, max_value=31, initial=10
    )
    months_after = forms.IntegerField(
        label="Số tháng sau tháng cuối kỳ", min_value=0, max_value=12, initial=1
    )
    due_time = forms.TimeField(
        label="Giờ hạn",
        initial=time(17, 0),
        input_formats=["%H:%M", "%H:%M:%S"],
        widget=forms.TimeInput(format="%H:%M"),
    )
    roll = forms.ChoiceField(label="Hạn rơi vào ngày nghỉ", choices=_ROLLS)
    cutoff_days = forms.IntegerField(
        label="Chốt số liệu trước hạn (ngày làm việc)", min_value=0, max_value=30, initial=0
    )
    replaces_shorter = forms.BooleanField(
        label="Thay báo cáo kỳ ngắn hơn kết thúc cùng tháng", required=False
    )
    lock_after_due = forms.BooleanField(label="Khóa sau hạn nộp", required=False, initial=True)
    requires_unit_approval = forms.BooleanField(
        label="Lãnh đạo đơn vị duyệt trước khi gửi", required=False
    )
    first_year = forms.IntegerField(label="Tạo kỳ từ năm", min_value=2000, max_value=2100)
    last_year = forms.IntegerField(label="đến năm", min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if data["last_year"] < data["first_year"]:
            raise forms.ValidationError("Năm kết thúc phải từ năm bắt đầu trở đi.")
        if data["last_year"] - data["first_year"] > 10:
            raise forms.ValidationError("Chỉ tạo kỳ cho tối đa 10 năm một lần.")
        pairs = [(int(m), int(d)) for d, m in _DAY_MONTH.findall(data.get("due_dates") or "")]
        try:
            for month, day in pairs:
                date(2024, month, day)
            data["regime"] = Regime(
                frequency=Frequency(data["frequency"]),
                due_day=data["due_day"],
                months_after=data["months_after"],
                due_dates=tuple(pairs),
                due_time=data["due_time"],
                roll=Roll(data["roll"]),
                cutoff_days=data["cutoff_days"],
                replaces_shorter=data["replaces_shorter"],
                lock_after_due=data["lock_after_due"],
                requires_unit_approval=data["requires_unit_approval"],
            )
        except ValueError as error:
            raise forms.ValidationError(_regime_error(str(error), data)) from error
        return data


def regime_initial(regime: Regime) -> dict[str, Any]:
    """The form's fields for a regime (a suggestion read from the plan's text)."""
    return {
        "frequency": regime.frequency.value,
        "due_dates": "; ".join(f"{day}/{month}" for month, day in regime.due_dates),
        "due_day": regime.due_day,
        "months_after": regime.months_after,
        "due_time": regime.due_time,
        "roll": regime.roll.value,
    }


def _regime_error(error: str, data: dict[str, Any]) -> str:
    if "one due date per period" in error:
        per_year = 12 // Frequency(data["frequency"]).months
        return f"Chế độ này có {per_year} kỳ mỗi năm: cần đúng {per_year} hạn nộp cố định."
    return "Ngày hạn không hợp lệ (ngày/tháng)."


class AdHocPeriodForm(forms.Form):
    """A period asked for once (báo cáo đột xuất)."""

    label = forms.CharField(label="Tên kỳ báo cáo", max_length=100)
    start = forms.DateField(label="Từ ngày", input_formats=DATE_FORMATS)
    end = forms.DateField(label="Đến ngày", input_formats=DATE_FORMATS)
    due = forms.DateTimeField(label="Hạn nộp (ngày giờ)", input_formats=DATETIME_FORMATS)


class ReopenForm(forms.Form):
    """Open a locked period or report again until a time, saying why."""

    until = forms.DateTimeField(label="Mở đến (ngày giờ)", input_formats=DATETIME_FORMATS)
    reason = forms.CharField(label="Lý do", max_length=1000)

    def clean_until(self) -> datetime:
        until: datetime = self.cleaned_data["until"]
        if until <= timezone.now():
            raise forms.ValidationError("Thời điểm mở lại phải ở tương lai.")
        return until


class EvidenceForm(forms.Form):
    """A file, a link or a document as evidence for one task of the report."""

    task = forms.TypedChoiceField(label="Nhiệm vụ", coerce=int)
    title = forms.CharField(label="Tên minh chứng", max_length=500, required=False)
    file = forms.FileField(label="Tệp", required=False)
    url = forms.CharField(label="hoặc đường dẫn", max_length=1000, required=False)
    document_number = forms.CharField(
        label="hoặc số, ký hiệu văn bản", max_length=100, required=False
    )
    document_date = forms.CharField(label="ngày văn bản", max_length=20, required=False)

    def __init__(self, *args: Any, tasks: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["task"].choices = tasks  # type: ignore[attr-defined]
