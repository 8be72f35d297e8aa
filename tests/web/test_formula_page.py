"""The unit scoring formula page (/ke-hoach/<id>/cong-thuc-cham-diem/): explained to whoever
reads the dashboard, edited by the standing office of the plan's issuer, refused input given
back with Vietnamese messages; the dashboard ranks units by it.

People (`world`, `reporting`): `importer` (standing office of Ủy ban nhân dân Quận 3, the
issuer) edits; `city_reviewer` (leader of the city) reads the dashboard and the formula but may
not edit; `d3_officer`, `ward_officer` (officers with tasks in the plan) and `cu_chi_office`
(standing office of another district) see neither.
"""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from nq57.audit.models import AuditEvent
from nq57.evaluation.models import ScoringFormula
from nq57.orgs.models import Membership, User
from tests.reporting.conftest import Reporting
from tests.web.test_dashboard import _reports

# completion 30, on time 30, reporting 40, indicators 0; reports sent late count nothing;
# A from 90, B from 80, C from 60
STRICT = {
    "completion": "30", "on_time": "30", "reporting": "40", "indicators": "0",
    "late_credit": "0", "bound_a": "90", "bound_b": "80", "bound_c": "60", "revision": "0",
}  # fmt: skip
CULTURE = "Phòng Văn hóa, Khoa học và Thông tin"
WARD = "Ủy ban nhân dân Phường Võ Thị Sáu"


def _url(r: Reporting) -> str:
    return f"/ke-hoach/{r.plan.pk}/cong-thuc-cham-diem/"


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _row_of(page: str, unit: str) -> list[str]:
    """The cells of `unit`'s line in the dashboard ranking: rates, score, class."""
    ranking = page[page.index('id="xep-hang"') : page.index('id="xu-huong"')]
    line = next(tr for tr in ranking.split("<tr>") if unit in tr)
    cells = re.findall(r"<td>(.*?)</td>", line.split("</details>")[1], re.S)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in cells]


