"""Benchmark: the reporting cycle at scale — a unit's report saved, sent and approved, its page,
the period and 'Báo cáo' pages, the day's reminders and the API.

    .venv/bin/python bench/bench_reporting.py [--runs 20] [--wards 1000] [--sent 300]
                                              [--remind-runs 3] [--old-notices 100000]
    NQ57_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench_reporting \
        .venv/bin/python bench/bench_reporting.py

Builds a fresh database as bench_pages.py does (SQLite file in a temporary directory unless
NQ57_DATABASE_URL is set; that database is emptied first) with two published plans stored by
`plans.actions.import_plan` from `ParsedPlan`s built here (unit names mapped to units created
beforehand, as the import review maps them):
- district: Ủy ban nhân dân Quận 3's plan, 100 tasks and 30 indicators over 40 units (25 offices,
  15 wards); each task has six consecutive units (one leads, five coordinate), each indicator
  four (one leads), dealt in turn, so every unit reports on 15 tasks and 3 indicators;
- city: Ủy ban nhân dân Thành phố Hồ Chí Minh's plan, 1,000 tasks over `--wards` (1,000) wards
  and communes; task i is led by ward i and coordinated by the next nine: 10 tasks each.
Every unit has one officer with an e-mail address; each issuer has a standing office.
`reporting.actions.set_regimes` gives both plans a quarterly regime for 2026 (due the 10th of
the next month, 17:00), which opens one report per unit and quarter (4 × 1,040). Units, people
and memberships are created one by one through the ORM (the only other way in is the CSV
import, which mails invitations); people get no password (hashing 1,000 would take minutes).
The notices of earlier periods, already read and mailed (`--old-notices`, about a year of a
city's reminders), are bulk-created: one by one through the reminders they would take hours.

The clock is placed (time_machine) at 08:00 on Tuesday 7/4/2026, three working days before the
first quarter's due day (Friday 10/4), so nothing is locked; mail goes to Django's locmem
backend. Measured in that order, median and p95 of `--runs` runs in ms (pages: whole requests
through Django's test client — view, queries, template; no network — after one untimed request):
1. `reporting.notify.remind` over both plans: the day's first run (a 'sắp đến hạn' notice and a
   digest e-mail for each of the 1,040 officers) and a second run that must add and send
   nothing; `--remind-runs` times, the day's notices deleted in between;
2. `reporting.entry.save_submission` of a district unit's full first-quarter report (its task
   lines, 3 indicator values, the narrative): the first save, for `--runs` units, then a re-save
   changing every line;
3. the report page `/bao-cao/<id>/` as the unit's officer (the form, with the coordinating units'
   lines under the tasks it leads);
4. `workflow.submit_submission` by the officer, then `approve_submission` by the standing office;
5. `GET /api/submissions/<id>` with the officer's API token;
6. the period page `/ky-bao-cao/<id>/` as the standing office: the district's 40 reports, then
   the city's 1,000 (`--sent` of them saved and sent first with the same actions, a third of
   those approved);
7. 'Báo cáo' (`/bao-cao/`) as the city's standing office (the reports awaiting its review).
'queries' counts the SQL queries of one more run (django.test.utils.CaptureQueriesContext).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import time_machine
from _common import setup_django, time_get

if TYPE_CHECKING:
    from nq57.ingest.model import ParsedIndicator, ParsedTask
    from nq57.orgs.models import Unit, User
    from nq57.plans.models import Plan
    from nq57.reporting.entry import TaskEntry, ValueEntry
    from nq57.reporting.models import ReportingPeriod, Submission

VN = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 4, 7, 8, 0, tzinfo=VN)  # Tuesday; the first quarter is due Friday 10/4
OFFICES = [
    "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân Quận 3", "Phòng Nội vụ", "Phòng Tư pháp",
    "Phòng Tài chính - Kế hoạch", "Phòng Kinh tế", "Phòng Quản lý đô thị",
    "Phòng Tài nguyên và Môi trường", "Phòng Văn hóa và Thông tin", "Phòng Giáo dục và Đào tạo",
    "Phòng Y tế", "Phòng Lao động - Thương binh và Xã hội", "Thanh tra Quận 3",
    "Ban Chỉ huy Quân sự Quận 3", "Công an Quận 3", "Trung tâm Y tế Quận 3",
    "Trung tâm Văn hóa - Thể thao Quận 3", "Ban Quản lý dự án đầu tư xây dựng khu vực Quận 3",
    "Ban Bồi thường giải phóng mặt bằng Quận 3", "Chi cục Thuế Quận 3", "Chi cục Thống kê Quận 3",
    "Bảo hiểm xã hội Quận 3", "Kho bạc Nhà nước Quận 3", "Đội Quản lý thị trường số 3",
    "Trung tâm Phát triển quỹ đất Quận 3", "Ban Quản lý chợ Quận 3",
]  # fmt: skip
TASK_NAMES = [
    "Triển khai nền tảng số dùng chung phục vụ chỉ đạo, điều hành",
    "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực",
    "Tổ chức tập huấn kỹ năng số cho cán bộ, công chức",
    "Tuyên truyền, phổ biến Nghị quyết 57-NQ/TW đến người dân và doanh nghiệp",
    "Rà soát, cập nhật cơ sở dữ liệu chuyên ngành kết nối với cơ sở dữ liệu quốc gia",
]
PERIOD_NOTE = (
    "Đơn vị đã ban hành kế hoạch triển khai, phân công cán bộ phụ trách, tổ chức hội nghị quán "
    "triệt và lồng ghép nội dung vào chương trình công tác của đơn vị; kết quả được tổng hợp "
    "theo từng đầu việc, có văn bản kèm theo."
)


@dataclass
class Built:
    district: Plan
    city: Plan
    district_units: list[Unit]
    city_units: list[Unit]
    officers: dict[int, User]  # by unit id
    district_office: User
    city_office: User


@dataclass
class Measure:
    name: str
    times: list[float]  # seconds, sorted
    queries: int


def _percentile(times: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted `times`."""
    return times[max(0, math.ceil(len(times) * share) - 1)]


