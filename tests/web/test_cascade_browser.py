"""The cascade in a real browser, on the demo: District 3's standing office links its plan to the
city's appendix and reviews its 63 task links as the hand-verified gold file decides them
(keeping a suggestion, choosing another row, typing a number, or 'no counterpart'); the city
leader then reads the coverage and the roll-up those decisions give."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from nq57.orgs.models import User
from nq57.plans.demo import load_demo
from nq57.plans.models import Plan
from tests.web.test_browser import browser, follow  # noqa: F401  (the shared Chromium fixture)

PASSWORD = "mat-khau-dai-2025"
GOLD = Path(__file__).resolve().parents[1] / "fixtures" / "gold" / "links-001-to-004.json"


def _log_in(chromium, url: str, username: str):  # type: ignore[no-untyped-def]
    page = chromium.new_context(locale="vi-VN").new_page()
    page.goto(f"{url}/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    follow(page, page.get_by_role("button", name="Đăng nhập"))
    return page


def _decide(page, link: dict[str, Any]) -> str:  # type: ignore[no-untyped-def]
    """Set one row as the gold file says; returns how: kept, chosen, typed or none."""
    number = link["child_number"]
    select = page.get_by_label(f"Dòng cấp trên của dòng {number}", exact=True)
    options = select.locator("option").all_inner_texts()
    current = select.locator("option:checked").inner_text()
    if not link["parent_numbers"]:
        wanted = "Không có dòng tương ứng"
    else:
        found = [o for o in options if o.startswith(f"{link['parent_numbers'][0]}. ")]
        if not found:  # not among the suggestions: typed
            row = page.locator("tr", has=select)
            row.get_by_label("Số thứ tự dòng cấp trên khác").fill(link["parent_numbers"][0])
            return "typed"
        wanted = found[0]
    if wanted == current:
        return "kept"
    select.select_option(label=wanted)
    return "chosen"


def test_district_3_reviews_its_links_and_the_city_reads_the_coverage(
    browser,  # noqa: F811
    live_server,
    transactional_db,
):
    load_demo()
    for username in ("vanphong_q3", "lanhdao_tphcm"):  # demo accounts: a password we know
        user = User.objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    district3 = Plan.objects.get(issuer__name="Ủy ban nhân dân Quận 3")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["task_links"]
    assert district3.tasks.count() == len(gold) == 63

    page = _log_in(browser, live_server.url, "vanphong_q3")
    page.goto(f"{live_server.url}/ke-hoach/{district3.pk}/")
    follow(page, page.get_by_role("link", name="Liên kết các cấp"))
    city_row = page.locator("form.inline-form", has_text="Thành phố Hồ Chí Minh").first
    follow(page, city_row.get_by_role("button", name="Liên kết"))
    follow(page, page.get_by_role("link", name="Liên kết nhiệm vụ"))
    assert "Đã xác nhận 0/63 dòng" in page.content()

    ways = [_decide(page, link) for link in gold]
    assert ways.count("kept") >= 57 and {"chosen", "typed"} <= set(ways)
    follow(page, page.get_by_role("button", name="Lưu liên kết"))
    page.goto(page.url)  # reload: the decisions are stored
    assert "Đã xác nhận 63/63 dòng" in page.content()

    leader = _log_in(browser, live_server.url, "lanhdao_tphcm")
    city = Plan.objects.get(issuer__name="Ủy ban nhân dân Thành phố Hồ Chí Minh",
                            tasks__number="82")  # fmt: skip
    leader.goto(f"{live_server.url}/ke-hoach/{city.pk}/lien-ket/")
    follow(leader, leader.get_by_role("link", name="Độ bao phủ của kế hoạch cấp dưới"))
    row = leader.locator("table.coverage--tasks tbody tr", has_text="Quận 3")
    cells = row.locator("td").all_inner_texts()
    # 46 District 3 tasks localise 44 of the city's 82; 17 are its own; nothing left undecided
    assert cells[1:] == ["44", "38", "54%", "17", "0"]
    leader.goto(f"{live_server.url}/ke-hoach/{city.pk}/tien-do-cac-cap/?ngay=31/12/2025")
    assert re.search(r"44/82 nhiệm vụ có nhiệm vụ cấp dưới", leader.content())
