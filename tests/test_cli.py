"""The `nq57` command: bad input is refused with a Vietnamese message and exit code 2,
and nothing is stored."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nq57.cli import main
from nq57.ingest.encoding import MAX_BYTES

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
SMALL_SEED = SEEDS / "003_0cade81ef0ffbb41.txt"

TCVN3_PLAN = (
    "STT\tTªn nhiÖm vô\tC¬ quan chñ tr×\tC¬ quan phèi hîp\tThêi gian hoµn thµnh\n"
    "1\tX©y dùng kÕ ho¹ch chuyÓn ®æi sè\tV¨n phßng Uû ban nh©n d©n\tC¸c phßng, ban\tQuý III/2025\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _scanned_pdf() -> bytes:
    """A page with only a picture on it (no text layer), like a scanned signed plan."""
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.setFillGray(0.4)
    page.rect(72, 72, 400, 600, fill=1)
    page.save()
    return buffer.getvalue()


BAD_INPUTS = {
    "scan.pdf": (_scanned_pdf(), "bản quét"),
    "empty.txt": (b"", "rỗng"),
    "binary.bin": (bytes(range(256)) * 8, "nhị phân"),
    "broken.pdf": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "Không đọc được tệp PDF"),
    "notable.txt": (
        "Kế hoạch này không có bảng nào.\nChỉ có văn bản.\n".encode(),
        "Không tìm thấy bảng",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_it_refuses_bad_input_with_exit_code_2_and_a_vietnamese_message(tmp_path, capsys, name):
    data, words = BAD_INPUTS[name]
    code = main(["parse", str(_write(tmp_path, name, data))])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("Lỗi: ")
    assert words in err


def test_it_refuses_a_file_over_the_size_limit_before_reading_it(tmp_path, capsys):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_BYTES
    assert main(["parse", str(path)]) == 2
    assert "Tệp quá lớn" in capsys.readouterr().err


def test_it_refuses_a_missing_file(capsys):
    assert main(["parse", "/khong/co/tep.txt"]) == 2
    assert "Không tìm thấy tệp" in capsys.readouterr().err


def test_it_converts_a_tcvn3_file_and_warns(tmp_path, capsys):
    path = _write(tmp_path, "tcvn3.txt", TCVN3_PLAN.encode("latin-1"))
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Nhiệm vụ: 1" in out
    assert "TCVN3" in out
    assert main(["parse", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert "Xây dựng kế hoạch chuyển đổi số" in out
    assert "Văn phòng Uỷ ban nhân dân" in out or "Văn phòng Ủy ban nhân dân" in out


def test_it_runs_as_an_installed_console_script_module(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "nq57.cli", "parse", str(_write(tmp_path, "e.txt", b""))],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "rỗng" in result.stderr


@pytest.mark.django_db
def test_import_stores_a_plan_once_and_refuses_the_same_file_again(capsys):
    from nq57.audit.models import AuditEvent
    from nq57.plans.models import Plan, Task

    assert main(["import", str(SMALL_SEED)]) == 0
    assert Plan.objects.count() == 1
    counts = (Plan.objects.count(), Task.objects.count(), AuditEvent.objects.count())
    assert "Đã nhập kế hoạch" in capsys.readouterr().out
    assert main(["import", str(SMALL_SEED)]) == 2
    assert "đã được nhập" in capsys.readouterr().err
    assert (Plan.objects.count(), Task.objects.count(), AuditEvent.objects.count()) == counts


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_import_of_bad_input_stores_nothing(tmp_path, capsys, name):
    from nq57.audit.models import AuditEvent
    from nq57.orgs.models import Unit
    from nq57.plans.models import Plan

    before = (Plan.objects.count(), Unit.objects.count(), AuditEvent.objects.count())
    assert main(["import", str(_write(tmp_path, name, BAD_INPUTS[name][0]))]) == 2
    assert capsys.readouterr().err.startswith("Lỗi: ")
    assert (Plan.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == before


def test_the_readme_documents_every_subcommand():
    from nq57.cli import build_parser

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    actions = [a for a in build_parser()._actions if a.dest == "command"]
    commands = sorted(actions[0].choices)  # type: ignore[arg-type]
    assert commands == ["audit", "demo", "export", "import", "manage", "parse", "rebuild-progress",
                        "refresh-figures", "remind", "report", "suggest-links"]  # fmt: skip
    for command in commands:
        assert f"nq57 {command}" in readme, command


def _encode_vni(text: str) -> bytes:
    """Encode with the VNI tables (found by decoding candidate byte pairs), for a fixture."""
    import unicodedata

    from nq57.ingest.encoding import VNI_LETTERS, VNI_MARKS, decode_legacy

    bases = [bytes([b]) for b in (9, 10, *range(0x20, 0x7F))] + [bytes([b]) for b in VNI_LETTERS]
    candidates = bases + [base + bytes([mark]) for base in bases for mark in VNI_MARKS]
    table: dict[str, bytes] = {}
    for candidate in candidates:
        table.setdefault(unicodedata.normalize("NFC", decode_legacy(candidate, "vni")), candidate)
    return b"".join(table[ch] for ch in unicodedata.normalize("NFC", text))


def test_it_converts_a_vni_file(tmp_path, capsys):
    plan = (
        "STT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
        "1\tXây dựng kế hoạch chuyển đổi số của quận\tVăn phòng Ủy ban nhân dân quận"
        "\tCác phòng, ban\tQuý III/2025\n"
    )
    path = _write(tmp_path, "vni.txt", _encode_vni(plan))
    assert main(["parse", str(path), "--json"]) == 0
    out = capsys.readouterr().out
    assert "Xây dựng kế hoạch chuyển đổi số của quận" in out
    assert "Văn phòng Ủy ban nhân dân quận" in out
    assert "VNI" in out


def test_it_parses_a_docx_plan_from_the_command_line(tmp_path, capsys):
    import docx

    document = docx.Document()
    document.add_paragraph("Số: 15/KH-UBND")
    document.add_paragraph("Quận 3, ngày 5 tháng 3 năm 2025")
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Chuyển đổi số năm 2025")
    document.add_paragraph("Ủy ban nhân dân Quận 3 xây dựng kế hoạch như sau:")
    table = document.add_table(rows=3, cols=5)
    rows = [
        ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
        ["1", "Xây dựng kho dữ liệu dùng chung", "Văn phòng UBND", "Các phòng", "Quý IV/2025"],
        ["2", "Đào tạo kỹ năng số", "Phòng Nội vụ", "", "Hằng năm"],
    ]
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "ke-hoach.docx"
    document.save(str(path))
    assert main(["parse", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["parser"] == "docx+text-tables"
    assert data["document"]["number"] == "15/KH-UBND"
    assert [(t["number"], t["lead"], t["deadline"]) for t in data["tasks"]] == [
        ("1", "Văn phòng UBND", "Quý IV/2025"),
        ("2", "Phòng Nội vụ", "Hằng năm"),
    ]