def _timed(action: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _queries(action: Callable[[], Any]) -> int:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    reset_queries()  # the log keeps 9,000 queries: start empty so that the count is whole
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


# --- building the plans ---------------------------------------------------------------------


def _build(wards: int) -> Built:
    from django.db import transaction

    from nq57.orgs.models import Membership, Unit, User

    level = Unit.Level
    with transaction.atomic():
        hcmc = Unit.objects.create(name="Thành phố Hồ Chí Minh", level=level.CITY)
        city_ppc = Unit.objects.create(
            name="Ủy ban nhân dân Thành phố Hồ Chí Minh", level=level.CITY, parent=hcmc
        )
        district = Unit.objects.create(name="Quận 3", level=level.DISTRICT, parent=hcmc)
        district_ppc = Unit.objects.create(
            name="Ủy ban nhân dân Quận 3", level=level.DISTRICT, parent=district
        )
        district_units = [
            Unit.objects.create(name=name, level=level.DEPARTMENT, parent=district_ppc)
            for name in OFFICES
        ] + [
            Unit.objects.create(
                name=f"Ủy ban nhân dân Phường {n}", level=level.COMMUNE, parent=district
            )
            for n in range(1, 16)
        ]
        city_units = [
            Unit.objects.create(
                name=f"Ủy ban nhân dân {'Xã' if n % 4 == 0 else 'Phường'} {n:04d}",
                level=level.COMMUNE,
                parent=hcmc,
            )
            for n in range(1, wards + 1)
        ]
        officers = {}
        for unit in district_units + city_units:
            user = User.objects.create_user(
                f"cb{unit.pk}", email=f"cb{unit.pk}@example.vn", password=None
            )
            Membership.objects.create(user=user, unit=unit, role=Membership.Role.OFFICER)
            officers[unit.pk] = user
        offices = []
        for username, unit in (("vanphong_q3", district_ppc), ("vanphong_tp", city_ppc)):
            user = User.objects.create_user(username, email=f"{username}@example.vn", password=None)
            Membership.objects.create(user=user, unit=unit, role=Membership.Role.STANDING_OFFICE)
            offices.append(user)
    district_plan = _import(
        "district", district_ppc, district_units, _district_tasks(district_units),
        _district_indicators(district_units),
    )  # fmt: skip
    city_plan = _import("city", city_ppc, city_units, _city_tasks(city_units), [])
    for plan, office in ((district_plan, offices[0]), (city_plan, offices[1])):
        _set_quarterly(plan, office)
    return Built(
        district_plan, city_plan, district_units, city_units, officers, offices[0], offices[1]
    )


def _import(
    name: str,
    issuer: Unit,
    units: list[Unit],
    tasks: list[ParsedTask],
    indicators: list[ParsedIndicator],
) -> Plan:
    from nq57.ingest.model import DocumentHeader, ParsedPlan
    from nq57.orgs.names import normalize_unit_name
    from nq57.plans.actions import import_plan

    header = DocumentHeader(
        file=f"bench-{name}.docx",
        number=f"{len(units)}/KH-UBND",
        issuer=issuer.name,
        date="2026-01-15",
        level=issuer.level,
        title=f"Kế hoạch thực hiện Nghị quyết 57-NQ/TW năm 2026 ({name})",
        bases=["Nghị quyết số 57-NQ/TW"],
    )
    decisions = {normalize_unit_name(unit.name): unit for unit in [issuer, *units]}
    return import_plan(
        ParsedPlan(header, indicators, tasks), source_name=f"bench-{name}.docx",
        source_bytes=f"bench {name}".encode(), actor=None, publish=True, units=decisions,
    )  # fmt: skip


def _task(n: int, per_section: int, lead: Unit, coordinating: list[Unit]) -> ParsedTask:
    from nq57.ingest.model import ParsedTask

    section = n // per_section + 1
    return ParsedTask(
        appendix="Phụ lục",
        section=str(section),
        section_title=f"Nhóm nhiệm vụ {section}",
        number=str(n % per_section + 1),
        name=f"{TASK_NAMES[n % len(TASK_NAMES)]} (nhiệm vụ {n + 1}).",
        lead=lead.name,
        coordinating="; ".join(unit.name for unit in coordinating),
        deadline=("Quý II/2026", "6/2026", "Thường xuyên", "Năm 2026")[n % 4],
        output="Báo cáo kết quả thực hiện",
    )


def _district_tasks(units: list[Unit]) -> list[ParsedTask]:
    """The 600 places of 100 tasks × 6 units dealt to the units in turn: 15 tasks each."""
    tasks = []
    for t in range(100):
        group = [units[(6 * t + j) % len(units)] for j in range(6)]
        lead = group.pop(t % 6)
        tasks.append(_task(t, 20, lead, group))
    return tasks


def _city_tasks(units: list[Unit]) -> list[ParsedTask]:
    count = len(units)
    return [
        _task(t, 100, units[t], [units[(t + k) % count] for k in range(1, 10)])
        for t in range(count)
    ]


def _district_indicators(units: list[Unit]) -> list[ParsedIndicator]:
    from nq57.ingest.model import ParsedIndicator

    kinds = [  # (name, unit of measure, targets): a percent, a count and a text indicator
        ("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "%",
         {"2026": "≥ 60", "2030": "≥ 80"}),
        ("Số nền tảng số dùng chung được đưa vào sử dụng", "Nền tảng", {"2026": "3", "2030": "10"}),
        ("Mức độ hiện đại của hạ tầng số", None, {"2030": "Tiên tiến, hiện đại"}),
    ]  # fmt: skip
    found = []
    for k in range(30):
        name, measure, targets = kinds[k % 3]
        group = [units[(4 * k + j) % len(units)] for j in range(4)]
        found.append(
            ParsedIndicator(
                appendix="Phụ lục I",
                group="I Đến năm 2030",
                subgroup=None,
                code=f"1.{k + 1}",
                name=f"{name} (nhóm {k + 1})",
                unit=measure,
                targets=targets,
                lead=group[0].name,
                coordinating="; ".join(u.name for u in group[1:]),
                output=None,
            )
        )
    return found


def _set_quarterly(plan: Plan, office: User) -> None:
    from nq57.lib.regimes import Frequency, Regime
    from nq57.reporting.actions import set_regimes

    set_regimes(
        plan=plan, regimes=[Regime(Frequency.QUARTERLY)], first=date(2026, 1, 1),
        last=date(2026, 12, 31), actor=office,
    )  # fmt: skip


# --- what an officer types ------------------------------------------------------------------


def _report(
    submission: Submission, change: int
) -> tuple[list[TaskEntry], list[ValueEntry], dict[str, str]]:
    """A full report of the unit: every task line, every indicator value, the narrative;
    `change` makes each line differ from the previous save."""
    from nq57.lib.report_values import RawValue
    from nq57.plans.models import Indicator
    from nq57.reporting.entry import TaskEntry, ValueEntry
    from nq57.reporting.queries import scope_of

    scope = scope_of(submission.plan_id, submission.unit_id)
    tasks = [
        TaskEntry(
            task_id=task_id,
            lifecycle="done" if (task_id + change) % 5 == 0 else "in_progress",
            percent=str(min(100, 30 + 10 * change + task_id % 7)),
            completed_on="31/03/2026" if (task_id + change) % 5 == 0 else "",
            done=f"{PERIOD_NOTE} Lần cập nhật {change + 1}.",
            difficulties="Thiếu nhân lực chuyên trách về chuyển đổi số." if task_id % 3 else "",
            proposals="Đề nghị bố trí kinh phí đào tạo." if task_id % 4 == 0 else "",
        )
        for task_id in scope.tasks
    ]
    kinds = dict(Indicator.objects.filter(pk__in=scope.indicators).values_list("pk", "value_kind"))
    raw = {
        "percent": RawValue(value=f"{55 + change},5"),
        "count": RawValue(value=str(2 + change)),
        "ratio": RawValue(numerator=str(40 + change), denominator="60"),
        "boolean": RawValue(flag="yes"),
        "text": RawValue(text=f"Đang nâng cấp hạ tầng mạng (cập nhật {change + 1})."),
        "number": RawValue(value=f"{1234 + change},5"),
    }
    values = [
        ValueEntry(
            indicator_id=indicator_id,
            raw=raw[kinds[indicator_id]],
            as_of="31/03/2026",
            source="Báo cáo thống kê của đơn vị",
            note="" if change == 0 else "Đã cập nhật.",
        )
        for indicator_id in scope.indicators
    ]
    narrative = {
        "highlights": f"{PERIOD_NOTE} (bản {change + 1})",
        "difficulties": "Hạ tầng mạng một số điểm chưa đồng bộ; thiếu nhân lực chuyên trách.",
        "proposals": "Đề nghị Ủy ban nhân dân bổ sung kinh phí và tổ chức tập huấn.",
        "next_steps": "Tiếp tục số hóa hồ sơ và triển khai các nền tảng dùng chung.",
    }
    return tasks, values, narrative


def _saving(submission: Submission, officer: User, change: int) -> Callable[[], Submission]:
    """The save of a full report, ready to run: entries typed, the officer as a new request
    sees them."""
    from nq57.reporting.entry import save_submission

    tasks, values, narrative = _report(submission, change)
    actor = _fresh(officer)

    def save() -> Submission:
        result = save_submission(
            submission=submission, revision=submission.revision, actor=actor,
            tasks=tasks, values=values, narrative=narrative,
        )  # fmt: skip
        assert result.changed == len(tasks) + len(values) + 1, result.changed
        return result.submission

    return save


def _stepping(step: Callable[..., Submission], report: Submission, user: User) -> Callable[[], Any]:
    """A review step (`workflow.submit_submission`, …) on `report`, ready to run."""
    actor = _fresh(user)
    return lambda: step(submission=report, revision=report.revision, actor=actor)


def _fresh(user: User) -> User:
    """The person as a new request sees them (their access not yet worked out)."""
    return type(user).objects.get(pk=user.pk)


def _time_each(actions: Iterable[Callable[[], Any]]) -> tuple[list[float], list[Any]]:
    """Time each action (prepared lazily, untimed); sorted seconds and the results."""
    times, results = [], []
    for action in actions:
        took, result = _timed(action)
        times.append(took)
        results.append(result)
    return sorted(times), results


# --- measures -------------------------------------------------------------------------------


def _old_notices(built: Built, count: int) -> int:
    """Notices of earlier periods, read and mailed; the largest id."""
    from datetime import timedelta

    from nq57.reporting.models import Notification

    officers = list(built.officers.values())
    rows = []
    for n in range(count):
        at = NOW - timedelta(days=n % 365 + 1)
        rows.append(
            Notification(
                user=officers[n % len(officers)],
                key=f"due_soon:old{n}",
                kind="due_soon",
                text="Sắp đến hạn: báo cáo kỳ trước.",
                created_at=at,
                read_at=at,
                mailed_at=at,
            )
        )
    Notification.objects.bulk_create(rows, batch_size=5000)
    return Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _remind(runs: int, old: int) -> list[Measure]:
    """The day's reminders; before each run the day's notices are deleted (ids above `old`)."""
    from django.core import mail
    from django.utils import timezone

    from nq57.reporting.models import Notification
    from nq57.reporting.notify import remind

    first: list[float] = []
    second: list[float] = []
    queries = [0, 0]
    for run in range(runs + 1):  # the last run counts queries
        Notification.objects.filter(pk__gt=old).delete()
        mail.outbox = []
        if run < runs:
            took, done = _timed(lambda: remind(now=timezone.now()))
            first.append(took)
            took, again = _timed(lambda: remind(now=timezone.now()))
            second.append(took)
            assert (again.notices, again.mails) == (0, 0), again
            assert len(mail.outbox) == done.mails, (len(mail.outbox), done)
        else:
            queries = [_queries(lambda: remind(now=timezone.now())) for _ in range(2)]
    print(f"remind: {done.notices} notices, {done.mails} digests on the first run; none after")
    return [
        Measure(f"remind, first run ({done.notices} notices)", sorted(first), queries[0]),
        Measure("remind, second run (nothing new)", sorted(second), queries[1]),
    ]


def _district_reports(built: Built, period: ReportingPeriod, runs: int) -> list[Measure]:
    """Save, re-save, page, API, submit and approve: `runs` units, then one more counted."""
    from django.test import Client

    from nq57.api.actions import create_token
    from nq57.reporting.models import Submission
    from nq57.reporting.workflow import approve_submission, submit_submission

    units = built.district_units[: runs + 1]
    reports = [Submission.objects.get(period=period, unit=unit) for unit in units]
    officers = [built.officers[unit.pk] for unit in units]
    office = built.district_office
    pairs = list(zip(reports[:runs], officers, strict=False))
    save_times, saved = _time_each(_saving(r, o, 0) for r, o in pairs)
    resave_times, saved = _time_each(
        _saving(r, o, 1) for r, o in zip(saved, officers, strict=False)
    )
    last, last_officer = reports[runs], officers[runs]
    counted = {"save": _queries(_saving(last, last_officer, 0))}
    last = Submission.objects.get(pk=last.pk)
    counted["resave"] = _queries(_saving(last, last_officer, 1))

    page = f"/bao-cao/{saved[0].pk}/"
    client = Client()
    client.force_login(officers[0])
    client.get(page)  # warm: templates compiled, code imported
    page_times = time_get(client, page, runs)
    counted["page"] = _queries(lambda: client.get(page))
    secret = create_token(user=officers[0], name="Bench", actor=None)[1]
    token = {"Authorization": f"Bearer {secret}"}
    api, api_client = f"/api/submissions/{saved[0].pk}", Client()
    api_client.get(api, headers=token)
    api_times = time_get(api_client, api, runs, **token)
    counted["api"] = _queries(lambda: api_client.get(api, headers=token))

    steps = zip(saved, officers, strict=False)
    submit_times, sent = _time_each(_stepping(submit_submission, r, o) for r, o in steps)
    approve_times, _ = _time_each(_stepping(approve_submission, r, office) for r in sent)
    last = Submission.objects.get(pk=last.pk)
    counted["submit"] = _queries(_stepping(submit_submission, last, last_officer))
    last = Submission.objects.get(pk=last.pk)
    counted["approve"] = _queries(_stepping(approve_submission, last, office))
    lines = f"{len(_report(saved[0], 0)[0])} tasks + 3 values"
    return [
        Measure(f"save_submission, first ({lines})", save_times, counted["save"]),
        Measure("save_submission, re-save", resave_times, counted["resave"]),
        Measure("report page, officer", page_times, counted["page"]),
        Measure("GET /api/submissions/<id>", api_times, counted["api"]),
        Measure("submit_submission", submit_times, counted["submit"]),
        Measure("approve_submission", approve_times, counted["approve"]),
    ]


def _send_city_reports(built: Built, period: ReportingPeriod, sent: int) -> None:
    """`sent` wards save and send their report; the standing office approves a third."""
    from nq57.reporting.models import Submission
    from nq57.reporting.workflow import approve_submission, submit_submission

    start = time.perf_counter()
    for n, unit in enumerate(built.city_units[:sent]):
        officer = built.officers[unit.pk]
        report = _saving(Submission.objects.get(period=period, unit=unit), officer, 0)()
        report = _stepping(submit_submission, report, officer)()
        if n % 3 == 0:
            _stepping(approve_submission, report, built.city_office)()
    took = time.perf_counter() - start
    print(f"city: {sent} reports saved and sent, {(sent + 2) // 3} approved in {took:.1f} s")


def _page(name: str, user: User, url: str, runs: int) -> Measure:
    from django.test import Client

    client = Client()
    client.force_login(user)
    client.get(url)  # warm
    times = time_get(client, url, runs)
    return Measure(name, times, _queries(lambda: client.get(url)))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--remind-runs", type=int, default=3)
    parser.add_argument("--old-notices", type=int, default=100_000)
    parser.add_argument("--wards", type=int, default=1000)
    parser.add_argument("--sent", type=int, default=300)
    args = parser.parse_args()
    os.environ["NQ57_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    setup_django()
    from django.db import connection

    from nq57.reporting.models import ReportingPeriod, Submission

    runs = min(args.runs, 39)  # the district's 40 units: `runs` measured, one counted
    with time_machine.travel(NOW, tick=True):
        start = time.perf_counter()
        built = _build(args.wards)
        old = _old_notices(built, args.old_notices)
        took = time.perf_counter() - start
        print(
            f"database: {connection.vendor}; district plan 40 units, city plan {args.wards} "
            f"units, {Submission.objects.count()} reports, {args.old_notices} older notices; "
            f"built in {took:.1f} s"
        )
        district_q1, city_q1 = (
            ReportingPeriod.objects.filter(plan=plan).order_by("due").first()
            for plan in (built.district, built.city)
        )
        assert district_q1 is not None and city_q1 is not None
        measures = _remind(args.remind_runs, old)
        measures += _district_reports(built, district_q1, runs)
        measures.append(
            _page("period page, 40 units", built.district_office,
                  f"/ky-bao-cao/{district_q1.pk}/", runs)
        )  # fmt: skip
        _send_city_reports(built, city_q1, args.sent)
        measures.append(
            _page(f"period page, {args.wards} units", built.city_office,
                  f"/ky-bao-cao/{city_q1.pk}/", runs)
        )  # fmt: skip
        measures.append(_page("'Báo cáo', city office", built.city_office, "/bao-cao/", runs))
    print(f"{'measure':<44} {'runs':>5} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for m in measures:
        median, p95 = statistics.median(m.times) * 1000, _percentile(m.times, 0.95) * 1000
        print(f"{m.name:<44} {len(m.times):5d} {median:10.0f} {p95:8.0f} {m.queries:8d}")
    print()
    for m in measures:
        median, p95 = statistics.median(m.times) * 1000, _percentile(m.times, 0.95) * 1000
        print(
            f"reporting ({connection.vendor}): {m.name}: median {median:.0f} ms, "
            f"p95 {p95:.0f} ms ({len(m.times)} runs, {m.queries} queries)"
        )


if __name__ == "__main__":
    main()
