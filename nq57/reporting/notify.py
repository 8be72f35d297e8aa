"""Notices about reports: in-app notifications after each review step, and the reminders
that `nq57 remind` sends (to units that have not sent their report only), gathered into one
digest e-mail per person.

Reminders, for each report not yet sent (chưa nộp, đang soạn, cần bổ sung) of a published plan:
- 'sắp đến hạn' once, from NQ57_REMIND_DAYS_BEFORE working days before the due day;
- 'đến hạn hôm nay' once, on the due day;
- 'quá hạn' on the first working day after the due day and again every 5 working days, for up
  to 60 days; the plan's standing office gets one overdue summary per period at the same pace.
Each notice has a key, so running the command again the same day adds and sends nothing.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from nq57.audit.actions import record
from nq57.lib.regimes import BusinessCalendar, Roll
from nq57.orgs.models import Membership
from nq57.orgs.queries import User, unit_ids_above
from nq57.plans.models import Plan
from nq57.reporting.models import Notification, ReportingPeriod, Submission

Status = Submission.Status
logger = logging.getLogger(__name__)
_CHUNK = 500  # ids per UPDATE (SQLite's limit on query parameters)
OVERDUE_EVERY = 5  # working days between two overdue notices
OVERDUE_FOR = timedelta(days=60)


def members(unit_ids: Iterable[int], *roles: str) -> list[int]:
    """Active users holding one of `roles` at one of the units."""
    return sorted(
        set(
            Membership.objects.filter(
                unit_id__in=list(unit_ids), role__in=roles, user__is_active=True
            ).values_list("user_id", flat=True)
        )
    )


def unit_writers(submission: Submission) -> list[int]:
    """Who writes the unit's report: its officers, else its heads."""
    return writers_by_unit({submission.unit_id})[submission.unit_id]


def reviewers(plan: Plan) -> list[int]:
    """The standing office of the plan's issuer (at the issuer or above it)."""
    if plan.issuer_id is None:
        return []
    return members(unit_ids_above(plan.issuer_id), Membership.Role.STANDING_OFFICE)


def add(
    user_ids: Iterable[int], key: str, kind: str, text: str, submission: Submission | None
) -> int:
    """Create the notice for each user who does not have `key` yet; how many were new."""
    return add_many(
        [
            Notification(user_id=uid, key=key, kind=kind, text=text, submission=submission)
            for uid in user_ids
        ]
    )


def after_move(submission: Submission, actor: User) -> None:
    """Tell the next person in the loop (and the unit, when it is returned or approved)."""
    who = f"{submission.unit.name} — {submission.period.label}"
    key = f"{submission.status}:{submission.pk}:{submission.revision}"
    if submission.status == Status.UNIT_REVIEW:
        users = members([submission.unit_id], Membership.Role.LEADER)
        add(users, key, "head_review", f"Báo cáo chờ lãnh đạo đơn vị duyệt: {who}.", submission)
    elif submission.status == Status.SUBMITTED:
        add(reviewers(submission.plan), key, "review", f"Báo cáo chờ duyệt: {who}.", submission)
    elif submission.status == Status.RETURNED:
        reason = submission.events.order_by("-at", "-pk").values_list("reason", flat=True).first()
        text = f"Báo cáo bị trả lại, cần bổ sung: {who}. Lý do: {reason}"
        add(unit_writers(submission), key, "returned", text, submission)
    elif submission.status == Status.APPROVED:
        add(unit_writers(submission), key, "approved", f"Báo cáo đã được duyệt: {who}.", submission)


@dataclass(frozen=True)
class RemindResult:
    notices: int
    mails: int


def remind(
    *, now: datetime | None = None, calendar: BusinessCalendar | None = None
) -> RemindResult:
    """Create today's reminders and send each person one digest of what is new for them."""
    from nq57.reporting.queries import business_calendar

    now = now or timezone.now()
    calendar = calendar or business_calendar()
    today = timezone.localdate(now)
    notices = 0
    with transaction.atomic():
        for period in _periods_to_check(today, calendar):
            notices += _remind_period(period, now, today, calendar)
        mails = send_digests(now)
    record(
        actor=None,
        action="reporting.reminders_sent",
        obj=None,
        after={"day": today.isoformat(), "notices": notices, "mails": mails},
    )
    return RemindResult(notices=notices, mails=mails)


def _periods_to_check(today: date, calendar: BusinessCalendar) -> list[ReportingPeriod]:
    horizon = today
    for _ in range(settings.NQ57_REMIND_DAYS_BEFORE):
        horizon = calendar.roll(horizon + timedelta(days=1), Roll.AFTER)
    start = timezone.make_aware(datetime.combine(today - OVERDUE_FOR, datetime.min.time()))
    end = timezone.make_aware(datetime.combine(horizon + timedelta(days=1), datetime.min.time()))
    return list(
        ReportingPeriod.objects.filter(
            due__gte=start, due__lt=end, plan__status=Plan.Status.PUBLISHED
        ).select_related("plan", "regime")
    )


