"""Writes on evaluation settings: the unit scoring formula of an issuer. Atomic and audited."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from nq57.audit.actions import acting_user, actor_label, record
from nq57.evaluation.achievement import next_milestone
from nq57.evaluation.formula_values import DEFAULTS, FIELDS, FormulaValues, problems
from nq57.evaluation.models import IndicatorAssessment, ScoringFormula
from nq57.evaluation.queries import milestones_of
from nq57.orgs.models import Unit
from nq57.orgs.queries import User
from nq57.plans.models import Indicator, Plan
from nq57.plans.queries import plans_manageable_by
from nq57.reporting.errors import Conflict, NotAllowed, ReportingError
from nq57.reporting.queries import can_manage_reporting

_MIN_NOTE = 5


class FormulaErrors(ReportingError):
    """Values that do not make a formula; `errors` maps a field (or "__all__") to messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        count = sum(len(m) for m in errors.values())
        super().__init__(f"Công thức chưa được lưu: có {count} lỗi. Sửa rồi lưu lại.")
        self.errors = errors


@transaction.atomic
def set_formula(*, actor: User, plan: Plan, values: FormulaValues, revision: int) -> ScoringFormula:
    """Set how the units of every plan issued by `plan`'s issuer are scored.

    Only the standing office of the issuer (`can_manage_reporting`) may (`NotAllowed`);
    `values` must pass `formula_values.problems` (`FormulaErrors`); `revision` is the one the
    officer saw (0 while the defaults apply), else `Conflict` naming who changed the formula
    and when. Nothing is stored on a refusal. Writes an audit row with before and after.
    """
    if not can_manage_reporting(actor, plan):
        raise NotAllowed(
            "Chỉ cơ quan thường trực của đơn vị ban hành kế hoạch được sửa công thức chấm điểm."
        )
    found = problems(values)
    if found:
        raise FormulaErrors(found)
    Unit.objects.select_for_update().get(pk=plan.issuer_id)  # one writer at a time
    row = ScoringFormula.objects.select_related("updated_by").filter(unit_id=plan.issuer_id)
    current = row.first()
    if (current.revision if current is not None else 0) != revision:
        raise Conflict(conflict_message(current))
    before = {**(current.values() if current else DEFAULTS).as_text(), "revision": revision}
    if current is None:
        current = ScoringFormula(unit_id=plan.issuer_id)
    for name in FIELDS:
        setattr(current, name, getattr(values, name))
    current.revision = revision + 1
    current.updated_by = acting_user(actor)
    try:
        with transaction.atomic():
            current.save()
    except IntegrityError as error:  # another office created the row at the same moment
        raise Conflict(conflict_message(row.first())) from error
    record(
        actor=actor,
        action="evaluation.formula_set",
        obj=current,
        before=before,
        after={**values.as_text(), "revision": current.revision},
    )
    return current


def conflict_message(current: ScoringFormula | None) -> str:
    """What to tell an officer whose page shows an out-of-date formula."""
    if current is None:
        return (
            "Công thức chấm điểm vừa được người khác thay đổi. Tải lại trang để xem; công thức "
            "bạn nhập chưa được lưu và vẫn còn trên biểu mẫu."
        )
    at = timezone.localtime(current.updated_at)
    return (
        f"Công thức chấm điểm đã được {actor_label(current.updated_by)} sửa lúc "
        f"{at:%H:%M:%S ngày %d/%m/%Y} (lần sửa thứ {current.revision}). Tải lại trang để xem "
        "công thức mới; công thức bạn nhập chưa được lưu và vẫn còn trên biểu mẫu."
    )


@transaction.atomic
def assess_indicator(
    *, indicator: Indicator, assessed_on: date, result: str, note: str, actor: User
) -> IndicatorAssessment:
    """A person judges a qualitative target ('Tiên tiến, hiện đại') met or not on a day, saying
    why; the latest judgement by the evaluation day decides its achievement. Only those
    managing the plan; nothing is overwritten (a new judgement is a new row)."""
    if not plans_manageable_by(actor).filter(pk=indicator.plan_id).exists():
        raise NotAllowed("Chỉ cơ quan thường trực của kế hoạch được đánh giá chỉ tiêu.")
    if result not in IndicatorAssessment.Result.values:
        raise ReportingError("Chọn kết quả đánh giá: «Đạt» hoặc «Không đạt».")
    if len(note.strip()) < _MIN_NOTE:
        raise ReportingError("Ghi rõ căn cứ đánh giá (ít nhất 5 ký tự).")
    milestone = next_milestone(milestones_of(indicator), assessed_on)
    row = IndicatorAssessment.objects.create(
        indicator=indicator,
        milestone=milestone.label if milestone else "",
        assessed_on=assessed_on,
        result=result,
        note=note.strip(),
        assessed_by=acting_user(actor),
    )
    after = {"milestone": row.milestone, "assessed_on": assessed_on.isoformat(),
             "result": result, "note": row.note}  # fmt: skip
    record(actor=actor, action="evaluation.indicator_assessed", obj=row, after=after)
    return row
