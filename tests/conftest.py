"""Shared fixtures: a small named world of units and people, and a builder of parsed plans.

Access (roles at units, `orgs.Membership`; what each person may see):
- `admin`: superuser — every plan, drafts included, every import, and the admin site.
- `city_reviewer`: leader at Thành phố Hồ Chí Minh (staff for the admin site) — every plan
  issued in the city's tree, drafts included; may not import.
- `d3_officer`: officer of Phòng Văn hóa, Khoa học và Thông tin, Quận 3 — published plans that
  assign that office a task or an indicator.
- `cu_chi_officer`: officer of Ủy ban nhân dân huyện Củ Chi — published plans assigning it
  something; nothing of Quận 3.
- `importer`: standing office of Ủy ban nhân dân Quận 3 — every plan issued in that subtree,
  drafts included; imports plan files and updates those plans; sees only their own imports.
- anonymous visitors see nothing and are sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from nq57.ingest.model import DocumentHeader, ParsedIndicator, ParsedPlan, ParsedTask, Source
from nq57.orgs.models import Membership, Unit, UnitAlias, User


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Real hashing costs ~0.5 s per user; tests do not need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    """Named units (a slice of Ho Chi Minh City) and people."""

    hcmc: Unit
    hcmc_ppc: Unit  # Ủy ban nhân dân Thành phố Hồ Chí Minh
    dost: Unit  # Sở Khoa học và Công nghệ (alias 'Sở KH&CN')
    district3: Unit
    d3_ppc: Unit  # Ủy ban nhân dân Quận 3
    d3_culture: Unit  # Phòng Văn hóa, Khoa học và Thông tin (of Quận 3)
    cu_chi: Unit
    cu_chi_ppc: Unit  # Ủy ban nhân dân huyện Củ Chi
    admin: User
    city_reviewer: User
    d3_officer: User
    cu_chi_officer: User
    importer: User


def _unit(name: str, level: str, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(name=name, level=level, parent=parent)


@pytest.fixture
def world(db: Any) -> World:
    level = Unit.Level
    hcmc = _unit("Thành phố Hồ Chí Minh", level.CITY)
    hcmc_ppc = _unit("Ủy ban nhân dân Thành phố Hồ Chí Minh", level.CITY, hcmc)
    dost = _unit("Sở Khoa học và Công nghệ", level.DEPARTMENT, hcmc_ppc)
    UnitAlias.objects.create(unit=dost, alias="Sở KH&CN")
    district3 = _unit("Quận 3", level.DISTRICT, hcmc)
    d3_ppc = _unit("Ủy ban nhân dân Quận 3", level.DISTRICT, district3)
    d3_culture = _unit("Phòng Văn hóa, Khoa học và Thông tin", level.DEPARTMENT, d3_ppc)
    cu_chi = _unit("Huyện Củ Chi", level.DISTRICT, hcmc)
    cu_chi_ppc = _unit("Ủy ban nhân dân huyện Củ Chi", level.DISTRICT, cu_chi)
    return World(
        hcmc=hcmc,
        hcmc_ppc=hcmc_ppc,
        dost=dost,
        district3=district3,
        d3_ppc=d3_ppc,
        d3_culture=d3_culture,
        cu_chi=cu_chi,
        cu_chi_ppc=cu_chi_ppc,
        admin=User.objects.create_superuser("admin", "admin@example.vn", "pw-admin-1"),
        city_reviewer=_member("city_reviewer", hcmc, Membership.Role.LEADER, is_staff=True),
        d3_officer=_member("d3_officer", d3_culture, Membership.Role.OFFICER),
        cu_chi_officer=_member("cu_chi_officer", cu_chi_ppc, Membership.Role.OFFICER),
        importer=_member("importer", d3_ppc, Membership.Role.STANDING_OFFICE),
    )


def _member(username: str, unit: Unit, role: str, **fields: Any) -> User:
    user = User.objects.create_user(username, password="pw", **fields)
    Membership.objects.create(user=user, unit=unit, role=role)
    return user


ParsedPlanBuilder = Callable[..., ParsedPlan]


@pytest.fixture
def parsed_plan() -> ParsedPlanBuilder:
    """Build a small District 3 plan as a parser would return it; override any header field."""

    def build(
        *,
        tasks: list[ParsedTask] | None = None,
        indicators: list[ParsedIndicator] | None = None,
        **header: Any,
    ) -> ParsedPlan:
        fields: dict[str, Any] = {
            "file": "91.docx",
            "number": "91/KH-UBND",
            "issuer": "Ủy ban nhân dân Quận 3",
            "date": "2025-03-24",
            "level": "district",
            "title": "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU",
            "bases": ["Nghị quyết số 57-NQ/TW", "63-CTrHĐ/TU"],
        }
        fields.update(header)
        return ParsedPlan(
            document=DocumentHeader(**fields),
            tasks=[make_task()] if tasks is None else tasks,
            indicators=[make_indicator()] if indicators is None else indicators,
        )

    return build


def make_task(**overrides: Any) -> ParsedTask:
    """A task row of Phụ lục II, section I (values from seed 001)."""
    fields: dict[str, Any] = {
        "appendix": "Phụ lục II",
        "section": "I",
        "section_title": "Tổ chức thực hiện tốt công tác quán triệt và tuyên truyền",
        "number": "1",
        "name": "Ban hành chương trình tuyên truyền về nội dung Nghị quyết 57-NQ/TW.",
        "lead": "Phòng Văn hóa, Khoa học và Thông tin",
        "coordinating": "Ban Tuyên giáo và Dân vận Quận ủy, Trung tâm Chính trị Quận 3",
        "deadline": "6/2025",
        "output": "Chương trình tuyên truyền",
        "source": Source(appendix="Phụ lục II", row=1, line_start=120, line_end=124),
    }
    fields.update(overrides)
    return ParsedTask(**fields)


def make_indicator(**overrides: Any) -> ParsedIndicator:
    """An indicator row of Phụ lục I with two milestones and a single agency column."""
    fields: dict[str, Any] = {
        "appendix": "Phụ lục I",
        "group": "I Đến năm 2030",
        "subgroup": None,
        "code": "1.1",
        "name": "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
        "unit": "%",
        "targets": {"2025": "≥ 60", "2030": "≥ 80"},
        "lead": (
            "Văn phòng UBND Quận chủ trì phối hợp Các cơ quan, đơn vị Ủy ban nhân dân 10 phường"
        ),
        "coordinating": None,
        "output": None,
        "source": Source(appendix="Phụ lục I", row=3, line_start=80, line_end=81),
    }
    fields.update(overrides)
    return ParsedIndicator(**fields)


def pytest_report_header(config):
    """Say which database the suite runs on (SQLite by default, PostgreSQL in CI's second run)."""
    from django.conf import settings

    return f"database: {settings.DATABASES['default']['ENGINE']}"


from tests.reporting.conftest import reporting  # noqa: E402, F401  (shared by web and API tests)
