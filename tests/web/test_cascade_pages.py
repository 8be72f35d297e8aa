"""The cascade pages: Củ Chi's plan finds the city's appendix it carries out, is linked, its task
links are reviewed (suggestions kept, one changed, one typed), coverage and roll-up read them."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.cascade.models import IndicatorLink, PlanLink, TaskLink
from nq57.orgs.models import Membership, User
from nq57.plans.models import Plan
from tests.exports.helpers import SEEDS, import_seed


def _seed(prefix: str) -> Plan:
    return import_seed(next(seed for seed in SEEDS if seed.name.startswith(prefix)))


@pytest.fixture
def plans(db):  # type: ignore[no-untyped-def]
    city, cu_chi = _seed("004"), _seed("000")
    office = User.objects.create_user("vp_cuchi", password="pw")
    Membership.objects.create(user=office, unit=cu_chi.issuer,
                              role=Membership.Role.STANDING_OFFICE)  # fmt: skip
    leader = User.objects.create_user("lanh_dao_tp", password="pw")
    Membership.objects.create(user=leader, unit=city.issuer, role=Membership.Role.LEADER)
    return city, cu_chi, office, leader


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def test_the_district_office_links_its_plan_and_reviews_the_task_links(plans):  # type: ignore[no-untyped-def]
    city, cu_chi, office, _leader = plans
    client = _client(office)
    page = client.get(f"/ke-hoach/{cu_chi.pk}/lien-ket/").content.decode()
    assert re.search(r"Cùng thực hiện [^;]*63-CTRHĐ/TU", page)  # a document both carry out
    response = client.post(f"/ke-hoach/{cu_chi.pk}/lien-ket/",
                           {"parent": city.pk, "source": "same_basis"})  # fmt: skip
    assert response.status_code == 302
    link = PlanLink.objects.get(parent=city, child=cu_chi)
    review = client.get(f"/lien-ket/{link.pk}/").content.decode()
    selects = re.findall(r'<select name="t(\d+)"', review)
    assert len(selects) == cu_chi.tasks.count()

    data = {"revision": "0"}
    for pk in selects:  # keep what is suggested (the selected option)
        chosen = re.search(
            rf'<select name="t{pk}".*?<option value="(\w+)"[^>]* selected', review, re.S
        )
        data[f"t{pk}"] = chosen.group(1) if chosen else "none"
    first, second = cu_chi.tasks.order_by("order")[:2]
    data[f"t{first.pk}"] = "none"  # rejected
    data[f"n{second.pk}"] = "999"  # a number the city's plan does not have
    refused = client.post(f"/lien-ket/{link.pk}/", data)
    assert refused.status_code == 400
    assert "kế hoạch cấp trên không có số 999" in refused.content.decode()
    assert 'value="none" selected' in refused.content.decode()  # the choices made are kept
    assert not TaskLink.objects.exists()

    data[f"n{second.pk}"] = "1, 2"
    assert client.post(f"/lien-ket/{link.pk}/", data).status_code == 302
    assert TaskLink.objects.filter(child_task=first, parent_task__isnull=True).exists()
    assert sorted(TaskLink.objects.filter(child_task=second).values_list(
        "parent_task__number", flat=True)) == ["1", "2"]  # fmt: skip
    assert TaskLink.objects.values("child_task").distinct().count() == cu_chi.tasks.count()
    assert AuditEvent.objects.filter(action="cascade.task_links_decided").count() == 1
    stale = client.post(f"/lien-ket/{link.pk}/", data)  # the same page sent again
    assert stale.status_code == 409 and "Tải lại trang" in stale.content.decode()


def test_the_city_reads_coverage_and_roll_up_but_cannot_decide(plans):  # type: ignore[no-untyped-def]
    city, cu_chi, office, leader = plans
    client = _client(office)
    client.post(f"/ke-hoach/{cu_chi.pk}/lien-ket/", {"parent": city.pk})
    link = PlanLink.objects.get()
    first = cu_chi.tasks.order_by("order").first()
    city_first = city.tasks.get(number="1")
    client.post(f"/lien-ket/{link.pk}/", {"revision": "0", f"t{first.pk}": str(city_first.pk)})
    reader = _client(leader)
    assert reader.post(f"/lien-ket/{link.pk}/", {"revision": "1"}).status_code == 403
    coverage = reader.get(f"/ke-hoach/{city.pk}/bao-phu/").content.decode()
    assert re.search(r"<td>1</td><td>81</td><td>1%</td><td>0</td><td>48</td>", coverage)
    xlsx = reader.get(f"/ke-hoach/{city.pk}/bao-phu/", {"dinh-dang": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    rollup = reader.get(f"/ke-hoach/{city.pk}/tien-do-cac-cap/", {"ngay": "31/12/2025"})
    assert "1/82 nhiệm vụ có nhiệm vụ cấp dưới" in rollup.content.decode()
    assert "Quá hạn: 1" in rollup.content.decode()
    admin = _client(User.objects.create_superuser("qt", "qt@example.vn", "pw"))
    board = admin.get(f"/ke-hoach/{city.pk}/bang-dieu-khien/", {"ngay": "31/12/2025"})
    assert "1 nhiệm vụ có nhiệm vụ cấp dưới đã liên kết; các nhiệm vụ cấp dưới: Quá hạn 1" in (
        board.content.decode()
    )


def test_indicator_links_are_reviewed_the_same_way(plans):  # type: ignore[no-untyped-def]
    _city, cu_chi, office, _leader = plans
    action_plan = _seed("003")  # the city's action plan, with indicators
    client = _client(office)
    client.post(f"/ke-hoach/{cu_chi.pk}/lien-ket/", {"parent": action_plan.pk})
    link = PlanLink.objects.get(parent=action_plan, child=cu_chi)
    url = f"/lien-ket/{link.pk}/?loai=chi-tieu"
    page = client.get(url).content.decode()
    assert "Liên kết chỉ tiêu với kế hoạch cấp trên" in page
    selects = re.findall(r'<select name="t(\d+)"', page)
    assert len(selects) == cu_chi.indicators.count() > 0
    data = {"revision": "0"}
    for pk in selects:
        chosen = re.search(
            rf'<select name="t{pk}".*?<option value="(\w+)"[^>]* selected', page, re.S
        )
        data[f"t{pk}"] = chosen.group(1) if chosen else "none"
    assert client.post(url, data).status_code == 302
    assert IndicatorLink.objects.values("child_indicator").distinct().count() == len(selects)
    assert AuditEvent.objects.filter(action="cascade.indicator_links_decided").count() == 1
    assert IndicatorLink.objects.filter(parent_indicator__isnull=False).exists()
    admin = _client(User.objects.create_superuser("quan_tri", "q@example.vn", "pw"))
    rollup = admin.get(f"/ke-hoach/{action_plan.pk}/tien-do-cac-cap/").content.decode()
    assert "Chỉ tiêu tổng hợp từ cấp dưới" in rollup and "chưa có số liệu" in rollup
