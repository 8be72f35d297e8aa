"""'Việc của đơn vị' and search: scoped by the viewer's units, diacritics ignored."""

from __future__ import annotations

import time_machine
from django.test import Client

from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task

CULTURE = "Phòng Văn hóa, Khoa học và Thông tin"


def _plans(parsed_plan: ParsedPlanBuilder) -> tuple[Plan, Plan]:
    tasks = [
        make_task(number="1", name="Tuyên truyền về chuyển đổi số", lead=CULTURE,
                  coordinating="Phòng Nội vụ", deadline="Quý IV/2025"),
        make_task(number="2", name="Hội thảo khoa học", lead="Phòng Nội vụ",
                  coordinating=CULTURE, deadline="6/2025"),
        make_task(number="3", name="Xây dựng kho dữ liệu", lead="Phòng Tư pháp",
                  coordinating=None, deadline="Thường xuyên"),
    ]  # fmt: skip
    d3 = import_plan(
        parsed_plan(tasks=tasks, indicators=[]),
        source_name="91.docx", source_bytes=b"91", actor=None, publish=True,
    )  # fmt: skip
    cu_chi_draft = import_plan(
        parsed_plan(
            number="3228/KH-UBND",
            issuer="Ủy ban nhân dân huyện Củ Chi",
            tasks=[make_task(number="9", name="Chuyển đổi số bí mật", lead=CULTURE)],
            indicators=[],
        ),
        source_name="3228.docx", source_bytes=b"3228", actor=None,
    )  # fmt: skip
    return d3, cu_chi_draft


NAMES = [
    "Tuyên truyền về chuyển đổi số",
    "Hội thảo khoa học",
    "Xây dựng kho dữ liệu",
    "Chuyển đổi số bí mật",
]


def _task_names(html: str) -> list[tuple[int, str]]:
    """The test tasks shown on the page, in page order."""
    return sorted((html.index(name), name) for name in NAMES if name in html)


@time_machine.travel("2025-05-20 09:00 +0700")
def test_an_officer_sees_the_tasks_of_their_unit_due_first(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    _plans(parsed_plan)
    client.force_login(world.d3_officer)
    html = client.get("/viec-cua-don-vi/").content.decode()
    shown = [name for _, name in _task_names(html)]
    assert shown == ["Hội thảo khoa học", "Tuyên truyền về chuyển đổi số"]  # 30/06 before 31/12
    assert "Chủ trì</span>" in html and "Phối hợp</span>" in html
    html = client.get("/viec-cua-don-vi/?role=lead").content.decode()
    assert [name for _, name in _task_names(html)] == ["Tuyên truyền về chuyển đổi số"]
    html = client.get("/viec-cua-don-vi/?due=90").content.decode()
    assert [name for _, name in _task_names(html)] == ["Hội thảo khoa học"]


def test_search_ignores_diacritics_and_stays_within_visible_plans(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    _plans(parsed_plan)
    client.force_login(world.d3_officer)
    html = client.get("/tim-kiem/?q=chuyen+doi+so").content.decode()
    assert [name for _, name in _task_names(html)] == ["Tuyên truyền về chuyển đổi số"]
    assert "Chuyển đổi số bí mật" not in html  # Củ Chi's draft is not theirs to see
    client.force_login(world.admin)
    html = client.get("/tim-kiem/?q=CHUYỂN ĐỔI").content.decode()
    assert "Chuyển đổi số bí mật" in html


def test_a_person_without_a_unit_is_told_so(world: World, client: Client) -> None:
    client.force_login(world.admin)
    assert "chưa gắn với đơn vị nào" in client.get("/viec-cua-don-vi/").content.decode()


def test_the_pages_need_sign_in(client: Client) -> None:
    for url in ("/viec-cua-don-vi/", "/tim-kiem/?q=a"):
        assert client.get(url).status_code == 302


def test_an_officer_sees_the_indicators_of_their_unit_and_filters_by_section(
    world: World, client: Client, parsed_plan: ParsedPlanBuilder
) -> None:
    tasks = [
        make_task(number="1", name="Nhiệm vụ mục một", lead=CULTURE, section="I"),
        make_task(number="1", name="Nhiệm vụ mục hai", lead=CULTURE, section="II",
                  section_title="Phát triển hạ tầng số"),
    ]  # fmt: skip
    indicators = [
        make_indicator(code="1.1", name="Tỷ lệ hồ sơ trực tuyến", lead=CULTURE),
        make_indicator(code="1.2", name="Số doanh nghiệp số", lead="Phòng Tư pháp"),
    ]
    plan = import_plan(
        parsed_plan(tasks=tasks, indicators=indicators),
        source_name="x", source_bytes=b"x", actor=None, publish=True,
    )  # fmt: skip
    client.force_login(world.d3_officer)
    html = client.get("/viec-cua-don-vi/").content.decode()
    assert "Tỷ lệ hồ sơ trực tuyến" in html and "Số doanh nghiệp số" not in html
    section = plan.sections.get(code="II")
    html = client.get(f"/viec-cua-don-vi/?plan={plan.pk}&section={section.pk}").content.decode()
    assert "Nhiệm vụ mục hai" in html and "Nhiệm vụ mục một" not in html
    assert "Phát triển hạ tầng số" in html  # the section is offered in the filter
