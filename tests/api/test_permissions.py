"""The permission matrix: each person of the world × each resource of the API.

Allowed cases answer 200 with exactly the rows the person may read; denied cases answer 404
(never 403) without a trace of the hidden object; anonymous callers get 401 and no data.
"""

from __future__ import annotations

import json

import pytest

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Membership, Unit, User
from nq57.plans.models import Indicator, Plan, Section, Task
from tests.api.conftest import PEOPLE, READS, Plans, ids
from tests.conftest import World

PLAN_NAMES = ["city", "district3", "district3_draft", "cu_chi_draft"]


def units_seen_by(person: str, world: World) -> set[int]:
    """The units each person may see: what their roles reach, and the units above."""
    everything = set(Unit.objects.values_list("pk", flat=True))
    below_d3_ppc = set(Unit.objects.filter(parent=world.d3_ppc).values_list("pk", flat=True))
    return {
        "admin": everything,
        "city_reviewer": everything,  # leader of the city: the whole tree below it
        "importer": {world.hcmc.pk, world.district3.pk, world.d3_ppc.pk} | below_d3_ppc,
        "d3_officer": {world.hcmc.pk, world.district3.pk, world.d3_ppc.pk, world.d3_culture.pk},
        "cu_chi_officer": {world.hcmc.pk, world.cu_chi.pk, world.cu_chi_ppc.pk},
    }[person]


def rows_of(model: type[Task] | type[Indicator], plan_ids: set[int]) -> set[int]:
    return set(model.objects.filter(plan_id__in=plan_ids).values_list("pk", flat=True))


def plan_paths(plan: Plan) -> list[str]:
    """Every address under which something of `plan` can be read."""
    paths = [f"/api/plans/{plan.pk}", f"/api/plans/{plan.pk}/sections"]
    paths += [f"/api/tasks/{pk}" for pk in plan.tasks.values_list("pk", flat=True)]
    paths += [f"/api/indicators/{pk}" for pk in plan.indicators.values_list("pk", flat=True)]
    return paths


@pytest.mark.parametrize("person", PEOPLE)
def test_it_lists_exactly_the_plans_and_their_rows_each_person_reads(
    plans: Plans, api_as, person: str
) -> None:
    client = api_as(person)
    readable = plans.named(*READS[person])
    status, body = client.get("/api/plans")
    assert (status, ids(body), body["total"]) == (200, readable, len(readable))
    status, body = client.get("/api/tasks", limit=500)
    assert (status, ids(body)) == (200, rows_of(Task, readable))
    status, body = client.get("/api/indicators", limit=500)
    assert (status, ids(body)) == (200, rows_of(Indicator, readable))


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("plan_name", PLAN_NAMES)
def test_a_plan_and_everything_in_it_is_readable_exactly_when_the_plan_is(
    plans: Plans, api_as, person: str, plan_name: str
) -> None:
    plan: Plan = getattr(plans, plan_name)
    client = api_as(person)
    allowed = plan_name in READS[person]
    for path in plan_paths(plan):
        status, body = client.get(path)
        if allowed:
            assert status == 200, path
        else:
            assert (status, body["error"]["code"]) == (404, "not_found"), path
            assert_nothing_of(plan, body)


def assert_nothing_of(plan: Plan, body: dict[str, object]) -> None:
    text = json.dumps(body, ensure_ascii=False)
    assert plan.number is not None
    assert plan.number not in text
    assert plan.title not in text
    for task in plan.tasks.all():
        assert task.name not in text


@pytest.mark.parametrize("person", PEOPLE)
def test_a_hidden_plans_rows_never_appear_through_filters(
    plans: Plans, api_as, person: str
) -> None:
    client = api_as(person)
    for name in set(PLAN_NAMES) - READS[person]:
        plan = getattr(plans, name)
        for path in ("/api/tasks", "/api/indicators"):
            status, body = client.get(path, plan=plan.pk)
            assert (status, body["total"], body["items"]) == (200, 0, [])
        for section in Section.objects.filter(plan=plan):
            status, body = client.get("/api/tasks", section=section.pk)
            assert (status, body["total"]) == (200, 0)
        status, body = client.get("/api/plans", issuer=plan.issuer_id, status=plan.status)
        assert plan.pk not in ids(body)


