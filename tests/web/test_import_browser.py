"""The import review in a real browser: upload a seed DOCX, fix a cell, confirm a unit, publish.

Debian's Chromium driven by Playwright (`make test` installs it; the test fails without it).
"""

from __future__ import annotations

import os
from pathlib import Path

from nq57.orgs.models import Membership, Unit, User
from nq57.plans.models import Plan
from tests.fixtures.build_documents import build_docx, seed_blocks
from tests.web.test_browser import browser, follow  # noqa: F401  (the shared Chromium fixture)

SEED = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "001_0199fe00b39580f4.txt"
TASK = "Xây dựng Đề án Chuyển đổi số quận"


def _officer() -> None:
    """A standing-office officer of Quận 3, allowed to import plans; the units of Quận 3."""
    district = Unit.objects.create(name="Quận 3", level=Unit.Level.DISTRICT)
    ppc = Unit.objects.create(name="Ủy ban nhân dân Quận 3", level="district", parent=district)
    Unit.objects.create(name="Phòng Văn hóa, Khoa học và Thông tin", parent=ppc)
    user = User.objects.create_user("van_phong_q3", password="mat-khau-dai-2025")
    Membership.objects.create(user=user, unit=ppc, role=Membership.Role.STANDING_OFFICE)


def test_an_officer_uploads_a_docx_fixes_a_cell_confirms_a_unit_and_publishes(
    browser,  # noqa: F811
    live_server,
    transactional_db,
    tmp_path,
):
    _officer()
    docx = tmp_path / "KH-91-Quan3.docx"
    docx.write_bytes(build_docx(seed_blocks(SEED)))
    page = browser.new_page(locale="vi-VN")
    page.goto(f"{live_server.url}/nhap-ke-hoach/")
    page.fill("input[name=username]", "van_phong_q3")
    page.fill("input[name=password]", "mat-khau-dai-2025")
    follow(page, page.get_by_role("button", name="Đăng nhập"))

    page.set_input_files("input[name=file]", str(docx))
    follow(page, page.get_by_role("button", name="Tải lên và đọc tệp"))
    assert page.locator("h1").inner_text() == "Rà soát kế hoạch trước khi lưu"
    assert Plan.objects.count() == 0  # nothing stored before the officer confirms

    row = page.locator("table.tasks tr", has_text=TASK).first
    edit = row.locator("xpath=following-sibling::tr[1]")
    edit.locator("summary").click()
    edit.get_by_label("Thời gian hoàn thành").fill("Quý III/2025")
    follow(page, edit.get_by_role("button", name="Lưu dòng"))
    assert "Đã lưu dòng." in page.locator(".messages").inner_text()
    assert "Quý III/2025" in page.locator("table.tasks tr", has_text=TASK).first.inner_text()

    unknown = page.locator("tr.unit--unknown").first
    name = unknown.locator("td").first.inner_text().strip()
    follow(page, unknown.get_by_role("button", name="Tạo đơn vị mới"))
    confirmed = page.locator("tr.unit--new", has_text=name)
    assert "Sẽ tạo đơn vị mới" in confirmed.inner_text()

    follow(page, page.get_by_role("button", name="Lưu kế hoạch"))
    assert "Đã lưu kế hoạch vào hệ thống." in page.locator(".messages").inner_text()
    task = page.locator("table.tasks tbody tr", has_text=TASK).first
    assert "30/09/2025" in task.locator(".badge").inner_text()
    assert Unit.objects.get(name=name).status == Unit.Status.CONFIRMED
    page.screenshot(path=os.environ.get("NQ57_SCREENSHOT", str(tmp_path / "plan.png")))
    page.close()
