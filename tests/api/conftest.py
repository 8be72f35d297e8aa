"""Plans in the named world, and clients calling the API as its people.

Plans (imported as a standing office would) and who may read them (see tests/conftest.py):
- `city`: published, issued by Ủy ban nhân dân Thành phố Hồ Chí Minh; Sở Khoa học và Công nghệ
  leads its task and indicator, Ủy ban nhân dân huyện Củ Chi coordinates the task —
  admin, city_reviewer, cu_chi_officer.
- `district3`: published, issued by Ủy ban nhân dân Quận 3 (cites the city plan); Phòng Văn hóa,
  Khoa học và Thông tin leads task 1 and indicator 1.2 and coordinates task 3 —
  admin, city_reviewer, importer, d3_officer.
- `district3_draft`: a draft of Quận 3 assigning Phòng Văn hóa, Khoa học và Thông tin —
  admin, city_reviewer, importer (never d3_officer: drafts are not for unit officers).
- `cu_chi_draft`: a draft of Củ Chi — admin, city_reviewer (not cu_chi_officer).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client

from nq57.orgs.names import normalize_unit_name
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan
from tests.conftest import ParsedPlanBuilder, World, make_indicator, make_task
from tests.reporting.conftest import reporting  # noqa: F401 (a District 3 plan with periods)

D3_CULTURE = "Phòng Văn hóa, Khoa học và Thông tin"

PEOPLE = ["admin", "city_reviewer", "importer", "d3_officer", "cu_chi_officer"]


@dataclass
class Plans:
    city: Plan
    district3: Plan
    district3_draft: Plan
    cu_chi_draft: Plan

    def named(self, *names: str) -> set[int]:
        return {getattr(self, name).pk for name in names}


# Which plans each person of the world reads (see the module docstring).
READS: dict[str, set[str]] = {
    "admin": {"city", "district3", "district3_draft", "cu_chi_draft"},
    "city_reviewer": {"city", "district3", "district3_draft", "cu_chi_draft"},
    "importer": {"district3", "district3_draft"},
    "d3_officer": {"district3"},
    "cu_chi_officer": {"city"},
}


def _import(parsed: Any, name: str, *, publish: bool, **kwargs: Any) -> Plan:
    return import_plan(
        parsed, source_name=name, source_bytes=name.encode(), actor=None, publish=publish, **kwargs
    )


def district3_tasks() -> list[Any]:
    return [
        make_task(number="1", lead=D3_CULTURE, coordinating="Phòng Nội vụ", deadline="6/2025"),
        make_task(
            number="2",
            name="Rà soát thủ tục hành chính để cung cấp dịch vụ công trực tuyến toàn trình.",
            lead="Phòng Tư pháp",
            coordinating=None,
            deadline="Quý IV/2025",
        ),
        make_task(
            number="1",
            section="II",
            section_title="Hoàn thiện thể chế",
            name="Tổ chức chuyển đổi số trong các cơ quan.",
            lead="Phòng Tư pháp",
            coordinating=D3_CULTURE,
            deadline="Thường xuyên",
            output="",
        ),
    ]


def district3_indicators() -> list[Any]:
    return [
        make_indicator(),
        make_indicator(
            code="1.2",
            name="Mức độ hiện đại của hạ tầng số",
            unit="Thứ bậc",
            targets={"2030": "Tiên tiến, hiện đại"},
            lead=D3_CULTURE,
        ),
    ]


@pytest.fixture
def plans(world: World, parsed_plan: ParsedPlanBuilder) -> Plans:
    city = _import(
        parsed_plan(
            number="1413/KH-UBND",
            issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh",
            level="city",
            title="Kế hoạch thực hiện Nghị quyết 57-NQ/TW của thành phố",
            tasks=[
                make_task(
                    name="Xây dựng nền tảng dữ liệu số dùng chung của thành phố.",
                    lead="Sở Khoa học và Công nghệ",
                    coordinating="Ủy ban nhân dân huyện Củ Chi",
                    deadline="2026",
                )
            ],
            indicators=[make_indicator(lead="Sở KH&CN", targets={"2030": "≥ 1,5%"})],
        ),
        "1413.docx",
        publish=True,
        units={normalize_unit_name("Ủy ban nhân dân huyện Củ Chi"): world.cu_chi_ppc},
    )
    district3 = _import(
        parsed_plan(
            tasks=district3_tasks(),
            indicators=district3_indicators(),
            bases=["57-NQ/TW", "1413/KH-UBND"],
        ),
        "91.docx",
        publish=True,
    )
    district3_draft = _import(
        parsed_plan(number="92/KH-UBND", title="Dự thảo kế hoạch năm 2026", indicators=[]),
        "92.docx",
        publish=False,
    )
    cu_chi_draft = _import(
        parsed_plan(
            number="3228/KH-UBND",
            issuer="Ủy ban nhân dân huyện Củ Chi",
            title="Kế hoạch chuyển đổi số huyện Củ Chi",
            tasks=[make_task(lead="Ủy ban nhân dân huyện Củ Chi", coordinating=None)],
        ),
        "3228.docx",
        publish=False,
    )
    return Plans(city, district3, district3_draft, cu_chi_draft)


class ApiClient:
    """Calls the API with `headers` (e.g. a token) and decodes the JSON answer."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None) -> None:
        self.client = client
        self.headers = headers or {}

    def get(self, path: str, **params: Any) -> tuple[int, Any]:
        response = self.client.get(path, params, headers=self.headers)
        return response.status_code, json.loads(response.content)

    def post(self, path: str, body: Any = None) -> tuple[int, Any]:
        return self._send(self.client.post, path, body)

    def put(self, path: str, body: Any) -> tuple[int, Any]:
        return self._send(self.client.put, path, body)

    def delete(self, path: str) -> tuple[int, Any]:
        return self._send(self.client.delete, path, None)

    def upload(self, path: str, fields: dict[str, Any]) -> tuple[int, Any]:
        """A multipart/form-data POST (files as `SimpleUploadedFile`)."""
        response = self.client.post(path, fields, headers=self.headers)
        return response.status_code, json.loads(response.content)

    def _send(self, method: Any, path: str, body: Any) -> tuple[int, Any]:
        data = json.dumps(body if body is not None else {})
        response = method(path, data, content_type="application/json", headers=self.headers)
        return response.status_code, json.loads(response.content)


@pytest.fixture
def api_as(world: World, client: Client):
    """`api_as("d3_officer")` → a client signed in (session) as that person; None: anonymous."""

    def sign_in(person: str | None) -> ApiClient:
        if person is not None:
            client.force_login(getattr(world, person))
        else:
            client.logout()
        return ApiClient(client)

    return sign_in


def ids(body: dict[str, Any]) -> set[int]:
    return {item["id"] for item in body["items"]}
