"""The leader's dashboard across plans ('/bang-dieu-khien/'): a unit's subtree (a district, a
province, the country) as of a day — tasks by timeliness with each figure drilling down to its
rows, each unit below compared, the overdue tasks with what their units say holds them up,
reports sent per period, units ranked (each drilling down to the unit's own view)."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nq57.evaluation.achievement import Achievement
from nq57.evaluation.figures import plan_tallies, tasks_in
from nq57.evaluation.formula_values import summary
from nq57.evaluation.formulas import formula_of_area, formula_of_issuer
from nq57.evaluation.overview import (
    branch_tallies,
    compliance_trend,
    plans_in,
    ranking,
    task_rows,
    timeliness_trend,
)
from nq57.evaluation.queries import IndicatorStanding, end_of, indicator_standing
from nq57.evaluation.scoring import Facts, Formula, scorecard
from nq57.evaluation.tallies import Scope, unit_facts_across, unit_tasks
from nq57.evaluation.timeliness import Timeliness
from nq57.orgs.models import Membership, Unit
from nq57.orgs.queries import access_for, branches_below, unit_ids_above
from nq57.plans.models import Plan
from nq57.plans.queries import plans_visible_to
from nq57.reporting.models import Submission
from nq57.reporting.queries import area_of
from nq57.web.charts import compliance_chart, timeliness_chart
from nq57.web.paging import paging
from nq57.web.report_forms import day_param

SHOWN = (
    Timeliness.OVERDUE,
    Timeliness.DUE_SOON,
    Timeliness.ON_TRACK,
    Timeliness.DONE_ON_TIME,
    Timeliness.DONE_LATE,
    Timeliness.PERIODIC,
    Timeliness.UNDATED,
)
_PAGE = 50
_PREVIEW = 20
_OWN_PLANS = 20
_RANKED = 10  # the top and the bottom shown unless all are asked for
_TREND = 6  # periods in the timeliness trend


@login_required
def leader_dashboard(request: HttpRequest) -> HttpResponse:
    root = _root(request)
    day = day_param(request.GET.get("ngay", "")) or timezone.localdate()
    branch_of = branches_below(root.pk)
    everything = access_for(request.user).is_admin and root.parent_id is None
    plans = plans_in(plans_visible_to(request.user), None if everything else set(branch_of))
    scope = Scope(plans, day)
    per_plan = plan_tallies(scope)
    total, branches = branch_tallies(scope, branch_of, per_plan)
    formula = formula_of_area(plans, root.level)
    ranked = ranking(scope, formula)
    everyone = request.GET.get("xep-hang") == "tat-ca" or len(ranked) <= 2 * _RANKED
    context = {
        "root": root,
        "path": _path(root),
        "day": day,
        "tally": [(t, t.label, total[t]) for t in SHOWN],
        "total": sum(total.values()),
        "plans": len(scope.plan_ids),
        "branches": [(b, [b.tally[t] for t in SHOWN]) for b in branches],
        "overdue": task_rows(tasks_in(scope, Timeliness.OVERDUE, _PREVIEW, 0, per_plan), day),
        "ranked": _numbered(ranked, everyone),
        "ranked_count": len(ranked),
        "formula": summary(formula),
        "everyone": everyone,
        **_trends(scope),
        "at_risk": _at_risk(plans, root, day),
        **_drill_down(request, scope, total, per_plan),
    }
    return render(request, "web/leader_dashboard.html", context)


def _trends(scope: Scope) -> dict[str, object]:
    periods = compliance_trend(scope)
    return {
        "trend": compliance_chart(periods),
        "progress_trend": timeliness_chart(timeliness_trend(scope, periods, _TREND)),
    }


def _at_risk(plans: QuerySet[Plan], root: Unit, day: date) -> list[IndicatorStanding]:
    """Indicators not yet met of the plans issued at the unit's own level (Ủy ban nhân dân
    Quận 3 for Quận 3); those below have their own dashboards."""
    own = list(plans.filter(issuer__level=root.level).values_list("pk", flat=True)[:_OWN_PLANS])
    return [
        row
        for plan_id in own
        for row in indicator_standing(plan_id, day)
        if row.result.status is not Achievement.MET
    ]


@login_required
def unit_dashboard(request: HttpRequest, unit_id: int) -> HttpResponse:
    """One unit's scorecard across the plans it reports on, explained down to its tasks and
    reports: the drill-down of a ranking row."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    day = day_param(request.GET.get("ngay", "")) or timezone.localdate()
    reported = Submission.objects.filter(unit=unit).values("plan_id")
    plans = plans_visible_to(request.user).filter(pk__in=reported)
    scope = Scope(plans, day)
    facts = unit_facts_across(scope).get(unit.pk, Facts())
    by_state = unit_tasks(scope, unit.pk)
    context = {
        "unit": unit,
        "day": day,
        "card": scorecard(facts, _formula_of(plans)),
        "plans": plans.count(),
        "groups": [
            (state, task_rows(by_state[state], day))
            for state in (Timeliness.OVERDUE, Timeliness.DUE_SOON, Timeliness.DONE_LATE)
            if by_state.get(state)
        ],
        "done": len(by_state.get(Timeliness.DONE_ON_TIME, [])),
        "submissions": Submission.objects.filter(
            unit=unit, plan__in=plans, period__due__lt=end_of(day)
        )
        .select_related("plan", "period")
        .order_by("-period__due"),
    }
    return render(request, "web/unit_dashboard.html", context)


