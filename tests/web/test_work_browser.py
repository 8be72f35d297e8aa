"""A District 3 officer's day in a real browser: their unit's work, a filter, a search, a task."""

from __future__ import annotations

from nq57.orgs.models import Membership, Unit, User
from nq57.plans.demo import load_demo
from tests.web.test_browser import browser, follow  # noqa: F401  (the shared Chromium fixture)

PASSWORD = "mat-khau-dai-2025"


def _district3_officer() -> None:
    load_demo()
    office = Unit.objects.get(
        name="Phòng Văn hóa, Khoa học và Thông tin", parent__name="Ủy ban nhân dân Quận 3"
    )
    user = User.objects.create_user("can_bo_q3", password=PASSWORD)
    Membership.objects.create(user=user, unit=office, role=Membership.Role.OFFICER)


def test_a_district3_officer_filters_their_work_searches_and_opens_a_task(
    browser,  # noqa: F811
    live_server,
    transactional_db,
):
    _district3_officer()
    page = browser.new_page(locale="vi-VN")
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "can_bo_q3")
    page.fill("input[name=password]", PASSWORD)
    follow(page, page.get_by_role("button", name="Đăng nhập"))

    follow(page, page.get_by_role("link", name="Việc của đơn vị"))
    assert page.locator("h1").inner_text() == "Việc của đơn vị"
    rows = page.locator("table.work tbody tr")
    everything = rows.count()
    assert everything > 20
    assert "Chủ trì" in page.locator("table.work").inner_text()
    page.get_by_label("Vai trò").select_option("coordinating")
    follow(page, page.get_by_role("button", name="Lọc"))
    coordinating = page.locator("table.work tbody tr")
    assert 0 < coordinating.count() < everything
    assert all("Phối hợp" in text for text in coordinating.locator("td .tag").all_inner_texts())

    follow(page, page.get_by_role("link", name="Tìm kiếm"))
    page.get_by_label("Tìm (gõ có dấu hay không dấu đều được)").fill("chuyen doi so")
    follow(page, page.get_by_role("button", name="Lọc"))
    found = page.locator("table.work tbody tr")
    assert found.count() > 0
    assert "chuyển đổi số" in found.first.inner_text().lower()
    assert "3228/KH-UBND" not in page.content()  # Củ Chi's plan assigns this office nothing

    name = found.first.locator("td a").nth(1).inner_text()
    follow(page, found.first.locator("td a").nth(1))
    assert page.locator("h1").inner_text().endswith(name)
    assert "Lịch sử" in page.content()
    page.close()
