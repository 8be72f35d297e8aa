"""Writes on reporting regimes and periods. Atomic and audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from nq57.audit.actions import record
from nq57.lib.regimes import BusinessCalendar, Regime, schedule
from nq57.plans.actions import Actor
from nq57.plans.models import Plan
from nq57.reporting.models import ReportingPeriod, ReportingRegime


@transaction.atomic
def set_regimes(
    *,
    plan: Plan,
    regimes: Sequence[Regime],
    first: date,
    last: date,
    actor: Actor,
    calendar: BusinessCalendar | None = None,
) -> list[ReportingPeriod]:
    """Give `plan` these regimes and add the periods they generate in [first, last].

    Periods already generated stay (reports will hang on them); only missing ones are added.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    rows = {r.frequency: r for r in ReportingRegime.objects.filter(plan=plan)}
    for regime in regimes:
        rows[regime.frequency] = _save_regime(plan, regime, rows.get(regime.frequency))
    existing = set(ReportingPeriod.objects.filter(plan=plan).values_list("regime_id", "start"))
    added = [
        ReportingPeriod(
            plan=plan,
            regime=rows[period.frequency],
            label=period.label,
            start=period.start,
            end=period.end,
            cutoff=period.cutoff,
            due=_aware(period.due),
            replaces=list(period.replaces),
        )
        for period in schedule([r.spec() for r in rows.values()], first, last, calendar)
        if (rows[period.frequency].pk, period.start) not in existing
    ]
    ReportingPeriod.objects.bulk_create(added)
    record(
        actor=actor,
        action="reporting.regimes_set",
        obj=plan,
        after={
            "regimes": [r.frequency for r in regimes],
            "periods_added": [p.label for p in added],
        },
    )
    return added


def _save_regime(plan: Plan, regime: Regime, row: ReportingRegime | None) -> ReportingRegime:
    row = row or ReportingRegime(plan=plan, frequency=regime.frequency.value)
    row.due_day, row.months_after = regime.due_day, regime.months_after
    row.due_dates = [list(pair) for pair in regime.due_dates]
    row.due_time, row.roll = regime.due_time, regime.roll.value
    row.cutoff_days, row.replaces_shorter = regime.cutoff_days, regime.replaces_shorter
    row.save()
    return row


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
