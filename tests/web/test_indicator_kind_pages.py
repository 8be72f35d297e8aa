"""The indicator page shows its value kind; those who manage the plan may change it."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from nq57.audit.models import AuditEvent
from nq57.plans.models import Indicator
from tests.conftest import ParsedPlanBuilder, World
from tests.web.test_pages import import_district3

CHANGE = {"value_kind": "ratio", "aggregation": "ratio", "allows_over_100": "on"}


def share_indicator(parsed_plan: ParsedPlanBuilder) -> Indicator:
    """Indicator 1.1 of the published District 3 plan: 'Tỷ lệ sử dụng dịch vụ công …', '%'."""
    return import_district3(parsed_plan).indicators.get(code="1.1")


def kind_fields(indicator: Indicator) -> tuple[str, str, bool, bool]:
    indicator.refresh_from_db()
    return (
        indicator.value_kind,
        indicator.aggregation,
        indicator.allows_over_100,
        indicator.kind_confirmed,
    )


def test_the_url_is_in_vietnamese() -> None:
    assert reverse("web:indicator_kind", args=[7]) == "/chi-tieu/7/loai-so-lieu/"


def test_a_manager_sees_the_kind_and_a_form_to_change_it(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    client.force_login(world.importer)
    html = client.get(f"/chi-tieu/{indicator.pk}/").content.decode()
    assert "<dt>Loại số liệu</dt><dd>Tỷ lệ %" in html
    assert "(hệ thống đề xuất)" in html
    assert "<dt>Cách tổng hợp</dt><dd>Trung bình</dd>" in html
    assert f'action="/chi-tieu/{indicator.pk}/loai-so-lieu/"' in html
    assert '<option value="percent" selected>Tỷ lệ %</option>' in html
    assert '<option value="average" selected>Trung bình</option>' in html


def test_an_officer_sees_the_kind_without_the_form(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    client.force_login(world.d3_officer)
    html = client.get(f"/chi-tieu/{indicator.pk}/").content.decode()
    assert "<dt>Loại số liệu</dt><dd>Tỷ lệ %" in html
    assert "loai-so-lieu/" not in html
    assert "Lưu loại số liệu" not in html


def test_a_manager_changes_the_kind_and_the_change_is_audited(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    client.force_login(world.importer)
    response = client.post(f"/chi-tieu/{indicator.pk}/loai-so-lieu/", CHANGE, follow=True)
    assert response.redirect_chain == [(f"/chi-tieu/{indicator.pk}/", 302)]
    html = response.content.decode()
    assert "Đã lưu loại số liệu và cách tổng hợp của chỉ tiêu." in html
    assert "<dt>Loại số liệu</dt><dd>Tỷ số (tử số/mẫu số) · cho phép vượt 100%" in html
    assert "(đã xác nhận)" in html
    assert "<dt>Cách tổng hợp</dt><dd>Tổng tử số / tổng mẫu số</dd>" in html
    assert kind_fields(indicator) == ("ratio", "ratio", True, True)
    event = AuditEvent.objects.get(action="plans.indicator_kind_set")
    assert (event.actor_id, event.object_id) == (world.importer.pk, str(indicator.pk))
    assert (event.before["value_kind"], event.after["value_kind"]) == ("percent", "ratio")


def test_an_officer_who_reads_the_plan_may_not_change_the_kind(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    before = kind_fields(indicator)
    client.force_login(world.d3_officer)
    response = client.post(f"/chi-tieu/{indicator.pk}/loai-so-lieu/", CHANGE)
    assert response.status_code == 403
    assert kind_fields(indicator) == before == ("percent", "average", False, False)
    assert not AuditEvent.objects.filter(action="plans.indicator_kind_set").exists()


def test_someone_who_cannot_see_the_plan_gets_not_found_and_nothing_changes(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    before = kind_fields(indicator)
    client.force_login(world.cu_chi_officer)
    assert client.post(f"/chi-tieu/{indicator.pk}/loai-so-lieu/", CHANGE).status_code == 404
    assert client.post("/chi-tieu/999999/loai-so-lieu/", CHANGE).status_code == 404
    assert kind_fields(indicator) == before
    assert not AuditEvent.objects.filter(action="plans.indicator_kind_set").exists()


def test_a_combination_that_does_not_fit_is_refused_in_vietnamese(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    before = kind_fields(indicator)
    client.force_login(world.importer)
    url = f"/chi-tieu/{indicator.pk}/loai-so-lieu/"
    response = client.post(url, {"value_kind": "text", "aggregation": "sum"}, follow=True)
    html = response.content.decode()
    assert "Số liệu loại «Văn bản» chỉ tổng hợp theo: «Không tổng hợp»." in html
    response = client.post(url, {"value_kind": "phan-tram", "aggregation": "sum"}, follow=True)
    assert "Loại số liệu không hợp lệ." in response.content.decode()
    assert kind_fields(indicator) == before
    assert not AuditEvent.objects.filter(action="plans.indicator_kind_set").exists()


def test_the_change_is_only_a_post(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    indicator = share_indicator(parsed_plan)
    client.force_login(world.importer)
    assert client.get(f"/chi-tieu/{indicator.pk}/loai-so-lieu/").status_code == 405
