"""Units and accounts in and out as tables: all or nothing, scoped, audited."""

from __future__ import annotations

import pytest

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Membership, Unit, User
from nq57.orgs.queries import unit_ids_below
from nq57.orgs.transfer import TransferError, import_accounts, import_units, units_csv
from tests.conftest import World


def _d3_scope(world: World) -> list[Unit]:
    return list(Unit.objects.filter(pk__in=unit_ids_below([world.d3_ppc.pk])))


def test_units_go_out_as_csv_and_come_back_unchanged(world: World):
    data = units_csv(Unit.objects.filter(pk__in=[world.d3_ppc.pk, world.d3_culture.pk]))
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Mã;Tên đơn vị;Tên viết tắt;Cấp;Mã cấp trên")
    assert "Phòng Văn hóa, Khoa học và Thông tin;;Sở/Phòng/Ban" in text
    before = Unit.objects.count()
    report = import_units(data=data, allowed=[world.d3_ppc, world.d3_culture], actor=None)
    assert (report.created, Unit.objects.count()) == ([], before)


def test_a_district_imports_its_units_with_aliases(world: World):
    data = (
        "Tên đơn vị;Tên viết tắt;Cấp;Đơn vị cấp trên;Tên gọi khác\n"
        "Phòng Tư pháp;PTP;Sở/Phòng/Ban;Ủy ban nhân dân Quận 3;P. Tư pháp\n"
        "Ủy ban nhân dân Phường 1;;commune;Ủy ban nhân dân Quận 3;\n"
        "Tổ công tác chuyển đổi số;;;Phòng Tư pháp;\n"
    ).encode()
    report = import_units(data=data, allowed=_d3_scope(world), actor=world.importer)
    assert report.created == [
        "Phòng Tư pháp",
        "Ủy ban nhân dân Phường 1",
        "Tổ công tác chuyển đổi số",
    ]
    justice = Unit.objects.get(name="Phòng Tư pháp")
    assert (justice.parent, justice.short_name) == (world.d3_ppc, "PTP")
    assert list(justice.aliases.values_list("alias", flat=True)) == ["P. Tư pháp"]
    assert Unit.objects.get(name="Ủy ban nhân dân Phường 1").level == Unit.Level.COMMUNE
    assert Unit.objects.get(name="Tổ công tác chuyển đổi số").parent == justice
    assert AuditEvent.objects.filter(action="orgs.unit_created", actor=world.importer).count() == 3


def test_one_bad_row_imports_nothing_and_names_every_problem(world: World):
    before = Unit.objects.count()
    data = (
        "Tên đơn vị;Cấp;Đơn vị cấp trên\n"
        "Phòng Tư pháp;;Ủy ban nhân dân Quận 3\n"
        "Phòng Y tế;Bộ;Ủy ban nhân dân Quận 3\n"
        "Phòng Kinh tế;;Ủy ban nhân dân huyện Củ Chi\n"
    ).encode()
    with pytest.raises(TransferError) as raised:
        import_units(data=data, allowed=_d3_scope(world), actor=None)
    assert raised.value.messages == [
        "Dòng 3: cấp «Bộ» không hợp lệ.",
        "Dòng 4: không tìm thấy đơn vị cấp trên «Ủy ban nhân dân huyện Củ Chi» "
        "trong các đơn vị bạn quản lý.",
    ]
    assert Unit.objects.count() == before


def test_accounts_are_created_with_a_role_and_invited_to_set_a_password(
    world: World, mailoutbox, django_capture_on_commit_callbacks
):
    data = (
        "Tên đăng nhập,Họ và tên,Thư điện tử,Đơn vị,Vai trò\n"
        "lan.nt,Nguyễn Thị Lan,lan@example.vn,"
        '"Phòng Văn hóa, Khoa học và Thông tin",Cán bộ đơn vị\n'
        "d3_officer,,,Ủy ban nhân dân Quận 3,leader\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        report = import_accounts(
            data=data,
            allowed=_d3_scope(world),
            roles=["officer", "leader"],
            actor=world.importer,
        )
    assert (report.created, report.updated) == (["lan.nt"], ["d3_officer"])
    lan = User.objects.get(username="lan.nt")
    assert (lan.first_name, lan.last_name, lan.has_usable_password()) == (
        "Nguyễn Thị",
        "Lan",
        False,
    )
    assert lan.memberships.get().unit == world.d3_culture
    assert Membership.objects.filter(user=world.d3_officer, role="leader").exists()
    (mail,) = mailoutbox
    assert mail.to == ["lan@example.vn"] and "/dat-lai-mat-khau/" in mail.body


def test_a_role_outside_what_the_importer_may_give_is_refused(world: World):
    data = "Tên đăng nhập;Đơn vị;Vai trò\nx;Ủy ban nhân dân Quận 3;Cấp trên (chỉ xem)\n".encode()
    with pytest.raises(TransferError, match="vai trò «Cấp trên \\(chỉ xem\\)» không hợp lệ"):
        import_accounts(data=data, allowed=_d3_scope(world), roles=["officer"], actor=None)
    assert not User.objects.filter(username="x").exists()


def test_units_go_out_as_xlsx_and_come_back_unchanged(world: World):
    from nq57.orgs.transfer import units_xlsx

    units = Unit.objects.filter(pk__in=[world.d3_ppc.pk, world.d3_culture.pk]).order_by("pk")
    data = units_xlsx(units)
    before = Unit.objects.count()
    report = import_units(data=data, allowed=list(units), actor=None)
    assert (report.created, Unit.objects.count()) == ([], before)
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Đơn vị"
    assert [c.value for c in sheet[1]][:4] == ["Mã", "Tên đơn vị", "Tên viết tắt", "Cấp"]
    assert sheet["B3"].value == "Phòng Văn hóa, Khoa học và Thông tin"


def test_an_alias_already_given_to_a_sibling_is_a_row_error_not_a_crash(world: World):
    Unit.objects.create(name="Phòng Nội vụ", parent=world.d3_ppc).aliases.create(alias="PNV")
    data = "Tên đơn vị;Đơn vị cấp trên;Tên gọi khác\nPhòng Tư pháp;Ủy ban nhân dân Quận 3;PNV\n"
    with pytest.raises(TransferError) as raised:
        import_units(data=data.encode(), allowed=_d3_scope(world), actor=None)
    assert raised.value.messages == [
        "Dòng 2: Tên gọi «PNV» đã là tên gọi khác của một đơn vị cùng cấp trên."
    ]
    assert not Unit.objects.filter(name="Phòng Tư pháp").exists()
