"""Reads on plans: visibility, the detail page's prefetches, task filters."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from nq57.orgs.models import Membership, User
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan, Task
from nq57.plans.queries import plan_detail, plan_list, plans_visible_to
from tests.conftest import ParsedPlanBuilder, World, make_task


def two_plans(parsed_plan: ParsedPlanBuilder) -> tuple[Plan, Plan]:
    """A published District 3 plan and a draft Củ Chi plan."""
    published = import_plan(
        parsed_plan(), source_name="91.docx", source_bytes=b"91", actor=None, publish=True
    )
    draft = import_plan(
        parsed_plan(number="3228/KH-UBND", issuer="Ủy ban nhân dân huyện Củ Chi"),
        source_name="3228.docx",
        source_bytes=b"3228",
        actor=None,
    )
    return published, draft


@pytest.mark.parametrize(
    ("person", "sees"),
    [
        ("admin", {"published", "draft"}),
        ("city_reviewer", {"published", "draft"}),  # leader of the whole city: drafts too
        ("importer", {"published"}),  # standing office of Quận 3: not Củ Chi's draft
        ("d3_officer", {"published"}),  # its office leads a task of the Quận 3 plan
        ("cu_chi_officer", set()),  # not assigned in Quận 3's plan; Củ Chi's is a draft
    ],
)
def test_each_person_sees_the_plans_their_roles_reach(
    world: World, parsed_plan: ParsedPlanBuilder, person: str, sees: set[str]
) -> None:
    published, draft = two_plans(parsed_plan)
    names = {published.pk: "published", draft.pk: "draft"}
    visible = {names[plan.pk] for plan in plans_visible_to(getattr(world, person))}
    assert visible == sees
    assert list(plans_visible_to(AnonymousUser())) == []


def test_an_officer_does_not_see_a_published_plan_that_assigns_their_unit_nothing(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    import_plan(
        parsed_plan(tasks=[make_task(lead="Phòng Tư pháp", coordinating=None)], indicators=[]),
        source_name="x.docx",
        source_bytes=b"x",
        actor=None,
        publish=True,
    )
    assert list(plans_visible_to(world.d3_officer)) == []


def test_an_upper_level_reads_published_plans_below_it_but_not_drafts(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    published, _draft = two_plans(parsed_plan)
    upper = User.objects.create_user("upper")
    Membership.objects.create(user=upper, unit=world.hcmc, role=Membership.Role.UPPER_LEVEL)
    assert list(plans_visible_to(upper)) == [published]


def test_a_deactivated_account_sees_nothing(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    two_plans(parsed_plan)
    world.city_reviewer.is_active = False
    assert list(plans_visible_to(world.city_reviewer)) == []


def test_it_counts_tasks_and_indicators_in_the_list(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    import_plan(
        parsed_plan(tasks=[make_task(number="1"), make_task(number="2")]),
        source_name="91.docx",
        source_bytes=b"91",
        actor=None,
    )
    row = plan_list(world.admin).get()
    assert (row.task_count, row.indicator_count) == (2, 1)


def test_it_loads_a_plan_page_in_a_fixed_number_of_queries(
    world: World, parsed_plan: ParsedPlanBuilder, django_assert_num_queries
) -> None:
    published, _ = two_plans(parsed_plan)
    with django_assert_num_queries(8):
        plan = plan_detail(published.pk)
        for task in plan.tasks.all():
            [a.unit.name for a in task.assignments.all()]
        for indicator in plan.indicators.all():
            [t.raw for t in indicator.targets.all()]
            [a.unit.name for a in indicator.assignments.all()]
        [r.resolved_plan for r in plan.references.all()]
        [s.title for s in plan.sections.all()]
        assert plan.issuer.name == "Ủy ban nhân dân Quận 3"


def test_it_filters_tasks_by_unit_and_due_date(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    tasks = [
        make_task(number="1", deadline="6/2025"),
        make_task(number="2", deadline="Quý IV/2025", lead="Phòng Tư pháp", coordinating=None),
        make_task(
            number="3",
            deadline="Thường xuyên",
            lead="Phòng Tư pháp",
            coordinating="Phòng Văn hóa, Khoa học và Thông tin",
        ),
    ]
    import_plan(parsed_plan(tasks=tasks), source_name="91", source_bytes=b"91", actor=None)
    numbers = lambda qs: sorted(qs.values_list("number", flat=True))  # noqa: E731
    assert numbers(Task.objects.led_by(world.d3_culture)) == ["1"]
    assert numbers(Task.objects.involving(world.d3_culture)) == ["1", "3"]
    assert numbers(Task.objects.due_between(date(2025, 7, 1), date(2025, 12, 31))) == ["2"]
    assert numbers(Task.objects.due_between(date(2025, 1, 1), date(2025, 12, 31))) == ["1", "2"]
