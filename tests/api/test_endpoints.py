"""What each endpoint returns: fields, filters, search without diacritics, pagination."""

from __future__ import annotations

import pytest

from nq57.orgs.models import Unit
from nq57.plans.models import Indicator, Section, Task
from tests.api.conftest import Plans, ids
from tests.conftest import World


def task_ids(**where: object) -> set[int]:
    return set(Task.objects.filter(**where).values_list("pk", flat=True))


# ---- units ----


def test_it_describes_a_unit_with_its_parent_and_aliases(world: World, api_as) -> None:
    status, body = api_as("admin").get(f"/api/units/{world.dost.pk}")
    assert status == 200
    assert body == {
        "id": world.dost.pk,
        "name": "Sở Khoa học và Công nghệ",
        "short_name": "",
        "level": "department",
        "status": "confirmed",
        "parent": {"id": world.hcmc_ppc.pk, "name": "Ủy ban nhân dân Thành phố Hồ Chí Minh"},
        "is_collective": False,
        "valid_from": None,
        "valid_to": None,
        "children_count": 0,
        "aliases": ["Sở KH&CN"],
    }


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"root": "true"}, {"Thành phố Hồ Chí Minh"}),
        ({"level": "city"}, {"Thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh"}),
        ({"q": "uy ban nhan dan quan 3"}, {"Ủy ban nhân dân Quận 3"}),
        ({"q": "UBND QUẬN 3"}, {"Ủy ban nhân dân Quận 3"}),  # abbreviation expanded
        ({"q": "cu chi"}, {"Huyện Củ Chi", "Ủy ban nhân dân huyện Củ Chi"}),
        ({"q": "Phòng văn hoá"}, {"Phòng Văn hóa, Khoa học và Thông tin"}),  # old tone place
        ({"q": "khong co"}, set()),
    ],
)
def test_it_filters_units(world: World, api_as, params: dict[str, str], names: set[str]) -> None:
    status, body = api_as("admin").get("/api/units", **params)
    assert status == 200
    assert {item["name"] for item in body["items"]} == names


def test_it_lists_a_units_children(world: World, api_as) -> None:
    status, body = api_as("admin").get("/api/units", parent=world.hcmc.pk)
    assert status == 200
    assert [item["name"] for item in body["items"]] == [
        "Huyện Củ Chi",
        "Quận 3",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    ]
    assert [item["children_count"] for item in body["items"]] == [1, 1, 1]


def test_it_lists_units_waiting_for_confirmation(plans: Plans, world: World, api_as) -> None:
    """Units created by imports ('Cần xác nhận') are found by status."""
    status, body = api_as("importer").get("/api/units", status="needs_confirmation")
    waiting = Unit.objects.needing_confirmation().filter(parent=world.d3_ppc)
    assert (status, ids(body)) == (200, set(waiting.values_list("pk", flat=True)))
    assert "Phòng Tư pháp" in {item["name"] for item in body["items"]}


# ---- plans and sections ----


def test_it_describes_a_plan_with_counts_and_references(plans: Plans, world: World, api_as):
    status, body = api_as("admin").get(f"/api/plans/{plans.district3.pk}")
    assert status == 200
    assert {key: body[key] for key in ("number", "issue_date", "level", "status")} == {
        "number": "91/KH-UBND",
        "issue_date": "2025-03-24",
        "level": "district",
        "status": "published",
    }
    assert body["issuer"] == {"id": world.d3_ppc.pk, "name": "Ủy ban nhân dân Quận 3"}
    assert (body["task_count"], body["indicator_count"]) == (3, 2)
    assert body["source_name"] == "91.docx"
    assert body["references"] == [
        {"number": "57-NQ/TW", "plan_id": None},
        {"number": "1413/KH-UBND", "plan_id": plans.city.pk},
    ]


