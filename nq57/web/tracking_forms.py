"""Forms a standing office uses while following a plan up: a conditional task's condition
happened, an indicator's baseline, a person's judgement of a qualitative target."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from nq57.evaluation.models import IndicatorAssessment
from nq57.lib.numbers import parse_vn_number
from nq57.web.report_forms import DATE_FORMATS


def _day(label: str, required: bool = True) -> forms.DateField:
    """A day typed as dd/mm/yyyy (or picked as yyyy-mm-dd)."""
    widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "size": 10}, format="%d/%m/%Y")
    return forms.DateField(label=label, input_formats=DATE_FORMATS, required=required,
                           widget=widget)  # fmt: skip


class TriggerForm(forms.Form):
    happened_on = _day("Ngày điều kiện phát sinh")
    due = _day("Hạn hoàn thành")
    note = forms.CharField(label="Điều kiện đã phát sinh thế nào (văn bản, sự việc)",
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class BaselineForm(forms.Form):
    value = forms.CharField(label="Giá trị nền", max_length=50, required=False)
    on = _day("Ngày của giá trị nền", required=False)

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data["value"].strip()
        if not text:
            return None
        number = parse_vn_number(text)
        if number is None:
            raise forms.ValidationError(f"«{text}» không phải là số (ví dụ: 1.234,5).")
        return number


class AssessmentForm(forms.Form):
    assessed_on = _day("Ngày đánh giá")
    result = forms.ChoiceField(label="Kết quả", choices=IndicatorAssessment.Result.choices)
    note = forms.CharField(label="Căn cứ, nhận xét", max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
