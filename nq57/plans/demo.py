"""Demo data: a small unit tree, the five seed plans and a demo administrator."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from nq57.ingest import IngestError, parse_bytes
from nq57.orgs.models import Membership, Unit
from nq57.orgs.names import normalize_unit_name
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan

SEEDS_DIR = Path(__file__).resolve().parents[2] / "demo" / "seeds"

Level = Unit.Level
HCMC, HCMC_PPC = "Thành phố Hồ Chí Minh", "Ủy ban nhân dân Thành phố Hồ Chí Minh"
CU_CHI_PPC, D3_PPC = "Ủy ban nhân dân huyện Củ Chi", "Ủy ban nhân dân Quận 3"
CHI_MINH_PPC = "Ủy ban nhân dân xã Chí Minh"
# (name, level, parent name); parents come first.
DEMO_UNITS: list[tuple[str, str, str | None]] = [
    (HCMC, Level.CITY, None),
    (HCMC_PPC, Level.CITY, HCMC),
    ("Thành ủy Thành phố Hồ Chí Minh", Level.CITY, HCMC),
    ("Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh", Level.CITY, "Thành ủy Thành phố Hồ Chí Minh"),
    *[
        (name, Level.DEPARTMENT, HCMC_PPC)
        for name in (
            "Văn phòng Ủy ban nhân dân Thành phố", "Sở Khoa học và Công nghệ", "Sở Nội vụ",
            "Sở Tài chính", "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Xây dựng", "Sở Công Thương",
            "Sở Tư pháp", "Sở Văn hóa và Thể thao", "Sở Nông nghiệp và Môi trường",
            "Công an Thành phố Hồ Chí Minh", "Trung tâm Chuyển đổi số Thành phố Hồ Chí Minh",
            "Ban Quản lý Khu Công nghệ cao Thành phố Hồ Chí Minh",
            "Đại học Quốc gia Thành phố Hồ Chí Minh", "Cổng Thông tin điện tử Thành phố",
        )
    ],
    ("Huyện Củ Chi", Level.DISTRICT, HCMC),
    (CU_CHI_PPC, Level.DISTRICT, "Huyện Củ Chi"),
    *[
        (name, Level.DEPARTMENT, CU_CHI_PPC)
        for name in (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện",
            "Phòng Văn hóa, Khoa học và Thông tin", "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch",
            "Phòng Kinh tế, Hạ tầng và Đô thị", "Phòng Y tế", "Phòng Giáo dục và Đào tạo",
            "Phòng Nông nghiệp và Môi trường", "Trung tâm Y tế huyện",
        )
    ],
    *[
        (f"Ủy ban nhân dân {name}", Level.COMMUNE, CU_CHI_PPC)
        for name in (
            "thị trấn Củ Chi", "xã An Nhơn Tây", "xã An Phú", "xã Bình Mỹ", "xã Hòa Phú",
            "xã Nhuận Đức", "xã Phạm Văn Cội", "xã Phú Hòa Đông", "xã Phú Mỹ Hưng",
            "xã Phước Hiệp", "xã Phước Thạnh", "xã Phước Vĩnh An", "xã Tân An Hội",
            "xã Tân Phú Trung", "xã Tân Thạnh Đông", "xã Tân Thạnh Tây", "xã Tân Thông Hội",
            "xã Thái Mỹ", "xã Trung An", "xã Trung Lập Hạ", "xã Trung Lập Thượng",
        )
    ],
    ("Quận 3", Level.DISTRICT, HCMC),
    (D3_PPC, Level.DISTRICT, "Quận 3"),
    *[
        (name, Level.DEPARTMENT, D3_PPC)
        for name in (
            "Văn phòng Ủy ban nhân dân Quận 3", "Phòng Văn hóa, Khoa học và Thông tin",
            "Phòng Nội vụ", "Phòng Tài chính – Kế hoạch", "Phòng Tư pháp", "Phòng Y tế",
            "Phòng Giáo dục và Đào tạo", "Phòng Kinh tế, Hạ tầng và Đô thị",
            "Phòng Tài nguyên và Môi trường", "Trung tâm Y tế Quận 3",
        )
    ],
    *[
        (f"Ủy ban nhân dân {name}", Level.COMMUNE, D3_PPC)
        for name in (
            "phường Võ Thị Sáu", "Phường 1", "Phường 2", "Phường 3", "Phường 4", "Phường 5",
            "Phường 9", "Phường 11", "Phường 12", "Phường 14",
        )
    ],
    ("Thành phố Hải Phòng", Level.CITY, None),
    ("Xã Chí Minh", Level.COMMUNE, "Thành phố Hải Phòng"),
    (CHI_MINH_PPC, Level.COMMUNE, "Xã Chí Minh"),
    *[
        (name, Level.DEPARTMENT, CHI_MINH_PPC)
        for name in (
            "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", "Phòng Văn hóa - Xã hội",
            "Phòng Kinh tế", "Công an xã", "Trung tâm phục vụ hành chính công",
        )
    ],
]  # fmt: skip
# Demo accounts: (username, unit name, parent name, role). The unit names are unique in parent.
DEMO_ACCOUNTS: list[tuple[str, str, str, str]] = [
    ("vanphong_q3", D3_PPC, "Quận 3", Membership.Role.STANDING_OFFICE),
    ("vhkhtt_q3", "Phòng Văn hóa, Khoa học và Thông tin", D3_PPC, Membership.Role.OFFICER),
    ("noivu_q3", "Phòng Nội vụ", D3_PPC, Membership.Role.OFFICER),
    ("vhkhtt_cuchi", "Phòng Văn hóa, Khoa học và Thông tin", CU_CHI_PPC, Membership.Role.OFFICER),
    ("phuong_vts_q3", "Ủy ban nhân dân phường Võ Thị Sáu", D3_PPC, Membership.Role.OFFICER),
    ("lanhdao_tphcm", HCMC, HCMC, Membership.Role.LEADER),
]


def load_demo(*, stdout: TextIO | None = None) -> list[Plan]:
    """Load the demo once: does nothing when any plan exists. Returns the plans imported."""
    if Plan.objects.exists():
        _say(stdout, "Đã có dữ liệu kế hoạch: bỏ qua dữ liệu demo.")
        return []
    build_demo_units()
    plans = [plan for path in sorted(SEEDS_DIR.glob("*.txt")) if (plan := _import(path, stdout))]
    for plan in plans:
        _regimes_from_text(plan, stdout)
    if _ensure_superuser(stdout):  # a fresh installation: one demo account per role too
        _demo_accounts(stdout)
    return plans


@transaction.atomic
def build_demo_units() -> dict[str, Unit]:
    """The demo unit tree (confirmed units), created once."""
    units: dict[str, Unit] = {}  # by name; a department name repeats, so the latest wins
    by_place: dict[tuple[str, str | None], Unit] = {}
    for name, level, parent_name in DEMO_UNITS:
        parent = units[parent_name] if parent_name else None
        unit, _ = Unit.objects.get_or_create(
            parent=parent,
            folded_name=normalize_unit_name(name),
            defaults={"name": name, "level": level, "status": Unit.Status.CONFIRMED},
        )
        units[name] = by_place[(name, parent_name)] = unit
    return units


def _demo_accounts(stdout: TextIO | None) -> None:
    """One person per role, sharing one printed password (demo only)."""
    user_model = get_user_model()
    if user_model.objects.filter(username=DEMO_ACCOUNTS[0][0]).exists():
        return
    password = secrets.token_urlsafe(9)
    for username, unit_name, parent_name, role in DEMO_ACCOUNTS:
        unit = (
            Unit.objects.get(
                folded_name=normalize_unit_name(unit_name),
                parent__folded_name=normalize_unit_name(parent_name),
            )
            if unit_name != parent_name
            else Unit.objects.get(name=unit_name, parent=None)
        )
        user = user_model.objects.create_user(username=username, password=password)
        Membership.objects.create(user=user, unit=unit, role=role)
    names = ", ".join(account[0] for account in DEMO_ACCOUNTS)
    _say(stdout, f"Tài khoản demo theo vai trò ({names}), mật khẩu chung: {password}", force=True)


def _import(path: Path, stdout: TextIO | None) -> Plan | None:
    data = path.read_bytes()
    try:
        parsed = parse_bytes(data, path.name)
    except IngestError as error:
        _say(stdout, f"Bỏ qua {path.name}: {error.message}")
        return None
    plan = import_plan(
        parsed,
        source_name=path.name,
        source_bytes=data,
        actor=None,
        publish=True,
        parser=parsed.parser,
    )
    _say(stdout, f"Đã nhập {path.name}: {plan}")
    return plan


def _regimes_from_text(plan: Plan, stdout: TextIO | None) -> None:
    """Demo only: give a plan the regime its text prescribes with due dates (in the product
    the standing office confirms the suggestion), with periods from 2025 to next year."""
    from nq57.lib.regime_text import suggest_regimes
    from nq57.reporting.actions import set_regimes

    suggestions = [s for s in suggest_regimes(list(plan.reporting_text)) if s.regime.due_dates]
    if not suggestions:
        return
    last = date(timezone.localdate().year + 1, 12, 31)
    regimes = [s.regime for s in suggestions]
    added = set_regimes(plan=plan, regimes=regimes, first=date(2025, 1, 1), last=last, actor=None)
    labels = "; ".join(s.label for s in suggestions)
    _say(stdout, f"Chế độ báo cáo của {plan.number or plan.title[:40]}: {labels} ({len(added)} kỳ)")


def _ensure_superuser(stdout: TextIO | None) -> bool:
    """Create the demo administrator unless there is one; True when created."""
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return False
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username="admin", email="", password=password)
    _say(stdout, f"Tài khoản quản trị demo: admin / {password}", force=True)
    return True


def _say(stdout: TextIO | None, message: str, *, force: bool = False) -> None:
    if stdout is not None:
        stdout.write(message + "\n")
    elif force:
        print(message)
