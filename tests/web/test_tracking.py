"""Follow-up a standing office records: a conditional task's condition happened (the task is
then judged by its new due day), an indicator's baseline (the trajectory starts there), a
judgement of a qualitative target (it decides 'cần đánh giá'). Refused input comes back."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.evaluation.achievement import Achievement
from nq57.evaluation.queries import indicator_standing, plan_standing
from nq57.evaluation.tallies import Scope, tasks_in
from nq57.evaluation.timeliness import Timeliness
from nq57.lib.deadlines import DeadlineKind
from nq57.plans.models import Indicator, Plan, Target
from tests.reporting.conftest import Reporting


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _state(r: Reporting, task_id: int, day: date) -> Timeliness:
    return next(row.timeliness for row in plan_standing(r.plan.pk, day) if row.task.pk == task_id)


def test_a_conditional_task_is_dated_once_its_condition_is_recorded(reporting: Reporting):
    r = reporting
    task = r.task2
    task.deadline_kind, task.deadline_raw, task.deadline_due = (
        DeadlineKind.CONDITIONAL, "Khi có hướng dẫn của Thành phố", None)  # fmt: skip
    task.save()
    assert _state(r, task.pk, date(2025, 9, 1)) is Timeliness.UNDATED
    client = _client(r.world.importer)
    url = f"/nhiem-vu/{task.pk}/dieu-kien/"
    page = client.get(f"/nhiem-vu/{task.pk}/").content.decode()
    assert "Ghi nhận điều kiện đã phát sinh" in page

    refused = client.post(url, {"happened_on": "10/07/2025", "due": "01/07/2025",
                                "note": "Công văn 123/UBND"})  # fmt: skip
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Hạn hoàn thành không được trước ngày điều kiện phát sinh." in body
    assert 'value="Công văn 123/UBND"' in body or "Công văn 123/UBND</textarea>" in body

    done = client.post(url, {"happened_on": "10/07/2025", "due": "31/08/2025",
                             "note": "Công văn 123/UBND ngày 10/7/2025 của Thành phố"})  # fmt: skip
    assert done.status_code == 302
    task.refresh_from_db()
    assert (task.triggered_on, task.deadline_due) == (date(2025, 7, 10), date(2025, 8, 31))
    assert _state(r, task.pk, date(2025, 9, 1)) is Timeliness.OVERDUE
    assert _state(r, task.pk, date(2025, 8, 28)) is Timeliness.DUE_SOON
    scope = Scope(Plan.objects.filter(pk=r.plan.pk), date(2025, 9, 1))
    assert task.pk in tasks_in(scope, Timeliness.OVERDUE, 100)  # the dashboards agree
    event = AuditEvent.objects.get(action="plans.task_triggered")
    assert event.before["deadline_due"] is None and event.after["deadline_due"] == "2025-08-31"
    assert "Điều kiện đã phát sinh" in client.get(f"/nhiem-vu/{task.pk}/").content.decode()


def test_only_the_standing_office_records_a_condition(reporting: Reporting):
    r = reporting
    r.task2.deadline_kind = DeadlineKind.CONDITIONAL
    r.task2.save()
    officer = _client(r.ward_officer)
    typed = {"happened_on": "10/07/2025", "due": "31/08/2025", "note": "Có"}
    response = officer.post(f"/nhiem-vu/{r.task2.pk}/dieu-kien/", typed)
    assert response.status_code == 403
    assert "Ghi nhận điều kiện" not in officer.get(f"/nhiem-vu/{r.task2.pk}/").content.decode()
    dated = _client(r.world.importer).post(f"/nhiem-vu/{r.task1.pk}/dieu-kien/",
                                           {"happened_on": "10/07/2025", "due": "31/08/2025",
                                            "note": "Công văn"})  # fmt: skip
    assert dated.status_code == 400  # a dated task has no condition to record
    assert "Chỉ nhiệm vụ có thời hạn theo điều kiện" in dated.content.decode()


def test_an_entered_baseline_starts_the_trajectory(reporting: Reporting):
    r = reporting
    client = _client(r.world.importer)
    url = f"/chi-tieu/{r.indicator.pk}/gia-tri-nen/"
    refused = client.post(url, {"value": "năm mươi", "on": "01/01/2025"})
    assert refused.status_code == 400
    assert "«năm mươi» không phải là số" in refused.content.decode()
    assert 'value="năm mươi"' in refused.content.decode()
    half = client.post(url, {"value": "", "on": "01/01/2025"})
    assert half.status_code == 400 and "Nhập cả giá trị nền" in half.content.decode()
    assert client.post(url, {"value": "1.234,5", "on": "01/01/2025"}).status_code == 302
    r.indicator.refresh_from_db()
    assert r.indicator.baseline_value == Decimal("1234.5")
    assert AuditEvent.objects.filter(action="plans.indicator_baseline_set").count() == 1


def test_a_person_judges_a_qualitative_target(reporting: Reporting):
    r = reporting
    indicator = Indicator.objects.create(plan=r.plan, section=r.indicator.section, order=99,
                                         code="9", name="Hạ tầng số của quận")  # fmt: skip
    Target.objects.create(indicator=indicator, order=1, milestone="2030",
                          raw="Tiên tiến, hiện đại", comparator="qualitative",
                          qualitative_text="Tiên tiến, hiện đại")  # fmt: skip

    def status(day: date) -> Achievement:
        rows = indicator_standing(r.plan.pk, day)
        return next(row.result.status for row in rows if row.indicator.pk == indicator.pk)

    assert status(date(2026, 1, 1)) is Achievement.NEEDS_PERSON
    client = _client(r.world.importer)
    url = f"/chi-tieu/{indicator.pk}/danh-gia/"
    short = client.post(url, {"assessed_on": "15/12/2025", "result": "met", "note": "ok"})
    assert short.status_code == 400 and "Ghi rõ căn cứ đánh giá" in short.content.decode()
    note = "Đã hoàn thành mạng 5G toàn quận theo báo cáo của Sở."
    assert client.post(url, {"assessed_on": "15/12/2025", "result": "met",
                             "note": note}).status_code == 302  # fmt: skip
    assert status(date(2025, 12, 14)) is Achievement.NEEDS_PERSON  # not yet judged then
    assert status(date(2026, 1, 1)) is Achievement.MET
    page = client.get(f"/chi-tieu/{indicator.pk}/").content.decode()
    assert note in page and "Đạt" in page
    assert _client(r.ward_officer).post(url, {"assessed_on": "15/12/2025", "result": "met",
                                              "note": note}).status_code == 403  # fmt: skip
