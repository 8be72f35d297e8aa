"""The form of the unit scoring formula page: numbers written the Vietnamese way ('0,5')."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from nq57.evaluation.formula_values import FIELDS, FormulaValues, number
from nq57.lib.numbers import parse_vn_number


class _NumberField(forms.CharField):
    """A number as an officer types it ('30', '0,5', '33,5'); the action checks its range."""

    def __init__(self, label: str, help_text: str = "") -> None:
        super().__init__(
            label=label,
            help_text=help_text,
            max_length=20,
            error_messages={"required": "Hãy nhập một số."},
            widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
        )

    def clean(self, value: str) -> Decimal:
        text = str(super().clean(value)).strip().removesuffix("%").strip()
        parsed = parse_vn_number(text)
        if parsed is None:
            raise forms.ValidationError(f"«{value}» không phải là số (ví dụ: 30 hoặc 0,5).")
        return parsed


class FormulaForm(forms.Form):
    """The eight numbers of `FormulaValues` and the revision the officer saw."""

    completion = _NumberField("Trọng số «Hoàn thành» (%)")
    on_time = _NumberField("Trọng số «Đúng hạn» (%)")
    reporting = _NumberField("Trọng số «Báo cáo» (%)")
    indicators = _NumberField("Trọng số «Chỉ tiêu» (%)")
    late_credit = _NumberField(
        "Báo cáo trễ hạn được tính (0–1)", "0 là không tính, 0,5 là một nửa, 1 là như đúng hạn."
    )
    bound_a = _NumberField("Xếp loại A từ (điểm)")
    bound_b = _NumberField("Xếp loại B từ (điểm)")
    bound_c = _NumberField("Xếp loại C từ (điểm)", "Dưới ngưỡng này là xếp loại D.")
    revision = forms.IntegerField(
        min_value=0,
        widget=forms.HiddenInput,
        error_messages={
            "required": "Trang này đã cũ; tải lại trang rồi nhập lại.",
            "invalid": "Trang này đã cũ; tải lại trang rồi nhập lại.",
            "min_value": "Trang này đã cũ; tải lại trang rồi nhập lại.",
        },
    )

    @staticmethod
    def initial_for(values: FormulaValues, revision: int) -> dict[str, object]:
        """The fields showing `values` as an officer writes them."""
        return {**{name: number(getattr(values, name)) for name in FIELDS}, "revision": revision}

    def values(self) -> FormulaValues:
        """The typed values (after `is_valid()`)."""
        return FormulaValues(**{name: self.cleaned_data[name] for name in FIELDS})
