"""A plan's dashboard: tasks by timeliness (each figure drills down to its rows), the overdue
tasks with what their units say holds them up, indicators at risk, units ranked by their
scorecards, reports sent on time per period. As of any day ('?ngay=dd/mm/yyyy')."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nq57.cascade.rollup import task_rollup
from nq57.evaluation.achievement import Achievement
from nq57.evaluation.formula_values import summary
from nq57.evaluation.formulas import formula_for
from nq57.evaluation.queries import (
    compliance_by_period,
    counts,
    indicator_standing,
    plan_standing,
    unit_facts,
)
from nq57.evaluation.scoring import Formula, Scorecard, scorecard
from nq57.evaluation.timeliness import Timeliness
from nq57.orgs.models import Unit
from nq57.plans.models import Plan
from nq57.plans.queries import plans_visible_to
from nq57.reporting.queries import can_consolidate
from nq57.web.charts import compliance_chart
from nq57.web.report_forms import day_param

_SHOWN = (
    Timeliness.OVERDUE,
    Timeliness.DUE_SOON,
    Timeliness.ON_TRACK,
    Timeliness.DONE_ON_TIME,
    Timeliness.DONE_LATE,
    Timeliness.PERIODIC,
    Timeliness.UNDATED,
)


@login_required
def plan_dashboard(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = plans_visible_to(request.user).filter(pk=plan_id).select_related("issuer").first()
    if plan is None or not can_consolidate(request.user, plan):
        raise Http404("Không tìm thấy kế hoạch.")
    day = day_param(request.GET.get("ngay", "")) or timezone.localdate()
    standing = plan_standing(plan.pk, day)
    tally = counts(standing)
    chosen = request.GET.get("nhom", "")
    indicators = indicator_standing(plan.pk, day)
    formula = formula_for(plan)
    context = {
        "plan": plan,
        "day": day,
        "tally": [(t, t.label, tally[t]) for t in _SHOWN],
        "total": len(standing),
        "chosen": Timeliness(chosen) if chosen in set(Timeliness) else None,
        "chosen_rows": [row for row in standing if row.timeliness == chosen],
        "overdue": [row for row in standing if row.timeliness is Timeliness.OVERDUE],
        "at_risk": [i for i in indicators if i.result.status is not Achievement.MET],
        "met": sum(1 for i in indicators if i.result.status is Achievement.MET),
        "indicator_count": len(indicators),
        "ranking": _ranking(plan.pk, day, formula),
        "formula": summary(formula),
        "trend": compliance_chart(compliance_by_period(plan.pk, day)),
        "below": _below(plan, day),
    }
    return render(request, "web/plan_dashboard.html", context)


def _ranking(plan_id: int, day: date, formula: Formula) -> list[tuple[int, str, Scorecard]]:
    """Units by score under the plan's formula (`formula_for`), highest first; units with
    nothing to score last."""
    facts = unit_facts(plan_id, day)
    names = dict(Unit.objects.filter(pk__in=facts).values_list("pk", "name"))
    cards = [(unit_id, names[unit_id], scorecard(f, formula)) for unit_id, f in facts.items()]
    return sorted(cards, key=lambda c: (c[2].score is None, -(c[2].score or 0), c[1]))


def _below(plan: Plan, day: date) -> tuple[int, list[tuple[Timeliness, int]]] | None:
    """The plan's tasks carried out by lower plans: how many are linked, and the lower tasks
    by timeliness (None when no lower plan is linked)."""
    rows = task_rollup(plan, day)
    linked = [row for row in rows if row.below]
    if not linked:
        return None
    tally: Counter[Timeliness] = Counter()
    for row in linked:
        tally.update(row.tally)
    return len(linked), tally.most_common()
