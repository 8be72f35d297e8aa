"""The city leader's dashboard in a real browser: from the menu to the tiles, a tile's task list,
a district's subtree and back up the breadcrumb, and a ranked unit's own page."""

from __future__ import annotations

import re

from nq57.orgs.models import Membership, Unit, User
from nq57.plans.demo import load_demo
from tests.web.test_browser import browser, follow  # noqa: F401  (the shared Chromium fixture)

PASSWORD = "mat-khau-dai-2025"
DAY = "31/12/2025"


def _city_leader() -> None:
    load_demo()
    city = Unit.objects.get(name="Thành phố Hồ Chí Minh", parent=None)
    user = User.objects.create_user("lanhdao_tp", password=PASSWORD)
    Membership.objects.create(user=user, unit=city, role=Membership.Role.LEADER)


def _tile(page, label: str) -> int:  # type: ignore[no-untyped-def]
    tile = page.locator(".tile", has_text=label).first
    return int(tile.locator(".tile-count").inner_text())


def test_the_city_leader_drills_down_from_the_tiles_to_a_district_and_a_unit(
    browser,  # noqa: F811
    live_server,
    transactional_db,
):
    _city_leader()
    page = browser.new_page(locale="vi-VN")
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "lanhdao_tp")
    page.fill("input[name=password]", PASSWORD)
    follow(page, page.get_by_role("button", name="Đăng nhập"))

    follow(page, page.get_by_role("link", name="Bảng điều khiển"))
    assert page.locator("h1").inner_text() == "Bảng điều khiển — Thành phố Hồ Chí Minh"
    page.get_by_label("Tính đến hết ngày").fill(DAY)
    follow(page, page.get_by_role("button", name="Xem"))
    overdue = _tile(page, "Quá hạn")
    assert overdue > 0
    total = int(re.search(r"Nhiệm vụ \((\d+)\)", page.locator("#tong-quan").inner_text())[1])
    assert total >= overdue

    follow(page, page.locator(".tile", has_text="Quá hạn").locator("a"))
    assert page.locator("#danh-sach").inner_text() == f"Quá hạn ({overdue})"
    assert page.locator("section:has(#danh-sach) table tbody tr").count() == min(overdue, 50)

    branches = page.locator("table.branches")
    follow(page, branches.get_by_role("link", name="Quận 3"))
    assert page.locator("h1").inner_text() == "Bảng điều khiển — Quận 3"
    assert _tile(page, "Quá hạn") <= overdue
    assert page.get_by_label("Tính đến hết ngày").input_value() == DAY  # the day is kept
    follow(page, page.locator("nav.breadcrumb").get_by_role("link", name="Thành phố Hồ Chí Minh"))
    assert page.locator("h1").inner_text() == "Bảng điều khiển — Thành phố Hồ Chí Minh"

    first = page.locator("table.ranking tbody tr").first.locator("td a")
    name = first.inner_text()
    follow(page, first)
    assert name in page.locator("h1").inner_text()
    assert "Điểm" in page.content()
    page.close()
