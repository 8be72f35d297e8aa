"""'Nhật ký' (/nhat-ky/): the audit log for system administrators only, filtered and paged."""

from __future__ import annotations

import re

import pytest
import time_machine
from django.test import Client

from nq57.audit.actions import record
from nq57.audit.context import request_scope
from nq57.orgs.unit_actions import rename_unit
from tests.conftest import World


def _history(world: World) -> None:
    """Three writes on two days, by two people, in two requests."""
    with time_machine.travel("2025-05-20 09:00:05 +0700", tick=False), request_scope("req-rename"):
        rename_unit(unit=world.d3_culture, name="Phòng Văn hóa và Thông tin", actor=world.importer)
    with time_machine.travel("2025-05-21 14:30:00 +0700", tick=False), request_scope("req-confirm"):
        record(
            actor=world.admin,
            action="orgs.unit_confirmed",
            obj=world.cu_chi_ppc,
            before={"status": "needs_confirmation"},
            after={"status": "confirmed"},
        )
        record(actor=None, action="exports.units_exported", obj=None, after={"rows": 8})


def _rows(html: str) -> list[str]:
    """The action labels of the table's rows, top to bottom."""
    return re.findall(r'<td class="audit-action">([^<]*)<', html)


def _page(client: Client, query: str = "") -> str:
    response = client.get(f"/nhat-ky/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_an_administrator_sees_the_log_newest_first_with_who_what_and_changes(
    world: World, client: Client
) -> None:
    _history(world)
    client.force_login(world.admin)
    html = _page(client, "?action=orgs.unit_renamed")
    assert _rows(html) == ["Đổi tên đơn vị"]
    assert "20/05/2025 09:00:05" in html
    assert f'href="/don-vi/{world.d3_culture.pk}/"' in html
    assert ">Phòng Văn hóa và Thông tin</a>" in html
    assert "importer" in html and "req-rename" in html
    assert "<summary>1 thay đổi</summary>" in html
    assert "name: Phòng Văn hóa, Khoa học và Thông tin → Phòng Văn hóa và Thông tin" in html
    html = _page(client)
    assert _rows(html) == [
        "Đăng nhập",  # the administrator's own sign-in, just now
        "Xuất danh sách đơn vị",
        "Xác nhận đơn vị",
        "Đổi tên đơn vị",
    ]
    assert "21/05/2025 14:30:00" in html and "hệ thống" in html
    assert "rows: — → 8" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?actor=importer", ["Đổi tên đơn vị"]),
        ("?actor=IMPORTER", ["Đổi tên đơn vị"]),
        ("?action=orgs.unit_confirmed", ["Xác nhận đơn vị"]),
        ("?object_type=orgs.unit", ["Xác nhận đơn vị", "Đổi tên đơn vị"]),
        ("?request_id=req-confirm", ["Xuất danh sách đơn vị", "Xác nhận đơn vị"]),
        ("?q=CỦ CHI", ["Xác nhận đơn vị"]),  # the object's name, any case
        ("?q=củ chi", ["Xác nhận đơn vị"]),
        ("?q=req-ren", ["Đổi tên đơn vị"]),  # part of a request id
        ("?q=đổi tên", ["Đổi tên đơn vị"]),  # the action's Vietnamese label
        ("?q=orgs.unit_c", ["Xác nhận đơn vị"]),  # the action's code
        ("?since=21/05/2025&until=21/05/2025", ["Xuất danh sách đơn vị", "Xác nhận đơn vị"]),
        ("?until=2025-05-20", ["Đổi tên đơn vị"]),
        ("?since=2025-05-22&action=orgs.unit_renamed", []),
        ("?actor=importer&action=orgs.unit_confirmed", []),
    ],
)
def test_an_administrator_filters_the_log(
    world: World, client: Client, query: str, expected: list[str]
) -> None:
    _history(world)
    client.force_login(world.admin)
    html = _page(client, query)
    shown = [label for label in _rows(html) if label != "Đăng nhập"]
    assert shown == expected
    if not expected:
        assert "Không có sự kiện nào khớp bộ lọc." in html


def test_the_filter_form_lists_the_recorded_actions_and_object_types(
    world: World, client: Client
) -> None:
    _history(world)
    client.force_login(world.admin)
    html = _page(client)
    assert '<option value="orgs.unit_renamed">Đổi tên đơn vị</option>' in html
    assert '<option value="exports.units_exported">Xuất danh sách đơn vị</option>' in html
    assert '<option value="orgs.unit">cơ quan, đơn vị</option>' in html


def test_a_wrong_date_is_explained_and_not_applied(world: World, client: Client) -> None:
    _history(world)
    client.force_login(world.admin)
    html = _page(client, "?since=32/13/2025")
    assert "Ngày không hợp lệ; viết theo dạng ngày/tháng/năm." in html
    assert "Đổi tên đơn vị" in _rows(html)


def test_the_log_is_paged_by_fifty(world: World, client: Client) -> None:
    for number in range(1, 53):
        record(actor=None, action=f"test.step_{number:02d}", obj=None)
    client.force_login(world.admin)
    first = _page(client, "?q=test.step")
    assert (len(_rows(first)), _rows(first)[0], _rows(first)[-1]) == (
        50,
        "test.step_52",
        "test.step_03",
    )
    assert "52 sự kiện; trang 1/2." in first
    assert 'href="?q=test.step&amp;trang=2"' in first
    second = _page(client, "?q=test.step&trang=2")
    assert _rows(second) == ["test.step_02", "test.step_01"]


@pytest.mark.parametrize("person", ["city_reviewer", "d3_officer", "importer"])
def test_only_system_administrators_may_open_the_log(
    world: World, client: Client, person: str
) -> None:
    _history(world)
    client.force_login(getattr(world, person))
    response = client.get("/nhat-ky/?q=req")
    assert response.status_code == 404
    assert "req-rename" not in response.content.decode()
    assert 'href="/nhat-ky/"' not in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(world: World, client: Client) -> None:
    response = client.get("/nhat-ky/")
    assert (response.status_code, response["Location"]) == (302, "/dang-nhap/?next=/nhat-ky/")


def test_administrators_find_the_log_in_the_navigation(world: World, client: Client) -> None:
    client.force_login(world.admin)
    assert '<a href="/nhat-ky/">Nhật ký</a>' in client.get("/").content.decode()
