"""The leader's dashboard across plans: a subtree of the unit tree as of a day, each figure
drilling down to its rows, the units below compared, the ranking drilling down to a unit."""

from __future__ import annotations

import re

from django.test import Client

from tests.reporting.conftest import Reporting
from tests.web.test_dashboard import _reports
from tests.web.test_formula_page import STRICT, _url


def _tile(page: str, label: str) -> int:
    found = re.search(r'<span class="tile-count">(\d+)</span> <span class="tile-label">'
                      + re.escape(label), page)  # fmt: skip
    assert found, label
    return int(found.group(1))


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_city_leader_sees_the_district_plan_and_drills_down(reporting: Reporting):
    r = reporting
    _reports(r)
    client = _client(r.world.city_reviewer)  # leader of Thành phố Hồ Chí Minh
    page = client.get("/bang-dieu-khien/", {"ngay": "10/01/2026"}).content.decode()
    assert "Bảng điều khiển — Thành phố Hồ Chí Minh" in page
    assert _tile(page, "Quá hạn") == 1
    assert _tile(page, "Hoàn thành đúng hạn") == 1
    branches = page[page.index('id="don-vi-truc-thuoc"') : page.index('id="qua-han"')]
    assert "Quận 3" in branches and f"?don-vi={r.world.district3.pk}" in branches
    assert "Chưa bố trí được hội trường" in page  # the ward's stated difficulty, overdue list
    drill = client.get(
        "/bang-dieu-khien/", {"ngay": "10/01/2026", "nhom": "done_on_time"}
    ).content.decode()
    listed = drill[drill.index('id="danh-sach"') : drill.index('id="don-vi-truc-thuoc"')]
    assert "Hoàn thành đúng hạn (1)" in listed and r.task1.name[:40] in listed
    before = client.get("/bang-dieu-khien/", {"ngay": "01/06/2025"}).content.decode()
    assert _tile(before, "Quá hạn") == 0  # as it stood then


def test_a_subtree_counts_only_its_plans(reporting: Reporting):
    r = reporting
    _reports(r)
    client = _client(r.world.city_reviewer)
    cu_chi = client.get("/bang-dieu-khien/", {"don-vi": r.world.cu_chi.pk}).content.decode()
    assert "0 kế hoạch" in cu_chi and _tile(cu_chi, "Quá hạn") == 0
    district = client.get(
        "/bang-dieu-khien/", {"don-vi": r.world.district3.pk, "ngay": "10/01/2026"}
    ).content.decode()
    assert "1 kế hoạch" in district and _tile(district, "Quá hạn") == 1
    assert "Thành phố Hồ Chí Minh</a> › Quận 3" in district  # the way back up


def test_the_ranking_drills_down_to_the_unit_and_why(reporting: Reporting):
    r = reporting
    _reports(r)
    client = _client(r.world.importer)  # standing office of Quận 3
    page = client.get("/bang-dieu-khien/", {"ngay": "10/01/2026"}).content.decode()
    indicators = page[page.index('id="chi-tieu"') : page.index('id="xep-hang"')]
    assert r.indicator.name[:40] in indicators  # the district plan's own indicator, not met
    ranking = page[page.index('id="xep-hang"') : page.index('id="xu-huong"')]
    assert ranking.index("Phòng Văn hóa, Khoa học và Thông tin") < ranking.index(
        "Ủy ban nhân dân Phường Võ Thị Sáu"
    )
    unit = client.get(
        f"/bang-dieu-khien/don-vi/{r.ward.pk}/", {"ngay": "10/01/2026"}
    ).content.decode()
    assert "Kết quả của đơn vị — Ủy ban nhân dân Phường Võ Thị Sáu" in unit
    assert "Hoàn thành: 0/1 nhiệm vụ đến hạn đã hoàn thành" in unit
    overdue = unit[unit.index('id="nhom-overdue"') :]
    assert r.task2.name[:40] in overdue and "Chưa bố trí được hội trường" in overdue


def test_people_see_only_what_they_oversee(reporting: Reporting):
    r = reporting
    _reports(r)
    officer = _client(r.world.cu_chi_officer)  # an officer oversees nothing
    assert officer.get("/bang-dieu-khien/").status_code == 403
    importer = _client(r.world.importer)  # Quận 3's office may not look at the city
    assert importer.get("/bang-dieu-khien/", {"don-vi": r.world.hcmc.pk}).status_code == 403
    assert importer.get("/bang-dieu-khien/", {"don-vi": 999_999}).status_code == 404
    nav = importer.get("/").content.decode()
    assert 'href="/bang-dieu-khien/"' in nav
    assert 'href="/bang-dieu-khien/"' not in officer.get("/").content.decode()


def test_the_ranking_and_the_unit_page_use_the_formula_of_the_area(reporting: Reporting):
    r = reporting
    _reports(r)
    client = _client(r.world.importer)
    assert client.post(_url(r), STRICT).status_code == 302  # Quận 3's standing office
    page = client.get("/bang-dieu-khien/", {"ngay": "10/01/2026"}).content.decode()
    ranking = page[page.index('id="xep-hang"') : page.index('id="xu-huong"')]
    assert "xếp loại A từ 90, B từ 80, C từ 60" in ranking
    culture = ranking[ranking.index("Phòng Văn hóa, Khoa học và Thông tin") :]
    assert re.search(r"<td>80</td>\s*<td><strong>B</strong>", culture)  # 87,5 A by default
    unit = client.get(
        f"/bang-dieu-khien/don-vi/{r.world.d3_culture.pk}/", {"ngay": "10/01/2026"}
    ).content.decode()
    assert "Điểm: 80 — xếp loại B" in unit


def test_the_tasks_progress_is_charted_at_each_periods_due_day(reporting: Reporting):
    r = reporting
    _reports(r)
    client = _client(r.world.city_reviewer)
    page = client.get("/bang-dieu-khien/", {"ngay": "10/01/2026"}).content.decode()
    chart = page[page.index('id="tien-do-ky"') : page.index('id="xu-huong"')]
    labels = re.findall(r'class="chart-label">([^<]+)<', chart)
    assert labels == ["6 tháng đầu năm 2025 (15/05/2025)", "6 tháng cuối năm 2025 (05/11/2025)"]
    bars = chart.split('class="chart-label"')[1:]
    assert "<title>Hoàn thành đúng hạn: 1</title>" in bars[0]  # done 10/05, approved 12/05
    assert "<title>Chưa đến hạn: 1</title>" in bars[0]  # task 2, due 31/12/2025
    assert "<title>Quá hạn" not in bars[1]
    assert "<title>Hoàn thành đúng hạn: 1</title>" in bars[1]
    before = client.get("/bang-dieu-khien/", {"ngay": "01/05/2025"}).content.decode()
    assert "Chưa có kỳ báo cáo nào đến hạn." in before
