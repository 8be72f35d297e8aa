"""The demo loader: unit tree, the five seed plans (from demo/seeds) and a demo administrator."""

from __future__ import annotations

import io

from nq57.orgs.models import Unit, User
from nq57.plans.demo import DEMO_ACCOUNTS, DEMO_UNITS, SEEDS_DIR, build_demo_units, load_demo
from nq57.plans.models import Plan
from nq57.plans.queries import plans_visible_to


def test_it_builds_a_confirmed_demo_tree_once(db) -> None:
    units = build_demo_units()
    build_demo_units()
    assert Unit.objects.count() == len(DEMO_UNITS)
    assert len(units) < len(DEMO_UNITS)  # department names repeat in each district
    assert units["Ủy ban nhân dân Quận 3"].parent == units["Quận 3"]
    assert units["Quận 3"].parent == units["Thành phố Hồ Chí Minh"]
    assert units["Xã Chí Minh"].parent == units["Thành phố Hải Phòng"]
    assert set(Unit.objects.values_list("status", flat=True)) == {"confirmed"}


def test_it_loads_the_seed_plans_under_the_demo_issuers(db) -> None:
    out = io.StringIO()
    plans = load_demo(stdout=out)
    assert len(plans) == len(list(SEEDS_DIR.glob("*.txt"))) == 5
    issuers = {plan.issuer.name: plan.issuer.parent.name for plan in plans}
    assert issuers == {
        "Ủy ban nhân dân huyện Củ Chi": "Huyện Củ Chi",
        "Ủy ban nhân dân Quận 3": "Quận 3",
        "Ủy ban nhân dân xã Chí Minh": "Xã Chí Minh",
        "Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh": "Thành ủy Thành phố Hồ Chí Minh",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh": "Thành phố Hồ Chí Minh",
    }
    assert set(Plan.objects.values_list("status", flat=True)) == {"published"}
    admin = User.objects.get(is_superuser=True)
    assert admin.username == "admin"
    lines = out.getvalue().splitlines()
    password_line = next(line for line in lines if line.startswith("Tài khoản quản trị demo"))
    assert admin.check_password(password_line.rsplit(" ", 1)[1])


def test_it_does_nothing_when_plans_exist(db) -> None:
    load_demo(stdout=io.StringIO())
    out = io.StringIO()
    assert load_demo(stdout=out) == []
    assert Plan.objects.count() == 5
    assert User.objects.count() == 1 + len(DEMO_ACCOUNTS)
    assert "Tài khoản" not in out.getvalue()


def test_it_creates_no_demo_admin_when_a_superuser_exists(db) -> None:
    User.objects.create_superuser("chief", "", "pw")
    out = io.StringIO()
    load_demo(stdout=out)
    assert list(User.objects.values_list("username", flat=True)) == ["chief"]
    assert "Tài khoản" not in out.getvalue()


def test_each_demo_account_sees_the_plans_of_its_role(db) -> None:
    out = io.StringIO()
    load_demo(stdout=out)
    line = next(x for x in out.getvalue().splitlines() if "mật khẩu chung" in x)
    password = line.rsplit(" ", 1)[1]
    seen = {}
    for username, *_ in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(password)
        seen[username] = {plan.number for plan in plans_visible_to(user)}
    assert seen["vanphong_q3"] == seen["vhkhtt_q3"] == seen["noivu_q3"] == {"91/KH-UBND"}
    assert seen["vhkhtt_cuchi"] == {"3228/KH-UBND"}
    assert seen["lanhdao_tphcm"] == {"459-KH/TU", "3228/KH-UBND", "91/KH-UBND", None}
    assert Unit.objects.filter(name="Ủy ban nhân dân Phường 14").get().parent.name == (
        "Ủy ban nhân dân Quận 3"
    )
