"""The plan pages in a real browser (Debian's Chromium driven by Playwright).

`make test` installs Chromium; the tests fail, not skip, when it is missing.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from nq57.orgs.models import User
from nq57.plans.demo import load_demo

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("NQ57_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def follow(page, target) -> None:
    """Click a link or submit button and wait for the page it loads (click() alone does not)."""
    with page.expect_navigation():
        target.click()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium không có: chạy `make test` để cài gói chromium."
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def demo(transactional_db) -> list:
    plans = load_demo()
    User.objects.create_superuser("can_bo", "cb@example.vn", "mat-khau-dai-2025")
    return plans


def _login(page, live_server) -> None:
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", "can_bo")
    page.fill("input[name=password]", "mat-khau-dai-2025")
    follow(page, page.get_by_role("button", name="Đăng nhập"))


def test_an_officer_signs_in_and_reads_a_plan_with_units_and_deadline_badges(
    browser, live_server, demo, tmp_path
):
    page = browser.new_page(locale="vi-VN")
    _login(page, live_server)
    assert page.locator("h1").first.inner_text().strip() != ""
    row = page.locator("tbody tr", has_text="91/KH-UBND")
    assert row.count() == 1
    follow(page, row.get_by_role("link"))
    assert "Triển khai thực hiện Chương trình hành động" in page.locator("h1").inner_text()
    row = page.locator("table.tasks tbody tr", has_text="Xây dựng Đề án Chuyển đổi số quận")
    assert row.count() == 1
    assert "Phòng Văn hóa, Khoa học và Thông tin" in row.inner_text()
    badge = row.locator(".badge").inner_text()
    assert "30/06/2025" in badge
    indicator = page.locator("table.indicators tbody tr", has_text="Phủ sóng 5G cho người dân")
    assert "99" in indicator.inner_text()
    page.screenshot(path=os.environ.get("NQ57_SCREENSHOT", str(tmp_path / "plan.png")))
    page.close()


def test_the_plan_page_fits_a_phone_screen(browser, live_server, demo):
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="vi-VN")
    _login(page, live_server)
    follow(page, page.locator("tbody tr", has_text="91/KH-UBND").get_by_role("link"))
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"trang rộng hơn màn hình {overflow}px"
    page.close()
