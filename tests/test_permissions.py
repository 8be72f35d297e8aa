"""The permission matrix: each person × resource × action, enforced on the server.

Allowed cases succeed; denied ones answer 404 (or 403 where the page itself is refused, or the
login page for anonymous visitors) and change nothing: no row, no audit event.
People and their access are those of `tests.conftest.World`.
"""

from __future__ import annotations

import pytest
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Unit
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task

PEOPLE = ["admin", "city_reviewer", "importer", "d3_officer", "cu_chi_officer", "anonymous"]
# Who reads each plan (the Quận 3 plan is published and assigns Quận 3's culture office a task;
# the Củ Chi plan is a draft).
READS = {
    "d3": {"admin", "city_reviewer", "importer", "d3_officer"},
    "cu_chi_draft": {"admin", "city_reviewer"},
}
PLAN_PAGES = ["", "tep-goc/", "ban-in/", "xuat.json", "xuat.xlsx"]


@pytest.fixture
def plans(world: World, parsed_plan: ParsedPlanBuilder) -> dict[str, Plan]:
    d3 = import_plan(
        parsed_plan(tasks=[make_task()], indicators=[make_indicator()]),
        source_name="91.docx", source_bytes=b"91", actor=None, publish=True,
    )  # fmt: skip
    cu_chi = import_plan(
        parsed_plan(
            number="3228/KH-UBND",
            issuer="Ủy ban nhân dân huyện Củ Chi",
            tasks=[make_task(lead="Phòng Nội vụ")],
            indicators=[make_indicator()],
        ),
        source_name="3228.docx", source_bytes=b"3228", actor=None,
    )  # fmt: skip
    return {"d3": d3, "cu_chi_draft": cu_chi}


def _client(world: World, person: str) -> Client:
    client = Client()
    if person != "anonymous":
        client.force_login(getattr(world, person))
    return client


def _urls(plan: Plan) -> list[str]:
    urls = [f"/ke-hoach/{plan.pk}/{page}" for page in PLAN_PAGES]
    urls.append(f"/nhiem-vu/{plan.tasks.get().pk}/")
    urls.append(f"/chi-tieu/{plan.indicators.get().pk}/")
    return urls


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["d3", "cu_chi_draft"])
def test_view_and_export(world: World, plans: dict[str, Plan], person: str, which: str):
    client = _client(world, person)
    events = AuditEvent.objects.count()
    allowed = person in READS[which]
    for url in _urls(plans[which]):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        elif person == "anonymous":
            assert response.status_code == 302 and "/dang-nhap/" in response["Location"], url
        else:
            assert response.status_code == 404, url
    exported = AuditEvent.objects.count() - events
    assert exported == (2 if allowed else 0)  # JSON and XLSX downloads are audited


@pytest.mark.parametrize("person", PEOPLE)
def test_plan_list_shows_exactly_the_readable_plans(world: World, plans, person: str):
    response = _client(world, person).get("/")
    if person == "anonymous":
        assert response.status_code == 302
        return
    html = response.content.decode()
    for which, plan in plans.items():
        assert (f"/ke-hoach/{plan.pk}/" in html) == (person in READS[which]), which


MANAGES = {"d3": {"admin", "importer"}, "cu_chi": {"admin"}}


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("which", ["d3", "cu_chi"])
def test_edit_a_unit(world: World, person: str, which: str):
    unit = world.d3_culture if which == "d3" else world.cu_chi_ppc
    before = unit.name
    client = _client(world, person)  # signing in is itself audited
    events = AuditEvent.objects.count()
    response = client.post(f"/don-vi/{unit.pk}/doi-ten/", {"name": "Tên mới"})
    unit.refresh_from_db()
    if person in MANAGES[which]:
        assert response.status_code == 302 and unit.name == "Tên mới"
        return
    expected = {"anonymous": 302, "importer": 404, "admin": 302}.get(person, 403)
    assert response.status_code == expected
    assert unit.name == before and AuditEvent.objects.count() == events


@pytest.mark.parametrize("person", PEOPLE)
def test_import_pages(world: World, person: str):
    response = _client(world, person).get("/nhap-ke-hoach/")
    expected = {"admin": 200, "importer": 200, "anonymous": 302}.get(person, 403)
    assert response.status_code == expected


def test_units_of_other_districts_are_invisible_to_a_standing_office(world: World):
    client = _client(world, "importer")
    assert client.get(f"/don-vi/{world.cu_chi_ppc.pk}/").status_code == 404
    assert Unit.objects.filter(pk=world.cu_chi_ppc.pk).exists()


def test_an_officer_of_one_ward_never_sees_another_wards_unpublished_plan(
    world: World, parsed_plan: ParsedPlanBuilder
):
    from nq57.orgs.models import Membership, User

    wards = {}
    for number in ("1", "2"):
        ward = Unit.objects.create(
            name=f"Ủy ban nhân dân Phường {number}", level="commune", parent=world.d3_ppc
        )
        office = User.objects.create_user(f"phuong{number}")
        Membership.objects.create(user=office, unit=ward, role="standing_office")
        officer = User.objects.create_user(f"can_bo_phuong{number}")
        Membership.objects.create(user=officer, unit=ward, role="officer")
        plan = import_plan(
            parsed_plan(
                number=f"{number}/KH-UBND",
                issuer=ward.name,
                tasks=[make_task(lead=ward.name)],
                indicators=[],
            ),
            source_name=f"{number}.docx", source_bytes=number.encode(), actor=None,
        )  # fmt: skip
        wards[number] = (office, officer, plan)
    office1, officer1, plan1 = wards["1"]
    _, _, plan2 = wards["2"]
    for person in (office1, officer1):
        client = Client()
        client.force_login(person)
        assert client.get(f"/ke-hoach/{plan2.pk}/").status_code == 404
        assert client.get(f"/api/plans/{plan2.pk}").status_code == 404
        assert f"/ke-hoach/{plan2.pk}/" not in client.get("/").content.decode()
    office = Client()
    office.force_login(office1)
    assert office.get(f"/ke-hoach/{plan1.pk}/").status_code == 200  # its own draft
