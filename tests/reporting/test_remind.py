"""`nq57 remind`: reminders only to units that have not sent their report, one digest per
person, nothing sent twice (nq57.reporting.notify)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from nq57.audit.models import AuditEvent
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.models import Holiday, Notification
from nq57.reporting.notify import remind
from nq57.reporting.workflow import submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _at(day: int, hour: int = 7) -> datetime:
    return datetime(2025, 5, day, hour, 0, tzinfo=VN)


def _send_culture_report(r: Reporting) -> None:
    report = r.submission(r.world.d3_culture)
    saved = save_submission(
        submission=report, revision=0, actor=r.world.d3_officer,
        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="in_progress")],
    ).submission  # fmt: skip
    submit_submission(submission=saved, revision=saved.revision, actor=r.world.d3_officer)


def _recipients(mailoutbox: list[Any]) -> list[tuple[str, ...]]:
    return [tuple(mail.to) for mail in mailoutbox]


def test_one_digest_to_each_officer_of_a_unit_that_has_not_sent(
    reporting: Reporting, mailoutbox: list[Any]
):
    r = reporting
    r.world.importer.email = "vanphong@example.vn"
    r.world.importer.save()
    with time_machine.travel(_at(9), tick=False):
        _send_culture_report(r)
    mailoutbox.clear()  # the 'chờ duyệt' notice to the standing office is not a reminder
    Notification.objects.update(mailed_at=_at(9))
    with time_machine.travel(_at(12), tick=False):  # Monday: 3 working days before Thursday 15/5
        first = remind()
        second = remind()
    assert _recipients(mailoutbox) == [("ward@example.vn",)]
    mail = mailoutbox[0]
    assert mail.subject == "[nq57] Nhắc việc ngày 12/05/2025: 1 việc"
    assert (
        "Sắp đến hạn: báo cáo «6 tháng đầu năm 2025» của Ủy ban nhân dân Phường Võ Thị Sáu "
        "(hạn 17:00 ngày 15/05/2025)." in mail.body
    )
    assert (first.notices, first.mails, second.notices, second.mails) == (1, 1, 0, 0)
    assert AuditEvent.objects.filter(action="reporting.reminders_sent").count() == 2


def test_nothing_before_the_window_then_due_day_then_overdue(
    reporting: Reporting, mailoutbox: list[Any]
):
    r = reporting
    r.world.importer.email = "vanphong@example.vn"
    r.world.importer.save()
    with time_machine.travel(_at(9), tick=False):  # Friday: 4 working days before
        assert remind().notices == 0
    with time_machine.travel(_at(15), tick=False):
        remind()
    texts = sorted(Notification.objects.values_list("user__username", "kind"))
    assert texts == [("d3_officer", "due_today"), ("ward_officer", "due_today")]
    mailoutbox.clear()
    with time_machine.travel(_at(16, 8), tick=False):  # the first working day after the due day
        remind()
        remind()
    assert sorted(_recipients(mailoutbox)) == [
        ("d3@example.vn",), ("vanphong@example.vn",), ("ward@example.vn",)
    ]  # fmt: skip
    summary = Notification.objects.get(kind="overdue_summary")
    assert summary.text.startswith(
        "Kỳ «6 tháng đầu năm 2025» (hạn 17:00 ngày 15/05/2025): 2 đơn vị"
    )


def test_holidays_count_as_days_off(reporting: Reporting, mailoutbox: list[Any]):
    r = reporting
    with time_machine.travel(_at(8), tick=False):  # Thursday 8/5: 5 working days before
        assert remind().notices == 0
    Holiday.objects.create(day=date(2025, 5, 13), name="Ngày nghỉ thử")
    with time_machine.travel(_at(8), tick=False):  # still 4 working days before (the 9th,
        assert remind().notices == 0  # 12th, 14th and 15th)
    with time_machine.travel(_at(9), tick=False):  # Friday 9/5: with the holiday, 3 days left
        assert remind().notices == 2
    with time_machine.travel(_at(12), tick=False):
        assert remind().notices == 0  # 'sắp đến hạn' is said once
    assert r.submission(r.ward).notifications.count() == 1


def test_returned_and_approved_reports_notify_the_unit(reporting: Reporting):
    from nq57.reporting.workflow import return_submission

    r = reporting
    with time_machine.travel(_at(9), tick=False):
        report = r.submission(r.ward)
        saved = save_submission(
            submission=report, revision=0, actor=r.ward_officer,
            tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done"),
                   TaskEntry(task_id=r.task2.pk, lifecycle="not_started")],
        ).submission  # fmt: skip
        sent = submit_submission(submission=saved, revision=saved.revision, actor=r.ward_officer)
        return_submission(submission=sent, revision=sent.revision, actor=r.world.importer,
                          reason="Thiếu số liệu")  # fmt: skip
    notices = list(
        Notification.objects.order_by("pk").values_list("user__username", "kind", "text")
    )
    assert notices == [
        ("importer", "review", "Báo cáo chờ duyệt: Ủy ban nhân dân Phường Võ Thị Sáu — 6 tháng đầu năm 2025."),  # noqa: E501
        ("ward_officer", "returned", "Báo cáo bị trả lại, cần bổ sung: Ủy ban nhân dân Phường Võ Thị Sáu — 6 tháng đầu năm 2025. Lý do: Thiếu số liệu"),  # noqa: E501
    ]  # fmt: skip


def test_the_command_reminds_once(reporting: Reporting, mailoutbox: list[Any], capsys: Any):
    from nq57.cli import main

    assert main(["remind", "--at", "12/05/2025 07:00"]) == 0
    assert main(["remind", "--at", "12/05/2025 07:30"]) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed == [
        "Đã tạo 2 thông báo mới, gửi 2 thư tổng hợp.",
        "Đã tạo 0 thông báo mới, gửi 0 thư tổng hợp.",
    ]
    assert sorted(_recipients(mailoutbox)) == [("d3@example.vn",), ("ward@example.vn",)]
    assert main(["remind", "--at", "12/5/2025"]) == 2
    assert "không hợp lệ" in capsys.readouterr().err


class _RefusingBackend:
    """A mail server that refuses one address (the others go to the test outbox)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.core.mail.backends.locmem import EmailBackend

        self.inner = EmailBackend()

    def send_messages(self, messages: list[Any]) -> int:
        from smtplib import SMTPRecipientsRefused

        for message in messages:
            if "ward@example.vn" in message.to:
                raise SMTPRecipientsRefused({"ward@example.vn": (550, b"mailbox full")})
        return self.inner.send_messages(messages)


def test_a_refused_mail_is_sent_again_next_time(
    reporting: Reporting, mailoutbox: list[Any], settings: Any
):
    settings.EMAIL_BACKEND = "tests.reporting.test_remind._RefusingBackend"
    with time_machine.travel(_at(12), tick=False):
        first = remind()
    assert (first.notices, first.mails) == (2, 1)
    assert _recipients(mailoutbox) == [("d3@example.vn",)]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(_at(12, 9), tick=False):
        second = remind()
    assert (second.notices, second.mails) == (0, 1)
    assert _recipients(mailoutbox)[-1] == ("ward@example.vn",)