def _remind_period(
    period: ReportingPeriod, now: datetime, today: date, calendar: BusinessCalendar
) -> int:
    from nq57.reporting.actions import open_submissions

    open_submissions(period=period)
    notice = _notice_for(timezone.localdate(period.due), now, period.due, today, calendar)
    if notice is None:
        return 0
    pending = list(
        Submission.objects.filter(period=period, status__in=Submission.OPEN).select_related("unit")
    )
    if not pending:
        return 0
    kind, key_suffix, wording = notice
    writers = writers_by_unit({s.unit_id for s in pending})
    due = _due(period)
    rows = [
        Notification(
            user_id=user_id,
            key=f"{kind}:{submission.pk}{key_suffix}",
            kind=kind,
            text=f"{wording}: báo cáo «{period.label}» của {submission.unit.name} ({due}).",
            submission=submission,
        )
        for submission in pending
        for user_id in writers[submission.unit_id]
    ]
    notices = add_many(rows)
    if kind == "overdue":
        names = ", ".join(s.unit.name for s in pending[:10]) + (" …" if len(pending) > 10 else "")
        text = (
            f"Kỳ «{period.label}» ({_due(period)}): {len(pending)} đơn vị chưa nộp báo cáo — "
            f"{names}."
        )
        key = f"overdue_summary:{period.pk}{key_suffix}"
        notices += add(reviewers(period.plan), key, "overdue_summary", text, None)
    return notices


def writers_by_unit(unit_ids: set[int]) -> dict[int, list[int]]:
    """`unit_writers` for many units in one query: officers, else heads."""
    officers: dict[int, set[int]] = {}
    heads: dict[int, set[int]] = {}
    rows = Membership.objects.filter(
        unit_id__in=list(unit_ids),
        role__in=(Membership.Role.OFFICER, Membership.Role.LEADER),
        user__is_active=True,
    ).values_list("unit_id", "role", "user_id")
    for unit_id, role, user_id in rows:
        (officers if role == Membership.Role.OFFICER else heads).setdefault(unit_id, set()).add(
            user_id
        )
    return {u: sorted(officers.get(u) or heads.get(u) or ()) for u in unit_ids}


def add_many(rows: list[Notification]) -> int:
    """Store the notices whose (user, key) is new, in two queries; how many were new. They are
    looked up through the (user, key) unique index: by key alone every lookup would read the
    whole table, which grows by every notice ever sent."""
    if not rows:
        return 0
    have = set(
        Notification.objects.filter(
            user_id__in={r.user_id for r in rows}, key__in={r.key for r in rows}
        ).values_list("user_id", "key")
    )
    new = [r for r in rows if (r.user_id, r.key) not in have]
    Notification.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _notice_for(
    due_day: date, now: datetime, due: datetime, today: date, calendar: BusinessCalendar
) -> tuple[str, str, str] | None:
    if now > due:
        passed = _working_days_between(due_day, today, calendar)
        if passed < 1 or not calendar.is_working_day(today):
            return None
        block = (passed - 1) // OVERDUE_EVERY
        return "overdue", f":{block}", f"Quá hạn {(today - due_day).days} ngày"
    if today == due_day:
        return "due_today", "", "Đến hạn hôm nay"
    if _working_days_between(today, due_day, calendar) <= settings.NQ57_REMIND_DAYS_BEFORE:
        return "due_soon", "", "Sắp đến hạn"
    return None


def _working_days_between(start: date, end: date, calendar: BusinessCalendar) -> int:
    """Working days in (start, end]."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        count += calendar.is_working_day(day)
    return count


def _due(period: ReportingPeriod) -> str:
    return f"hạn {timezone.localtime(period.due):%H:%M ngày %d/%m/%Y}"


def send_digests(now: datetime) -> int:
    """One e-mail per person gathering their notices not mailed yet; how many were sent. A
    person whose mail fails (the mail server refuses) keeps their notices for the next run."""
    pending: dict[int, list[Notification]] = defaultdict(list)
    rows = (
        Notification.objects.select_for_update()
        .filter(mailed_at__isnull=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at", "pk")
    )
    for row in rows:
        pending[row.user_id].append(row)
    mailed: list[int] = []
    people = 0
    for items in pending.values():
        try:
            _send_digest(items, now)
        except (SMTPException, OSError) as error:
            logger.warning("Không gửi được thư nhắc việc cho %s: %s", items[0].user.email, error)
            continue
        mailed += [n.pk for n in items]
        people += 1
    for start in range(0, len(mailed), _CHUNK):
        Notification.objects.filter(pk__in=mailed[start : start + _CHUNK]).update(mailed_at=now)
    return people


def _send_digest(items: list[Notification], now: datetime) -> None:
    user = items[0].user
    day = timezone.localdate(now)
    lines = [f"Kính gửi {user.get_full_name() or user.get_username()},", ""]
    lines.append(f"Hệ thống theo dõi kế hoạch có {len(items)} việc mới cần anh/chị lưu ý:")
    for item in items:
        link = _link(item.submission_id)
        lines.append(f"- {item.text}" + (f"\n  {link}" if link else ""))
    lines += ["", "Thư gửi tự động từ hệ thống nq57; không trả lời thư này."]
    send_mail(
        subject=f"[nq57] Nhắc việc ngày {day:%d/%m/%Y}: {len(items)} việc",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[user.email],
    )


def _link(submission_id: int | None) -> str:
    if submission_id is None:
        return ""
    try:
        path = reverse("web:submission", args=[submission_id])
    except NoReverseMatch:
        return ""
    return f"http://{settings.NQ57_SITE_DOMAIN}{path}"