def test_a_cited_plan_is_linked_only_for_those_who_may_read_it(plans: Plans, api_as) -> None:
    status, body = api_as("d3_officer").get(f"/api/plans/{plans.district3.pk}")
    assert status == 200
    assert body["references"][1] == {"number": "1413/KH-UBND", "plan_id": None}


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({"level": "city"}, {"city"}),
        ({"status": "draft"}, {"district3_draft", "cu_chi_draft"}),
        ({"q": "trien khai chuong trinh"}, {"district3"}),
        ({"q": "TRIỂN KHAI"}, {"district3"}),
        ({"q": "1413"}, {"city"}),
        ({"q": "91/kh-ubnd"}, {"district3"}),
        ({"q": "Kế hoạch số 91/KH-UBND"}, {"district3"}),  # the number written in a sentence
        ({"q": "du thao 2026"}, {"district3_draft"}),
        ({"q": "chuyen doi so cu chi"}, {"cu_chi_draft"}),
        ({"q": "khong co"}, set()),
    ],
)
def test_it_filters_plans(plans: Plans, api_as, params: dict[str, str], names: set[str]) -> None:
    status, body = api_as("admin").get("/api/plans", **params)
    assert (status, ids(body)) == (200, plans.named(*names))


def test_it_filters_plans_by_issuer(plans: Plans, world: World, api_as) -> None:
    status, body = api_as("admin").get("/api/plans", issuer=world.d3_ppc.pk)
    assert (status, ids(body)) == (200, plans.named("district3", "district3_draft"))


def test_it_lists_a_plans_sections_with_counts(plans: Plans, api_as) -> None:
    status, body = api_as("d3_officer").get(f"/api/plans/{plans.district3.pk}/sections")
    assert status == 200
    rows = [
        (s["appendix"], s["code"], s["kind"], s["task_count"], s["indicator_count"])
        for s in body["items"]
    ]
    assert rows == [
        ("Phụ lục I", "I", "indicators", 0, 2),
        ("Phụ lục II", "I", "tasks", 2, 0),
        ("Phụ lục II", "II", "tasks", 1, 0),
    ]
    status, body = api_as("d3_officer").get(
        f"/api/plans/{plans.district3.pk}/sections", kind="tasks"
    )
    assert [s["code"] for s in body["items"]] == ["I", "II"]


# ---- tasks ----


def test_it_describes_a_task(plans: Plans, world: World, api_as) -> None:
    task = Task.objects.get(plan=plans.district3, order=1)
    status, body = api_as("d3_officer").get(f"/api/tasks/{task.pk}")
    assert status == 200
    assert body["plan_id"] == plans.district3.pk
    assert body["section_id"] == task.section_id
    assert (body["number"], body["name"]) == (
        "1",
        "Ban hành chương trình tuyên truyền về nội dung Nghị quyết 57-NQ/TW.",
    )
    assert (body["deadline_raw"], body["deadline_kind"], body["deadline_due"]) == (
        "6/2025",
        "period_end",
        "2025-06-30",
    )
    assert [(a["unit"]["name"], a["role"]) for a in body["assignments"]] == [
        ("Phòng Văn hóa, Khoa học và Thông tin", "lead"),
        ("Phòng Nội vụ", "coordinating"),
    ]
    assert body["assignments"][0]["unit"]["id"] == world.d3_culture.pk
    assert body["source"] == {
        "appendix": "Phụ lục II",
        "row": 1,
        "line_start": 120,
        "line_end": 124,
    }


