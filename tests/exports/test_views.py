"""Downloads at /ke-hoach/<id>/xuat.json and /xuat.xlsx: scoped like the plan page, audited."""

from __future__ import annotations

import io
import json

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from nq57.audit.models import AuditEvent
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, World
from tests.exports.helpers import district3_plan

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def two_plans(parsed_plan: ParsedPlanBuilder) -> dict[str, Plan]:
    """Quận 3's published 91/KH-UBND (assigns Phòng Văn hóa…) and its draft 92/KH-UBND."""
    return {
        "published": district3_plan(parsed_plan),
        "draft": district3_plan(parsed_plan, publish=False, number="92/KH-UBND"),
    }


def test_the_url_names_give_the_download_paths() -> None:
    assert reverse("web:plan_export_json", args=[7]) == "/ke-hoach/7/xuat.json"
    assert reverse("web:plan_export_xlsx", args=[7]) == "/ke-hoach/7/xuat.xlsx"


def test_it_downloads_the_json_with_its_file_names_and_audits_it(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    client.force_login(world.d3_officer)
    response = client.get(f"/ke-hoach/{plan.pk}/xuat.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="ke-hoach-91-KH-UBND.json"; '
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2091-KH-UBND.json"
    )
    assert response["Cache-Control"] == "private, no-store"
    data = json.loads(response.content)
    assert (data["document"]["id"], len(data["tasks"]), len(data["indicators"])) == (plan.pk, 2, 2)
    event = AuditEvent.objects.get(action="exports.plan_exported")
    assert (event.actor_id, event.object_id) == (world.d3_officer.pk, str(plan.pk))
    assert event.after == {"format": "json", "bytes": len(response.content)}


def test_it_downloads_the_xlsx_and_audits_it(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    client.force_login(world.importer)
    response = client.get(f"/ke-hoach/{plan.pk}/xuat.xlsx")
    assert (response.status_code, response["Content-Type"]) == (200, XLSX)
    assert response["Content-Disposition"] == (
        'attachment; filename="ke-hoach-91-KH-UBND.xlsx"; '
        "filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%2091-KH-UBND.xlsx"
    )
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Thông tin"]
    event = AuditEvent.objects.get(action="exports.plan_exported")
    assert (event.actor_id, event.after["format"]) == (world.importer.pk, "xlsx")


@pytest.mark.parametrize(
    ("person", "may_export"),
    [
        ("admin", {"published", "draft"}),
        ("city_reviewer", {"published", "draft"}),  # leader of the whole city: drafts too
        ("importer", {"published", "draft"}),  # standing office of Ủy ban nhân dân Quận 3
        ("d3_officer", {"published"}),  # its office leads a task; never a draft
        ("cu_chi_officer", set()),  # another district: nothing of Quận 3
    ],
)
def test_each_person_exports_exactly_the_plans_they_may_read(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder, person: str, may_export: set[str]
) -> None:
    plans = two_plans(parsed_plan)
    client.force_login(getattr(world, person))
    for name, plan in plans.items():
        for suffix in ("json", "xlsx"):
            before = AuditEvent.objects.count()
            response = client.get(f"/ke-hoach/{plan.pk}/xuat.{suffix}")
            allowed = name in may_export
            assert response.status_code == (200 if allowed else 404), (name, suffix)
            assert AuditEvent.objects.count() == before + (1 if allowed else 0)


def test_a_404_leaks_nothing_and_records_nothing(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    draft = district3_plan(parsed_plan, publish=False)
    client.force_login(world.cu_chi_officer)
    before = AuditEvent.objects.count()
    response = client.get(f"/ke-hoach/{draft.pk}/xuat.json")
    assert response.status_code == 404
    assert "91/KH-UBND" not in response.content.decode()
    assert "Content-Disposition" not in response
    assert client.get(f"/ke-hoach/{draft.pk + 100}/xuat.xlsx").status_code == 404
    assert AuditEvent.objects.count() == before


def test_anonymous_visitors_are_sent_to_login_and_nothing_is_recorded(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    before = AuditEvent.objects.count()
    response = client.get(f"/ke-hoach/{plan.pk}/xuat.xlsx")
    assert (response.status_code, response["Location"]) == (
        302,
        f"/dang-nhap/?next=/ke-hoach/{plan.pk}/xuat.xlsx",
    )
    assert AuditEvent.objects.count() == before


def test_only_get_is_allowed(world: World, client: Client, parsed_plan: ParsedPlanBuilder) -> None:
    plan = district3_plan(parsed_plan)
    client.force_login(world.admin)
    before = AuditEvent.objects.count()
    assert client.post(f"/ke-hoach/{plan.pk}/xuat.json").status_code == 405
    assert AuditEvent.objects.count() == before
