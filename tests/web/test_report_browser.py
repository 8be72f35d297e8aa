"""Issue 5's acceptance in headless Chromium: the District 3 plan (seed 001) gets its 6-monthly
regime; a ward reports with evidence, the office returns it with a reason, the ward fixes and
resends it, the office approves; the history shows the four steps."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.ingest import parse_bytes
from nq57.orgs.models import Membership, Unit, User
from nq57.plans.actions import import_plan
from nq57.plans.demo import SEEDS_DIR, build_demo_units
from nq57.plans.models import Plan
from tests.web.test_browser import browser, follow  # noqa: F401  (the shared Chromium fixture)

PASSWORD = "mat-khau-dai-2025"
WARD = "Ủy ban nhân dân phường Võ Thị Sáu"


@pytest.fixture
def _may_2025(settings: Any) -> Iterator[None]:
    """Ten days before the first half's due day; the browser keeps the CSRF cookie for the
    session (its clock is not travelled)."""
    settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(datetime(2025, 5, 5, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


def _people() -> None:
    """The demo unit tree and the District 3 plan as imported (no regime yet)."""
    build_demo_units()
    seed = next(SEEDS_DIR.glob("001_*.txt"))
    parsed = parse_bytes(seed.read_bytes(), seed.name)
    import_plan(parsed, source_name=seed.name, source_bytes=seed.read_bytes(), actor=None,
                publish=True)  # fmt: skip
    d3 = Unit.objects.get(name="Ủy ban nhân dân Quận 3")
    ward = Unit.objects.get(name=WARD, parent=d3)
    for username, unit, role in (
        ("vanphong", d3, Membership.Role.STANDING_OFFICE),
        ("phuong_vts", ward, Membership.Role.OFFICER),
    ):
        user = User.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=user, unit=unit, role=role)


def _login(page: Any, url: str, username: str) -> None:
    page.goto(f"{url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    follow(page, page.get_by_role("button", name="Đăng nhập"))


def _logout(page: Any) -> None:
    follow(page, page.get_by_role("button", name="Đăng xuất"))


def _open_report(page: Any, url: str, caption: str) -> None:
    page.goto(f"{url}/bao-cao/")
    table = page.locator("table", has=page.locator("caption", has_text=caption))
    follow(page, table.get_by_role("link", name=WARD).first)  # the earliest due


def test_a_ward_report_goes_round_the_review_loop(
    browser: Any,  # noqa: F811
    live_server: Any,
    transactional_db: Any,
    _may_2025: None,
    tmp_path: Path,
) -> None:
    _people()
    page = browser.new_page(locale="vi-VN")
    url = live_server.url

    # The standing office gives the plan its regime: before 15 May and before 5 November.
    _login(page, url, "vanphong")
    plan = Plan.objects.get(number="91/KH-UBND")
    page.goto(f"{url}/ke-hoach/{plan.pk}/")
    follow(page, page.get_by_role("link", name="Báo cáo định kỳ"))
    quoted = page.locator(".suggestion").inner_text()
    assert "trước ngày 15 tháng 5 và trước ngày 05 tháng 11" in quoted
    assert "Gợi ý: 6 tháng, hạn 15/5 và 5/11." in quoted
    assert (
        page.get_by_label("Hạn nộp cố định (ngày/tháng, mỗi kỳ một hạn)").input_value()
        == "15/5; 5/11"
    )
    page.get_by_label("Tần suất").select_option("half_yearly")
    page.get_by_label("Hạn nộp cố định (ngày/tháng, mỗi kỳ một hạn)").fill("15/5; 5/11")
    page.get_by_label("Tạo kỳ từ năm").fill("2025")
    page.get_by_label("đến năm").fill("2025")
    follow(page, page.get_by_role("button", name="Lưu chế độ và tạo kỳ báo cáo"))
    periods = page.locator("table", has=page.locator("th", has_text="Chốt số liệu"))
    rows = periods.locator("tbody tr").all_inner_texts()
    assert [r.split("\t")[0] for r in rows] == ["6 tháng đầu năm 2025", "6 tháng cuối năm 2025"]
    assert "17:00 15/05/2025" in rows[0] and "17:00 05/11/2025" in rows[1]
    _logout(page)

    # The ward fills every task of 'Ủy ban nhân dân 10 phường', attaches a minutes file, sends.
    _login(page, url, "phuong_vts")
    _open_report(page, url, "Đơn vị cần gửi")
    assert page.locator("h1").inner_text() == f"Báo cáo 6 tháng đầu năm 2025 — {WARD}"
    selects = page.locator("select[name$='-lifecycle']")
    assert selects.count() > 20
    for index in range(selects.count()):
        selects.nth(index).select_option("in_progress")
    page.locator("textarea[name$='-done']").first.fill("Đã tổ chức hội nghị quán triệt")
    page.get_by_label("Kết quả nổi bật").fill("100% cán bộ phường được quán triệt")
    follow(page, page.get_by_role("button", name="Lưu nháp"))
    assert "Đã lưu báo cáo." in page.content()
    minutes = tmp_path / "bien-ban-hoi-nghi.pdf"
    minutes.write_bytes(b"%PDF-1.4\n% bien ban hoi nghi\n%%EOF\n")
    page.locator("input[name=file]").set_input_files(str(minutes))
    follow(page, page.get_by_role("button", name="Thêm minh chứng"))
    assert page.get_by_role("link", name="bien-ban-hoi-nghi.pdf").count() == 1
    follow(page, page.get_by_role("button", name="Lưu và gửi báo cáo"))
    assert page.locator("#trang-thai").inner_text() == "Chờ duyệt"
    _logout(page)

    # The office returns it, saying why.
    _login(page, url, "vanphong")
    _open_report(page, url, "Chờ cơ quan thường trực duyệt")
    page.get_by_label("Lý do trả lại (bắt buộc)").fill("Bổ sung số người tham dự hội nghị")
    follow(page, page.get_by_role("button", name="Trả lại, yêu cầu bổ sung"))
    assert page.locator("#trang-thai").inner_text() == "Cần bổ sung"
    _logout(page)

    # The ward sees the return first, fixes the line and sends again.
    _login(page, url, "phuong_vts")
    follow(page, page.get_by_role("link", name="Báo cáo", exact=True))
    assert "1 báo cáo bị trả lại, cần bổ sung." in page.locator("main").inner_text()
    _open_report(page, url, "Cần bổ sung")
    assert "Lý do: Bổ sung số người tham dự hội nghị" in page.locator("[role=alert]").inner_text()
    page.locator("textarea[name$='-done']").first.fill(
        "Đã tổ chức hội nghị quán triệt, 120 người tham dự"
    )
    follow(page, page.get_by_role("button", name="Lưu và gửi báo cáo"))
    assert page.locator("#trang-thai").inner_text() == "Chờ duyệt"
    _logout(page)

    # The office approves; the history shows the four steps.
    _login(page, url, "vanphong")
    _open_report(page, url, "Chờ cơ quan thường trực duyệt")
    assert "120 người tham dự" in page.locator("table.report-tasks").inner_text()
    follow(page, page.get_by_role("button", name="Duyệt báo cáo"))
    assert page.locator("#trang-thai").inner_text() == "Đã duyệt"
    steps = page.locator("ol.events li").all_inner_texts()
    assert [s.split(" · ", 2)[2].split(" (")[0] for s in steps] == [
        "Đang soạn → Chờ duyệt",
        "Chờ duyệt → Cần bổ sung · Lý do, ghi chú: Bổ sung số người tham dự hội nghị",
        "Cần bổ sung → Chờ duyệt",
        "Chờ duyệt → Đã duyệt",
    ]
    assert [s.split(" · ")[1] for s in steps] == [
        "phuong_vts",
        "vanphong",
        "phuong_vts",
        "vanphong",
    ]
    page.close()