def _input(page: str, name: str) -> str:
    found = re.search(rf'<input type="text" name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


def test_the_url_is_in_vietnamese():
    assert reverse("web:plan_formula", args=[7]) == "/ke-hoach/7/cong-thuc-cham-diem/"


def test_the_standing_office_sees_the_defaults_explained_and_a_form(reporting: Reporting):
    page = _client(reporting.world.importer).get(_url(reporting)).content.decode()
    assert "<h1>Công thức chấm điểm đơn vị</h1>" in page
    assert "mọi kế hoạch do <strong>Ủy ban nhân dân Quận 3</strong> ban hành" in page
    assert "Đang dùng công thức mặc định của hệ thống." in page
    assert '<th scope="row">Hoàn thành</th>' in page
    assert "Số nhiệm vụ hoàn thành đúng hạn / số nhiệm vụ đã hoàn thành." in page
    assert "<td>30</td><td>30%</td>" in page and "<td>20</td><td>20%</td>" in page
    assert "Báo cáo gửi trễ hạn được tính với hệ số <strong>0,5</strong>" in page
    assert "<strong>Xếp loại</strong>: A từ 85 điểm; B từ 70 đến dưới 85 điểm;" in page
    assert "D dưới 50 điểm." in page
    # the worked example leaves indicators out and re-scales: 80×37,5% + 75×37,5% + 87,5×25%
    assert "Điểm = 80% × 37,5% + 75% × 37,5% + 87,5% × 25% = 80%; xếp loại B." in page
    assert [_input(page, n) for n in ("completion", "on_time", "reporting", "indicators",
                                       "late_credit", "bound_a", "bound_b", "bound_c")] == [
        "30", "30", "20", "20", "0,5", "85", "70", "50"
    ]  # fmt: skip
    assert '<input type="hidden" name="revision" value="0"' in page
    assert "Lưu công thức" in page


def test_the_dashboard_shows_the_formula_in_use_and_links_to_it(reporting: Reporting):
    page = (
        _client(reporting.world.importer)
        .get(f"/ke-hoach/{reporting.plan.pk}/bang-dieu-khien/")
        .content.decode()
    )
    assert "Điểm = hoàn thành × 30% + đúng hạn × 30% + báo cáo × 20% + chỉ tiêu × 20%" in page
    assert f'<a href="{_url(reporting)}">Công thức chấm điểm</a>' in page


def test_a_saved_formula_changes_the_dashboard_ranking(reporting: Reporting):
    r = reporting
    _reports(r)  # both units sent the first half's report on time; the second half's is missing
    client = _client(r.world.importer)
    dashboard = f"/ke-hoach/{r.plan.pk}/bang-dieu-khien/"
    before = client.get(dashboard, {"ngay": "10/01/2026"}).content.decode()
    # Phòng Văn hóa…: done 100%, on time 100%, reports 50%, no indicator value:
    # (100×30 + 100×30 + 50×20) / 80 = 87,5 → A; the ward: (0×30 + 50×20) / 50 = 20 → D
    assert _row_of(before, CULTURE) == ["100%", "100%", "50%", "—", "87,5", "A"]
    assert _row_of(before, WARD) == ["0%", "—", "50%", "—", "20", "D"]

    response = client.post(_url(r), STRICT, follow=True)
    assert response.redirect_chain == [(_url(r), 302)]
    page = response.content.decode()
    assert "Đã lưu công thức chấm điểm; bảng xếp hạng đơn vị tính theo công thức mới." in page
    assert "Sửa lần cuối bởi importer lúc" in page and "(lần sửa thứ 1)" in page
    assert '<input type="hidden" name="revision" value="1"' in page
    row = ScoringFormula.objects.get()
    assert (row.unit, row.revision, row.bound_a) == (r.world.d3_ppc, 1, 90)

    after = client.get(dashboard, {"ngay": "10/01/2026"}).content.decode()
    # (100×30 + 100×30 + 50×40) / 100 = 80 → B; the ward: (0×30 + 50×40) / 70 = 28,6 → D
    assert _row_of(after, CULTURE) == ["100%", "100%", "50%", "—", "80", "B"]
    assert _row_of(after, WARD) == ["0%", "—", "50%", "—", "28,6", "D"]
    assert "báo cáo × 40% + chỉ tiêu × 0%" in after
    assert "xếp loại A từ 90, B từ 80, C từ 60, còn lại D." in after
    # a leader of the city reads the same formula
    leader = _client(r.world.city_reviewer).get(dashboard, {"ngay": "10/01/2026"}).content
    assert _row_of(leader.decode(), CULTURE)[-2:] == ["80", "B"]


def test_a_leader_reads_the_formula_but_may_not_change_it(reporting: Reporting):
    r = reporting
    client = _client(r.world.city_reviewer)
    page = client.get(_url(r)).content.decode()
    assert "Đang dùng công thức mặc định của hệ thống." in page
    assert "Chỉ cơ quan thường trực của Ủy ban nhân dân Quận 3 được sửa công thức này." in page
    assert "Lưu công thức" not in page and 'name="completion"' not in page
    assert client.post(_url(r), STRICT).status_code == 403
    assert not ScoringFormula.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.formula_set").exists()


def test_people_who_do_not_see_the_dashboard_find_nothing(reporting: Reporting):
    r = reporting
    cu_chi_office = User.objects.create_user("cu_chi_office", password="pw")
    Membership.objects.create(
        user=cu_chi_office, unit=r.world.cu_chi_ppc, role=Membership.Role.STANDING_OFFICE
    )
    for person in (r.world.d3_officer, r.ward_officer, r.world.cu_chi_officer, cu_chi_office):
        client = _client(person)
        assert client.get(_url(r)).status_code == 404, person
        assert client.post(_url(r), STRICT).status_code == 404, person
    assert Client().get(_url(r)).status_code == 302  # to the sign-in page
    assert _client(r.world.importer).get("/ke-hoach/999999/cong-thuc-cham-diem/").status_code == 404
    assert not ScoringFormula.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.formula_set").exists()


def test_refused_input_is_given_back_with_vietnamese_messages(reporting: Reporting):
    r = reporting
    client = _client(r.world.importer)
    wrong = {**STRICT, "bound_a": "75", "late_credit": "1,5"}
    response = client.post(_url(r), wrong)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Công thức chưa được lưu: có 2 lỗi. Sửa rồi lưu lại." in page
    assert "Ngưỡng xếp loại A (75 điểm) phải cao hơn ngưỡng xếp loại B (80 điểm)." in page
    assert "Hệ số tính cho báo cáo trễ hạn phải từ 0 đến 1" in page
    assert (_input(page, "bound_a"), _input(page, "late_credit"), _input(page, "reporting")) == (
        "75", "1,5", "40"
    )  # fmt: skip
    assert "Đang dùng công thức mặc định của hệ thống." in page  # nothing was stored

    response = client.post(_url(r), {**STRICT, "completion": "ba mươi", "on_time": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "«ba mươi» không phải là số (ví dụ: 30 hoặc 0,5)." in page
    assert "Hãy nhập một số." in page
    assert _input(page, "completion") == "ba mươi"

    zeros = {**STRICT, "completion": "0", "on_time": "0", "reporting": "0"}
    page = client.post(_url(r), zeros).content.decode()
    assert "Các trọng số không thể cùng bằng 0" in page
    assert not ScoringFormula.objects.exists()
    assert not AuditEvent.objects.filter(action="evaluation.formula_set").exists()


def test_a_save_from_an_out_of_date_page_keeps_the_input_and_says_who_changed_it(
    reporting: Reporting,
):
    r = reporting
    client = _client(r.world.importer)
    assert client.post(_url(r), STRICT).status_code == 302  # revision 0 → 1
    other = _client(r.world.admin)  # had the page open before that save
    response = other.post(_url(r), {**STRICT, "bound_a": "95"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Công thức chấm điểm đã được importer sửa lúc" in page
    assert "công thức bạn nhập chưa được lưu và vẫn còn trên biểu mẫu." in page
    assert _input(page, "bound_a") == "95"
    assert ScoringFormula.objects.get().bound_a == 90
    assert AuditEvent.objects.filter(action="evaluation.formula_set").count() == 1
