"""The permission matrix: each person of the world × each resource of the API.

Allowed cases answer 200 with exactly the rows the person may read; denied cases answer 404
(never 403) without a trace of the hidden object; anonymous callers get 401 and no data.
A report the person may read but not write is refused with 403, and nothing changes.
"""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Membership, Unit, User
from nq57.plans.models import Indicator, Plan, Section, Task
from nq57.reporting.models import Submission, TaskUpdate
from tests.api.conftest import PEOPLE, READS, ApiClient, Plans, ids
from tests.conftest import World
from tests.reporting.conftest import Reporting

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


# ---- reporting (the plan, people and reports of tests/reporting/conftest.py) ----

REPORTERS = [*PEOPLE, "ward_officer", "ward_head"]

# Whose reports each person reads, and writes (the unit's officers and heads; administrators).
REPORTS_READ: dict[str, set[str]] = {
    "admin": {"culture", "ward"},
    "city_reviewer": {"culture", "ward"},  # leader of the city: everything below it
    "importer": {"culture", "ward"},  # standing office that issued the plan
    "d3_officer": {"culture"},
    "cu_chi_officer": set(),
    "ward_officer": {"ward"},
    "ward_head": {"ward"},
}
REPORTS_WRITTEN: dict[str, set[str]] = {
    "admin": {"culture", "ward"},
    "d3_officer": {"culture"},
    "ward_officer": {"ward"},
    "ward_head": {"ward"},
}


def _person(reporting: Reporting, name: str) -> User:
    found = getattr(reporting, name, None) or getattr(reporting.world, name)
    assert isinstance(found, User)
    return found


def _reports(reporting: Reporting) -> dict[str, Submission]:
    return {
        "culture": reporting.submission(reporting.world.d3_culture),
        "ward": reporting.submission(reporting.ward),
    }


@pytest.mark.parametrize("person", REPORTERS)
def test_it_lists_and_shows_exactly_the_reports_each_person_reads(
    reporting: Reporting, person: str
) -> None:
    client = Client()
    client.force_login(_person(reporting, person))
    api = ApiClient(client)
    reports = _reports(reporting)
    units = [reports[name].unit_id for name in REPORTS_READ[person]]
    expected = set(Submission.objects.filter(unit_id__in=units).values_list("pk", flat=True))
    assert len(expected) == 2 * len(units)  # both periods
    status, body = api.get("/api/submissions")
    assert (status, ids(body)) == (200, expected)
    for name, report in reports.items():
        status, body = api.get(f"/api/submissions/{report.pk}")
        if name in REPORTS_READ[person]:
            assert (status, body["unit"]["id"]) == (200, report.unit_id)
        else:
            assert (status, body["error"]["code"]) == (404, "not_found")
            assert report.unit.name not in json.dumps(body, ensure_ascii=False)


@pytest.mark.parametrize("person", REPORTERS)
def test_only_a_units_people_write_its_report_and_a_refusal_changes_nothing(
    reporting: Reporting, person: str
) -> None:
    client = Client()
    client.force_login(_person(reporting, person))
    api = ApiClient(client)
    tasks = {"culture": reporting.task1, "ward": reporting.task2}
    with time_machine.travel(datetime(2025, 5, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        for name, report in _reports(reporting).items():
            line = {"task_id": tasks[name].pk, "lifecycle": "in_progress", "done": person}
            status, body = api.put(
                f"/api/submissions/{report.pk}", {"revision": 0, "tasks": [line]}
            )
            after = Submission.objects.get(pk=report.pk)
            if name in REPORTS_WRITTEN.get(person, set()):
                assert (status, after.revision) == (200, 1)
                continue
            expected = 403 if name in REPORTS_READ[person] else 404
            assert (status, body["error"]["code"]) == (
                expected,
                "forbidden" if expected == 403 else "not_found",
            )
            assert (after.status, after.revision) == ("not_started", 0)
            assert not TaskUpdate.objects.filter(submission=report).exists()
