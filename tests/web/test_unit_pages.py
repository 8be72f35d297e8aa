"""Unit pages: only the units a person manages; every change through the audited actions."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Unit, User
from tests.conftest import World


def test_people_who_manage_no_unit_are_refused(world: World, client: Client) -> None:
    client.force_login(world.d3_officer)
    assert client.get("/don-vi/").status_code == 403
    response = client.post(f"/don-vi/{world.d3_culture.pk}/doi-ten/", {"name": "X"})
    assert response.status_code == 403
    world.d3_culture.refresh_from_db()
    assert world.d3_culture.name == "Phòng Văn hóa, Khoa học và Thông tin"


def test_a_standing_office_sees_and_changes_only_its_own_units(world: World, client: Client):
    client.force_login(world.importer)  # standing office of Ủy ban nhân dân Quận 3
    html = client.get("/don-vi/").content.decode()
    assert "Phòng Văn hóa, Khoa học và Thông tin" in html
    assert "Ủy ban nhân dân huyện Củ Chi" not in html
    assert client.get(f"/don-vi/{world.cu_chi_ppc.pk}/").status_code == 404
    response = client.post(f"/don-vi/{world.cu_chi_ppc.pk}/doi-ten/", {"name": "X"})
    assert response.status_code == 404
    response = client.post(
        f"/don-vi/{world.d3_culture.pk}/doi-ten/", {"name": "Phòng Văn hóa và Thông tin"}
    )
    assert response.status_code == 302
    world.d3_culture.refresh_from_db()
    assert world.d3_culture.name == "Phòng Văn hóa và Thông tin"
    assert AuditEvent.objects.filter(action="orgs.unit_renamed", actor=world.importer).exists()


def test_the_queue_lists_units_to_confirm_and_a_duplicate_is_merged(world: World, client: Client):
    duplicate = Unit.objects.create(
        name="Phòng VH, KH, TT quận", parent=world.d3_ppc, status=Unit.Status.NEEDS_CONFIRMATION
    )
    client.force_login(world.importer)
    html = client.get("/don-vi/?cho-xac-nhan=1").content.decode()
    assert "Phòng VH, KH, TT quận" in html and "Cần xác nhận (1)" in html
    assert "Phòng Văn hóa, Khoa học và Thông tin" not in html.split("<tbody>")[1]
    label = "Phòng Văn hóa, Khoa học và Thông tin — Ủy ban nhân dân Quận 3"
    response = client.post(f"/don-vi/{duplicate.pk}/gop/", {"into": label})
    assert (response.status_code, response["Location"]) == (302, f"/don-vi/{world.d3_culture.pk}/")
    assert not Unit.objects.filter(pk=duplicate.pk).exists()
    response = client.post(f"/don-vi/{world.d3_culture.pk}/gop/", {"into": "Không có"}, follow=True)
    assert "Không tìm thấy đơn vị «Không có»" in response.content.decode()


def test_a_unit_is_confirmed_added_below_and_given_an_alias(world: World, client: Client):
    pending = Unit.objects.create(
        name="Trung tâm Chính trị Quận 3", parent=world.d3_ppc, status="needs_confirmation"
    )
    client.force_login(world.importer)
    client.post(f"/don-vi/{pending.pk}/xac-nhan/")
    pending.refresh_from_db()
    assert pending.status == Unit.Status.CONFIRMED
    response = client.post(f"/don-vi/{world.d3_ppc.pk}/them-don-vi/", {"name": "Phòng Tư pháp"})
    child = Unit.objects.get(name="Phòng Tư pháp")
    assert response["Location"] == f"/don-vi/{child.pk}/" and child.parent == world.d3_ppc
    client.post(f"/don-vi/{child.pk}/ten-goi-khac/", {"alias": "P. Tư pháp"})
    assert list(child.aliases.values_list("alias", flat=True)) == ["P. Tư pháp"]


def test_units_are_exported_and_imported_from_the_units_page(world: World, client: Client):
    client.force_login(world.importer)
    response = client.get("/don-vi/xuat.csv")
    text = response.content.decode("utf-8-sig")
    assert "Phòng Văn hóa, Khoa học và Thông tin" in text and "huyện Củ Chi" not in text
    assert AuditEvent.objects.filter(action="exports.units_exported").count() == 1
    upload = SimpleUploadedFile(
        "don-vi.csv", "Tên đơn vị;Đơn vị cấp trên\nPhòng Tư pháp;Ủy ban nhân dân Quận 3\n".encode()
    )
    html = client.post("/don-vi/nhap/", {"file": upload}).content.decode()
    assert "Đã nhập: 1 mới, 0 cập nhật." in html
    assert Unit.objects.get(name="Phòng Tư pháp").parent == world.d3_ppc
    bad = SimpleUploadedFile(
        "x.csv", "Tên đơn vị;Đơn vị cấp trên\nA;Ủy ban nhân dân huyện Củ Chi\n".encode()
    )
    response = client.post("/don-vi/nhap/", {"file": bad})
    assert response.status_code == 400
    assert "Dòng 2: không tìm thấy đơn vị cấp trên" in response.content.decode()
    assert not Unit.objects.filter(name="A").exists()


def test_a_standing_office_imports_officers_but_not_administrators_roles(
    world: World, client: Client
):
    client.force_login(world.importer)
    data = "Tên đăng nhập;Đơn vị;Vai trò\nhoa;Ủy ban nhân dân Quận 3;Cấp trên (chỉ xem)\n"
    response = client.post("/tai-khoan/nhap/", {"file": SimpleUploadedFile("t.csv", data.encode())})
    assert response.status_code == 400
    assert not User.objects.filter(username="hoa").exists()
    data = "Tên đăng nhập;Đơn vị;Vai trò\nhoa;Ủy ban nhân dân Quận 3;Lãnh đạo\n"
    response = client.post("/tai-khoan/nhap/", {"file": SimpleUploadedFile("t.csv", data.encode())})
    assert "Đã nhập: 1 mới" in response.content.decode()
    assert User.objects.get(username="hoa").memberships.get().role == "leader"
