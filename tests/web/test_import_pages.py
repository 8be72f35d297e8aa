"""The import review pages over HTTP: access, upload limits, editing, conflicts, publishing."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.imports.models import ImportRow, PlanImport
from nq57.orgs.models import Membership, User
from nq57.plans.models import Plan
from tests.conftest import World
from tests.imports.plan_text import plan_text

START = "/nhap-ke-hoach/"


def _upload(client: Client, data: bytes, name: str = "91.txt", **extra: object):
    return client.post(START, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def importer(world: World, client: Client) -> Client:
    client.force_login(world.importer)
    return client


def _staged(importer: Client) -> PlanImport:
    response = _upload(importer, plan_text())
    assert response.status_code == 302
    return PlanImport.objects.get()


def test_only_people_allowed_to_import_reach_the_pages(world: World, client: Client):
    assert client.get(START).status_code == 302  # anonymous → login
    client.force_login(world.d3_officer)
    assert client.get(START).status_code == 403
    response = _upload(client, plan_text())
    assert response.status_code == 403
    assert PlanImport.objects.count() == 0


def test_someone_elses_import_is_not_found_and_stays_unchanged(world: World, importer: Client):
    staged = _staged(importer)
    row = staged.rows.filter(kind="task").first()
    assert row is not None
    other = Client()
    other.force_login(world.city_reviewer)  # staff, but not allowed to import
    assert other.get(f"{START}{staged.pk}/").status_code == 403
    colleague = User.objects.create_user("colleague", password="pw")
    Membership.objects.create(user=colleague, unit=world.d3_ppc, role="standing_office")
    other.force_login(colleague)
    assert other.get(f"{START}{staged.pk}/").status_code == 404
    url = f"{START}{staged.pk}/dong/{row.pk}/"
    response = other.post(url, {"action": "remove"})
    assert response.status_code == 404
    assert ImportRow.objects.filter(pk=row.pk).exists()


def test_the_review_page_shows_each_warning_next_to_its_row(importer: Client):
    staged = _staged(importer)
    response = importer.get(f"{START}{staged.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Rà soát kế hoạch trước khi lưu" in html
    assert "Đơn vị «Phòng Nội vụ quận» chưa có trong danh mục." in html
    assert staged.sha256 in html
    assert "Chưa có gì được lưu vào kế hoạch" in html


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.docx", b"PK\x03\x04broken", "Không đọc được tệp DOCX"),
        ("ke-hoach.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word"),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", "PDF"),
        ("trong.txt", b"", "Tệp rỗng"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "ảnh"),
    ],
)
def test_a_bad_file_gets_a_vietnamese_message_and_stores_nothing(
    importer: Client, name: str, data: bytes, message: str
):
    response = _upload(importer, data, name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_a_zip_bomb_docx_is_refused(importer: Client, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr("nq57.ingest.docx_reader.MAX_DOCUMENT_XML", 1000)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document>" + " " * 5_000_000 + "</w:document>")
    response = _upload(importer, buffer.getvalue(), "bom.docx")
    assert response.status_code == 400
    assert PlanImport.objects.count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    importer: Client, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr("nq57.ingest.encoding.MAX_BYTES", 100)
    response = _upload(importer, plan_text())
    assert response.status_code == 400
    assert "Tệp quá lớn" in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_an_edit_is_saved_and_a_concurrent_edit_keeps_the_officers_input(importer: Client):
    staged = _staged(importer)
    row = staged.rows.get(kind="task", number="2")
    url = f"{START}{staged.pk}/dong/{row.pk}/"
    fields = {
        f"r{row.pk}-{name}": getattr(row, name)
        for name in ("number", "name", "lead", "coordinating", "deadline", "output")
    }
    response = importer.post(
        url, {**fields, f"r{row.pk}-version": 1, f"r{row.pk}-deadline": "Quý III/2025"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#dong-{row.pk}")
    row.refresh_from_db()
    assert (row.deadline, row.version) == ("Quý III/2025", 2)
    stale = {**fields, f"r{row.pk}-version": 1, f"r{row.pk}-deadline": "Năm 2027"}
    response = importer.post(url, stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "vừa được người khác sửa" in html
    assert 'value="Năm 2027"' in html  # the officer's input is still in the form
    row.refresh_from_db()
    assert row.deadline == "Quý III/2025"


def test_targets_must_be_written_as_milestone_and_value(world: World, importer: Client):
    staged = _staged(importer)
    row = staged.rows.filter(kind="task").first()
    assert row is not None
    row.kind = "indicator"
    row.save()
    url = f"{START}{staged.pk}/dong/{row.pk}/"
    response = importer.post(
        url, {f"r{row.pk}-version": 1, f"r{row.pk}-name": "Tỷ lệ", f"r{row.pk}-targets": "80%"}
    )
    assert response.status_code == 400
    assert "cần có dạng «tên: giá trị»" in response.content.decode()
    response = importer.post(
        url,
        {f"r{row.pk}-version": 1, f"r{row.pk}-name": "Tỷ lệ", f"r{row.pk}-targets": "2030: ≥ 80%"},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.targets == {"2030": "≥ 80%"}


def test_the_officer_confirms_units_publishes_and_sees_the_plan(world: World, importer: Client):
    staged = _staged(importer)
    base = f"{START}{staged.pk}"
    response = importer.post(
        f"{base}/don-vi/",
        {
            "mention": "Phòng Nội vụ quận",
            "choice": "other",
            "unit_label": "Phòng Văn hóa, Khoa học và Thông tin — Ủy ban nhân dân Quận 3",
        },
    )
    assert response.status_code == 302
    response = importer.post(
        f"{base}/don-vi/", {"mention": "Trung tâm Chính trị Quận 3", "choice": "create"}
    )
    assert response.status_code == 302
    response = importer.post(f"{base}/luu/")
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/ke-hoach/{plan.pk}/"
    page = importer.get(response["Location"]).content.decode()
    assert "Đã lưu kế hoạch vào hệ thống." in page
    assert "Trung tâm Chính trị Quận 3" in page
    assert AuditEvent.objects.filter(action="imports.unit_decided").count() == 2


def test_an_unknown_unit_label_is_refused_with_a_message(importer: Client):
    staged = _staged(importer)
    response = importer.post(
        f"{START}{staged.pk}/don-vi/",
        {"mention": "Phòng Nội vụ quận", "choice": "other", "unit_label": "Sở Không Có"},
        follow=True,
    )
    assert "Không tìm thấy đơn vị «Sở Không Có»" in response.content.decode()
    assert staged.decisions.count() == 0


def test_reimporting_shows_the_difference_against_the_stored_plan(world: World, importer: Client):
    importer.post(f"{START}{_staged(importer).pk}/luu/")
    response = _upload(importer, plan_text().replace(b"Qu\xc3\xbd II/2025", b"Qu\xc3\xbd IV/2025"))
    staged = PlanImport.objects.get(status="reviewing")
    html = importer.get(response["Location"]).content.decode()
    assert staged.revises == Plan.objects.get()
    assert "Nhiệm vụ: 3 không đổi, 1 thay đổi, 0 thêm mới, 0 bị bỏ" in html
    assert "<del>Quý II/2025</del> → <ins>Quý IV/2025</ins>" in html


def test_the_original_file_can_be_downloaded(importer: Client):
    staged = _staged(importer)
    response = importer.get(f"{START}{staged.pk}/tep-goc/")
    assert response.status_code == 200
    assert response.content == plan_text()


def test_a_standing_office_cannot_update_or_store_another_units_plan(
    world: World, importer: Client
):
    importer.post(f"{START}{_staged(importer).pk}/luu/")
    plan = Plan.objects.get()
    cu_chi = User.objects.create_user("cu_chi_office", password="pw")
    Membership.objects.create(user=cu_chi, unit=world.cu_chi_ppc, role="standing_office")
    client = Client()
    client.force_login(cu_chi)
    _upload(client, plan_text().replace(b"Qu\xc3\xbd II/2025", b"Qu\xc3\xbd IV/2025"))
    staged = PlanImport.objects.get(status="reviewing")
    assert staged.revises is None  # Quận 3's plan is not Củ Chi's to update
    html = client.get(f"{START}{staged.pk}/").content.decode()
    assert "phiên bản của kế hoạch đã có" not in html
    response = client.post(f"{START}{staged.pk}/luu/", follow=True)
    assert "không thuộc phạm vi đơn vị bạn quản lý" in response.content.decode()
    assert plan.tasks.get(number="2").deadline_raw == "Quý II/2025"
    assert Plan.objects.count() == 1
    staged.refresh_from_db()
    assert staged.status == PlanImport.Status.REVIEWING