def _formula_of(plans: QuerySet[Plan]) -> Formula:
    """The formula of the plans' issuer when they have one issuer, else the defaults."""
    issuers = list(plans.order_by().values_list("issuer_id", flat=True).distinct()[:2])
    return formula_of_issuer(issuers[0]) if len(issuers) == 1 and issuers[0] else Formula()


def _root(request: HttpRequest) -> Unit:
    """The unit asked for ('?don-vi=') when the person may look at it, else their own area."""
    access = access_for(request.user)
    own = _own_roots(request)
    asked = request.GET.get("don-vi", "")
    if asked.isdigit():
        unit = Unit.objects.filter(pk=int(asked)).first()
        if unit is None:
            raise Http404("Không tìm thấy đơn vị.")
        allowed = access.reads | access.reads_published | {u.pk for u in own}
        if not access.is_admin and unit.pk not in allowed:
            raise PermissionDenied("Bạn không theo dõi đơn vị này.")
        return unit
    if own:
        return own[0]
    raise PermissionDenied("Tài khoản chưa được giao theo dõi đơn vị nào.")


def _own_roots(request: HttpRequest) -> list[Unit]:
    """The areas of the units where the person leads, manages or oversees (administrator: the
    top units)."""
    if access_for(request.user).is_admin:
        return list(Unit.objects.filter(parent__isnull=True).order_by("name"))
    roles = (Membership.Role.LEADER, Membership.Role.STANDING_OFFICE, Membership.Role.UPPER_LEVEL)
    units = Membership.objects.filter(user_id=int(request.user.pk or 0), role__in=roles)
    areas = {area_of(unit_id) for unit_id in units.values_list("unit_id", flat=True)}
    return list(Unit.objects.filter(pk__in=areas).order_by("name"))


def _path(unit: Unit) -> list[Unit]:
    """The unit and its ancestors, top first (the breadcrumb)."""
    ids = unit_ids_above(unit.pk)
    units = Unit.objects.in_bulk(ids)
    return [units[pk] for pk in reversed(ids) if pk in units]


def _numbered(ranked: list, everyone: bool) -> list[tuple[int, object]]:  # type: ignore[type-arg]
    numbered = list(enumerate(ranked, start=1))
    if everyone:
        return numbered
    return numbered[:_RANKED] + numbered[-_RANKED:]


def _drill_down(request: HttpRequest, scope: Scope, total: dict, per_plan: dict) -> dict:  # type: ignore[type-arg]
    chosen = request.GET.get("nhom", "")
    if chosen not in set(Timeliness):
        return {"chosen": None}
    state = Timeliness(chosen)
    pager = paging(request, total.get(state, 0), _PAGE)
    rows = task_rows(tasks_in(scope, state, _PAGE, pager.offset, per_plan), scope.as_of)
    return {"chosen": state, "chosen_rows": rows, "chosen_count": total.get(state, 0),
            "pager": pager}  # fmt: skip
