"""Writes on reporting regimes and periods. Atomic and audited."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from nq57.audit.actions import record
from nq57.lib.regimes import BusinessCalendar, Frequency, Regime, schedule
from nq57.orgs.collectives import expand_collectives
from nq57.plans.actions import Actor
from nq57.plans.models import Assignment, Plan
from nq57.plans.stamps import touch
from nq57.reporting.errors import NotAllowed, ReportingError
from nq57.reporting.models import ReportingPeriod, ReportingRegime, Submission
from nq57.reporting.queries import business_calendar, can_manage_reporting, reporting_units


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

    Periods already generated stay (reports hang on them); only missing ones are added, each
    with an empty report for every unit that has a task or an indicator in the plan. A person
    must manage the plan's reporting (`NotAllowed` otherwise).
    """
    if actor is not None:  # None: the system (demo data, commands)
        _require_manager(actor, plan)
    calendar = calendar or business_calendar()
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
    for period in ReportingPeriod.objects.filter(plan=plan, pk__in=[p.pk for p in added]):
        open_submissions(period=period)
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


def open_submissions(*, period: ReportingPeriod) -> int:
    """Give every unit that reports on the plan (`queries.reporting_units`: each member of a
    collective such as 'Ủy ban nhân dân 10 phường', units of the issuer's area) its empty
    report for the period; idempotent. Returns how many were added."""
    assigned = Assignment.objects.filter(
        Q(task__plan_id=period.plan_id) | Q(indicator__plan_id=period.plan_id)
    ).values_list("unit_id", flat=True)
    expand_collectives(set(assigned))  # guessed and stored the first time
    units = reporting_units(period.plan).units
    have = set(Submission.objects.filter(period=period).values_list("unit_id", flat=True))
    rows = [
        Submission(plan_id=period.plan_id, period=period, unit_id=unit_id)
        for unit_id in sorted(units - have)
    ]
    Submission.objects.bulk_create(rows, ignore_conflicts=True)
    if rows:  # reports due from the period's due day on
        touch([period.plan_id], since=timezone.localdate(period.due))
    return len(rows)


def open_plan_submissions(*, plan: Plan) -> int:
    """`open_submissions` for every period of the plan not yet due (after a revision brought
    new units in); past periods stay as they were. Returns how many reports were added."""
    current = ReportingPeriod.objects.filter(plan=plan, due__gte=timezone.now())
    return sum(open_submissions(period=period) for period in current.select_related("plan"))


@transaction.atomic
def add_ad_hoc_period(
    *, plan: Plan, label: str, start: date, end: date, due: datetime, actor: Actor
) -> ReportingPeriod:
    """An extra period asked for once (báo cáo đột xuất)."""
    _require_manager(actor, plan)
    label = label.strip()
    if not label:
        raise ReportingError("Đặt tên cho kỳ báo cáo đột xuất.")
    if end < start:
        raise ReportingError("Ngày kết thúc kỳ phải sau ngày bắt đầu.")
    regime, _ = ReportingRegime.objects.get_or_create(plan=plan, frequency=Frequency.AD_HOC.value)
    if ReportingPeriod.objects.filter(regime=regime, start=start).exists():
        raise ReportingError(f"Đã có kỳ đột xuất bắt đầu ngày {start:%d/%m/%Y}.")
    period = ReportingPeriod.objects.create(
        plan=plan,
        regime=regime,
        label=label,
        start=start,
        end=end,
        cutoff=min(end, due.date()),
        due=_aware(due),
    )
    open_submissions(period=period)
    record(actor=actor, action="reporting.period_added", obj=period, after=_period_dict(period))
    return period


@transaction.atomic
def lock_period(*, period: ReportingPeriod, actor: Actor) -> ReportingPeriod:
    """Close the period to units that have not sent their report, now."""
    _require_manager(actor, period.plan)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    before = _period_dict(period)
    period.locked, period.unlocked_until = True, None
    period.save(update_fields=["locked", "unlocked_until"])
    record(
        actor=actor,
        action="reporting.period_locked",
        obj=period,
        before=before,
        after=_period_dict(period),
    )
    return period


@transaction.atomic
def reopen_period(
    *, period: ReportingPeriod, until: datetime, reason: str, actor: Actor
) -> ReportingPeriod:
    """Let units write the period's reports again until `until` (after a lock or the due)."""
    _require_manager(actor, period.plan)
    _require_future(until)
    period = ReportingPeriod.objects.select_for_update().get(pk=period.pk)
    before = _period_dict(period)
    period.unlocked_until = _aware(until)
    period.save(update_fields=["unlocked_until"])
    record(
        actor=actor,
        action="reporting.period_reopened",
        obj=period,
        before=before,
        after={**_period_dict(period), "reason": reason.strip()},
    )
    return period


@transaction.atomic
def reopen_submission(
    *, submission: Submission, until: datetime, reason: str, actor: Actor
) -> Submission:
    """Let one unit write its report after the lock, until `until`."""
    _require_manager(actor, submission.plan)
    _require_future(until)
    row = Submission.objects.select_for_update().get(pk=submission.pk)
    before = {"unlocked_until": row.unlocked_until}
    row.unlocked_until = _aware(until)
    row.revision += 1
    row.save(update_fields=["unlocked_until", "revision", "updated_at"])
    record(
        actor=actor,
        action="reporting.submission_reopened",
        obj=row,
        before=before,
        after={"unlocked_until": row.unlocked_until, "reason": reason.strip()},
    )
    return row


def _require_manager(actor: Actor, plan: Plan) -> None:
    if actor is None or not can_manage_reporting(actor, plan):
        raise NotAllowed("Chỉ cơ quan thường trực của kế hoạch được thay đổi kỳ báo cáo.")


def _require_future(until: datetime) -> None:
    if _aware(until) <= timezone.now():
        raise ReportingError("Thời điểm mở lại phải ở tương lai.")


def _period_dict(period: ReportingPeriod) -> dict[str, object]:
    return {
        "label": period.label,
        "start": period.start,
        "end": period.end,
        "due": period.due,
        "locked": period.locked,
        "unlocked_until": period.unlocked_until,
    }


def _save_regime(plan: Plan, regime: Regime, row: ReportingRegime | None) -> ReportingRegime:
    row = row or ReportingRegime(plan=plan, frequency=regime.frequency.value)
    row.due_day, row.months_after = regime.due_day, regime.months_after
    row.due_dates = [list(pair) for pair in regime.due_dates]
    row.due_time, row.roll = regime.due_time, regime.roll.value
    row.cutoff_days, row.replaces_shorter = regime.cutoff_days, regime.replaces_shorter
    row.lock_after_due = regime.lock_after_due
    row.requires_unit_approval = regime.requires_unit_approval
    row.save()
    return row


def _aware(moment: datetime) -> datetime:
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
