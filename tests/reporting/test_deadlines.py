"""Due times are Asia/Ho_Chi_Minh times: the lock at 17:00, 'đến hạn hôm nay' from local
midnight (17:00 UTC the day before), days late counted by the local calendar."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.reporting.models import Notification
from nq57.reporting.notify import remind
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
UTC = ZoneInfo("UTC")


def test_due_today_starts_at_local_midnight_not_utc(reporting: Reporting, mailoutbox: Any):
    with time_machine.travel(datetime(2025, 5, 14, 23, 59, 30, tzinfo=VN), tick=False):
        remind()
    assert set(Notification.objects.values_list("kind", flat=True)) == {"due_soon"}
    # 00:00:30 on the 15th in Hồ Chí Minh City is still the 14th in UTC
    moment = datetime(2025, 5, 15, 0, 0, 30, tzinfo=VN)
    assert moment.astimezone(UTC).day == 14
    with time_machine.travel(moment, tick=False):
        remind()
    assert set(Notification.objects.values_list("kind", flat=True)) == {"due_soon", "due_today"}


@pytest.mark.parametrize(
    ("sent", "late"),
    [
        (datetime(2025, 5, 15, 16, 59, 59, tzinfo=VN), None),
        (datetime(2025, 5, 15, 17, 0, 0, tzinfo=VN), None),  # at the due time is on time
        (datetime(2025, 5, 15, 17, 0, 1, tzinfo=VN), 1),
        (datetime(2025, 5, 15, 23, 59, 59, tzinfo=VN), 1),
        (datetime(2025, 5, 16, 0, 0, 1, tzinfo=VN), 1),
        (datetime(2025, 5, 16, 23, 59, 59, tzinfo=VN), 1),
        (datetime(2025, 5, 17, 0, 0, 1, tzinfo=VN), 2),
    ],
)
def test_days_late_follow_the_local_calendar(
    reporting: Reporting, sent: datetime, late: int | None
):
    report = reporting.submission(reporting.ward)
    report.first_submitted_at = sent
    assert report.days_late() == late


def test_the_lock_falls_at_the_due_second(reporting: Reporting):
    report = reporting.submission(reporting.ward)
    assert not report.is_locked(datetime(2025, 5, 15, 17, 0, 0, tzinfo=VN))
    assert report.is_locked(datetime(2025, 5, 15, 17, 0, 1, tzinfo=VN))
    assert report.is_locked(datetime(2025, 5, 15, 10, 0, 1, tzinfo=UTC))  # = 17:00:01 in VN
