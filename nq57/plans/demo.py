"""Demo data: a small unit tree, the five seed plans and a demo administrator."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TextIO

from django.contrib.auth import get_user_model
from django.db import transaction

from nq57.ingest import IngestError, parse_bytes
from nq57.orgs.models import Unit
from nq57.orgs.names import normalize_unit_name
from nq57.plans.actions import import_plan
from nq57.plans.models import Plan

SEEDS_DIR = Path(__file__).resolve().parents[2] / "demo" / "seeds"

Level = Unit.Level
# (name, level, parent name); parents come first.
DEMO_UNITS: list[tuple[str, str, str | None]] = [
    ("Thành phố Hồ Chí Minh", Level.CITY, None),
    ("Ủy ban nhân dân Thành phố Hồ Chí Minh", Level.CITY, "Thành phố Hồ Chí Minh"),
    ("Thành ủy Thành phố Hồ Chí Minh", Level.CITY, "Thành phố Hồ Chí Minh"),
    ("Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh", Level.CITY, "Thành ủy Thành phố Hồ Chí Minh"),
    ("Sở Khoa học và Công nghệ", Level.DEPARTMENT, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("Sở Nội vụ", Level.DEPARTMENT, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("Sở Tài chính", Level.DEPARTMENT, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    ("Công an Thành phố Hồ Chí Minh", Level.DEPARTMENT, "Ủy ban nhân dân Thành phố Hồ Chí Minh"),
    (
        "Trung tâm Chuyển đổi số Thành phố Hồ Chí Minh",
        Level.DEPARTMENT,
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    ),
    ("Huyện Củ Chi", Level.DISTRICT, "Thành phố Hồ Chí Minh"),
    ("Ủy ban nhân dân huyện Củ Chi", Level.DISTRICT, "Huyện Củ Chi"),
    ("Quận 3", Level.DISTRICT, "Thành phố Hồ Chí Minh"),
    ("Ủy ban nhân dân Quận 3", Level.DISTRICT, "Quận 3"),
    ("Thành phố Hải Phòng", Level.CITY, None),
    ("Xã Chí Minh", Level.COMMUNE, "Thành phố Hải Phòng"),
    ("Ủy ban nhân dân xã Chí Minh", Level.COMMUNE, "Xã Chí Minh"),
]


def load_demo(*, stdout: TextIO | None = None) -> list[Plan]:
    """Load the demo once: does nothing when any plan exists. Returns the plans imported."""
    if Plan.objects.exists():
        _say(stdout, "Đã có dữ liệu kế hoạch: bỏ qua dữ liệu demo.")
        return []
    build_demo_units()
    plans = [plan for path in sorted(SEEDS_DIR.glob("*.txt")) if (plan := _import(path, stdout))]
    _ensure_superuser(stdout)
    return plans


@transaction.atomic
def build_demo_units() -> dict[str, Unit]:
    """The demo unit tree (confirmed units), created once."""
    units: dict[str, Unit] = {}
    for name, level, parent_name in DEMO_UNITS:
        parent = units[parent_name] if parent_name else None
        unit, _ = Unit.objects.get_or_create(
            parent=parent,
            folded_name=normalize_unit_name(name),
            defaults={"name": name, "level": level, "status": Unit.Status.CONFIRMED},
        )
        units[name] = unit
    return units


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


def _ensure_superuser(stdout: TextIO | None) -> None:
    user_model = get_user_model()
    if user_model.objects.filter(is_superuser=True).exists():
        return
    password = secrets.token_urlsafe(12)
    user_model.objects.create_superuser(username="admin", email="", password=password)
    _say(stdout, f"Tài khoản quản trị demo: admin / {password}", force=True)


def _say(stdout: TextIO | None, message: str, *, force: bool = False) -> None:
    if stdout is not None:
        stdout.write(message + "\n")
    elif force:
        print(message)
