"""Forms a standing office uses while following a plan up: a conditional task's condition
happened, an indicator's baseline, a person's judgement of a qualitative target."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from nq57.evaluation.models import IndicatorAssessment
from nq57.lib.numbers import parse_vn_number
from nq57.web.report_forms import DATE_FORMATS

_DAY = {"placeholder": "dd/mm/yyyy", "size": 10}


class TriggerForm(forms.Form):
    happened_on = forms.DateField(
        label="Ngày điều kiện phát sinh", input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=_DAY, format="%d/%m/%Y"),
    )  # fmt: skip
    due = forms.DateField(
        label="Hạn hoàn thành", input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=_DAY, format="%d/%m/%Y"),
    )  # fmt: skip
    note = forms.CharField(label="Điều kiện đã phát sinh thế nào (văn bản, sự việc)",
                           max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class BaselineForm(forms.Form):
    value = forms.CharField(label="Giá trị nền", max_length=50, required=False)
    on = forms.DateField(
        label="Ngày của giá trị nền", input_formats=DATE_FORMATS, required=False,
        widget=forms.DateInput(attrs=_DAY, format="%d/%m/%Y"),
    )  # fmt: skip

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data["value"].strip()
        if not text:
            return None
        number = parse_vn_number(text)
        if number is None:
            raise forms.ValidationError(f"«{text}» không phải là số (ví dụ: 1.234,5).")
        return number


class AssessmentForm(forms.Form):
    assessed_on = forms.DateField(
        label="Ngày đánh giá", input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs=_DAY, format="%d/%m/%Y"),
    )  # fmt: skip
    result = forms.ChoiceField(label="Kết quả", choices=IndicatorAssessment.Result.choices)
    note = forms.CharField(label="Căn cứ, nhận xét", max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