@pytest.mark.parametrize(
    ("params", "orders"),
    [
        ({}, [1, 2, 3]),
        ({"role": "lead"}, [1]),
        ({"role": "coordinating"}, [3]),
        ({"deadline_kind": "ongoing"}, [3]),
        ({"deadline_kind": "period_end"}, [1, 2]),
        ({"due_after": "2025-07-01"}, [2]),
        ({"due_before": "2025-06-30"}, [1]),  # the due day itself counts
        ({"due_after": "2025-06-30", "due_before": "2025-12-31"}, [1, 2]),
        ({"q": "tuyen truyen"}, [1, 2]),  # task 2's output is 'Chương trình tuyên truyền'
        ({"q": "ban hanh tuyen truyen"}, [1]),  # every word, in any order
        ({"q": "CHUYỂN ĐỔI số"}, [3]),
        ({"q": "dich vu cong truc tuyen"}, [2]),
    ],
)
def test_it_filters_tasks(
    plans: Plans, world: World, api_as, params: dict[str, str], orders: list[int]
) -> None:
    query = {"plan": plans.district3.pk, **params}
    if "role" in params:
        query["unit"] = world.d3_culture.pk
    status, body = api_as("d3_officer").get("/api/tasks", **query)
    assert status == 200
    assert [item["order"] for item in body["items"]] == orders


def test_it_filters_tasks_by_unit_and_section(plans: Plans, world: World, api_as) -> None:
    client = api_as("admin")
    status, body = client.get("/api/tasks", unit=world.d3_culture.pk)
    expected = task_ids(assignments__unit=world.d3_culture)
    assert (status, ids(body)) == (200, expected)
    assert len(expected) == 3  # tasks 1 and 3 of Quận 3, the task of the draft
    section = Section.objects.get(plan=plans.district3, code="II", kind="tasks")
    status, body = client.get("/api/tasks", section=section.pk)
    assert (status, ids(body)) == (200, task_ids(section=section))


def test_it_pages_through_tasks_with_the_total(plans: Plans, api_as) -> None:
    client = api_as("admin")
    everything = [t["id"] for t in client.get("/api/tasks")[1]["items"]]
    assert len(everything) == 6
    status, body = client.get("/api/tasks", limit=2, offset=3)
    assert status == 200
    assert (body["total"], body["limit"], body["offset"]) == (6, 2, 3)
    assert [t["id"] for t in body["items"]] == everything[3:5]
    status, body = client.get("/api/tasks", limit=2, offset=6)
    assert (body["total"], body["items"]) == (6, [])


# ---- indicators ----


def test_it_describes_an_indicator_with_its_targets(plans: Plans, api_as) -> None:
    indicator = Indicator.objects.get(plan=plans.district3, code="1.1")
    status, body = api_as("d3_officer").get(f"/api/indicators/{indicator.pk}")
    assert status == 200
    assert (body["name"], body["measure_unit"], body["group"]) == (
        "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
        "%",
        "I Đến năm 2030",
    )
    assert [(t["milestone"], t["comparator"], t["value"], t["raw"]) for t in body["targets"]] == [
        ("2025", "ge", "60", "≥ 60"),
        ("2030", "ge", "80", "≥ 80"),
    ]
    assert [a["role"] for a in body["assignments"]] == ["lead", "coordinating", "coordinating"]


def test_it_keeps_decimals_and_qualitative_targets_exact(plans: Plans, api_as) -> None:
    client = api_as("admin")
    status, body = client.get("/api/indicators", plan=plans.city.pk)
    assert status == 200
    assert [(t["value"], t["measure_unit"]) for t in body["items"][0]["targets"]] == [("1.5", "%")]
    status, body = client.get("/api/indicators", plan=plans.district3.pk, q="ha tang so")
    assert status == 200
    target = body["items"][0]["targets"][0]
    assert (target["comparator"], target["value"], target["qualitative_text"]) == (
        "qualitative",
        None,
        "Tiên tiến, hiện đại",
    )


def test_it_filters_indicators_by_unit_and_role(plans: Plans, world: World, api_as) -> None:
    client = api_as("d3_officer")
    status, body = client.get("/api/indicators", unit=world.d3_culture.pk, role="lead")
    assert (status, [i["code"] for i in body["items"]]) == (200, ["1.2"])
    status, body = client.get("/api/indicators", unit=world.d3_culture.pk, role="coordinating")
    assert (status, body["items"]) == (200, [])