@pytest.mark.parametrize("person", PEOPLE)
def test_it_lists_exactly_the_units_each_person_may_see(
    plans: Plans, world: World, api_as, person: str
) -> None:
    expected = units_seen_by(person, world)
    status, body = api_as(person).get("/api/units", limit=500)
    assert (status, ids(body), body["total"]) == (200, expected, len(expected))


@pytest.mark.parametrize("person", PEOPLE)
def test_a_unit_outside_ones_reach_is_not_found(
    plans: Plans, world: World, api_as, person: str
) -> None:
    client = api_as(person)
    visible = units_seen_by(person, world)
    for unit in Unit.objects.all():
        status, body = client.get(f"/api/units/{unit.pk}")
        if unit.pk in visible:
            assert (status, body["name"]) == (200, unit.name)
        else:
            assert (status, body["error"]["code"]) == (404, "not_found")
            assert unit.name not in json.dumps(body, ensure_ascii=False)


def test_children_are_counted_only_when_visible(world: World, api_as) -> None:
    """Quận 3's officer sees only Quận 3 under the city (not its People's Committee nor Củ
    Chi): the city counts one child for them, three for the administrator."""
    status, body = api_as("d3_officer").get(f"/api/units/{world.hcmc.pk}")
    assert (status, body["children_count"]) == (200, 1)
    status, body = api_as("admin").get(f"/api/units/{world.hcmc.pk}")
    assert (status, body["children_count"]) == (200, 3)


def test_an_upper_level_reads_published_plans_below_it_but_not_drafts(
    plans: Plans, api_as, world: World
) -> None:
    upper = User.objects.create_user("upper")
    Membership.objects.create(user=upper, unit=world.hcmc, role=Membership.Role.UPPER_LEVEL)
    client = api_as(None)
    client.client.force_login(upper)
    status, body = client.get("/api/plans")
    assert (status, ids(body)) == (200, plans.named("city", "district3"))
    status, body = client.get(f"/api/plans/{plans.district3_draft.pk}")
    assert status == 404


def test_a_deactivated_account_is_turned_away(plans: Plans, api_as, world: World) -> None:
    client = api_as("city_reviewer")
    User.objects.filter(pk=world.city_reviewer.pk).update(is_active=False)
    status, body = client.get("/api/plans")
    assert (status, body["error"]["code"]) == (401, "unauthenticated")


def test_anonymous_callers_get_401_everywhere_and_no_data(
    plans: Plans, world: World, api_as
) -> None:
    client = api_as(None)
    audit_rows = AuditEvent.objects.count()
    paths = ["/api/units", f"/api/units/{world.hcmc.pk}", "/api/plans", "/api/tasks"]
    paths += ["/api/indicators", *plan_paths(plans.district3)]
    for path in paths:
        status, body = client.get(path)
        assert (status, list(body), body["error"]["code"]) == (401, ["error"], "unauthenticated")
    assert AuditEvent.objects.count() == audit_rows


def test_writes_are_refused_and_change_nothing(plans: Plans, api_as) -> None:
    client = api_as("admin").client
    before = Plan.objects.get(pk=plans.district3.pk)
    for method in (client.post, client.put, client.patch, client.delete):
        response = method(f"/api/plans/{plans.district3.pk}", {"title": "x"})
        assert response.status_code == 405
        assert response.json()["error"]["code"] == "method_not_allowed"
    after = Plan.objects.get(pk=plans.district3.pk)
    assert (after.title, after.status, after.number) == (before.title, before.status, before.number)
