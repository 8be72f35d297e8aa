"""Reading tables from text: the rules of nq57.ingest.tables / text / cells / columns."""

from __future__ import annotations

from nq57.ingest.cells import clean_cell, join_cells
from nq57.ingest.columns import Role, TableKind, read_header
from nq57.ingest.text import TextTableParser, appendix_label, split_row


def parse(text: str):
    return TextTableParser().parse(text.split("\n"))


TASK_HEADER = "STT\tTên nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành"


def test_it_strips_markup_and_writes_latex_comparators():
    assert clean_cell("$\\geq 80$") == "≥ 80"
    assert clean_cell("$\\geq 3\\%$ và tăng dần") == "≥ 3% và tăng dần"
    assert clean_cell("$> 0,7$") == "> 0,7"
    assert clean_cell("<b>II.</b>") == "II."
    assert clean_cell("**Phụ lục I**") == "Phụ lục I"
    assert (
        clean_cell("Các Trung tâm <u>thực sự</u> đóng vai trò")
        == "Các Trung tâm thực sự đóng vai trò"
    )
    assert clean_cell("≥ 15% <i>(được hỗ trợ)</i>") == "≥ 15% (được hỗ trợ)"


def test_it_turns_an_html_list_in_a_cell_into_items_joined_by_semicolons():
    cell = (
        '<ul style="list-style-type: none"> - Vận hành dựa trên dữ liệu; '
        "- Ứng dụng AI, kinh tế - xã hội"
    )
    assert clean_cell(cell) == "Vận hành dựa trên dữ liệu; Ứng dụng AI, kinh tế - xã hội"
    assert clean_cell("<ul><li>Một</li><li>Hai</li></ul>") == "Một; Hai"


def test_it_joins_a_continuation_and_drops_a_repeated_overlap():
    assert join_cells("Phòng Văn hóa,", "Khoa học và Thông tin huyện;") == (
        "Phòng Văn hóa, Khoa học và Thông tin huyện;"
    )
    head = "giáo dục (đào tạo AI cho học sinh các cấp, giáo"
    tail = "AI cho học sinh các cấp, giáo dục thông minh"
    assert (
        join_cells(head, tail) == "giáo dục (đào tạo AI cho học sinh các cấp, giáo dục thông minh"
    )
    assert join_cells("Quý", "1/2025") == "Quý 1/2025"
    assert join_cells("", "x") == "x"


def test_it_finds_columns_by_meaning_not_position():
    layout = read_header(
        [
            "Stt",
            "Chỉ tiêu",
            "Năm 2025",
            "Đến hết năm 2030",
            "2025-2027",
            "Cơ quan chủ trì theo dõi, đánh giá",
            "Cơ quan phối hợp",
            "Sản phẩm đầu ra",
            "Nguồn kinh phí",
        ]
    )
    assert layout is not None
    assert layout.kind is TableKind.INDICATORS
    assert [c.role for c in layout.columns] == [
        Role.NUMBER,
        Role.NAME,
        Role.MILESTONE,
        Role.MILESTONE,
        Role.MILESTONE,
        Role.LEAD,
        Role.COORDINATING,
        Role.OUTPUT,
        Role.EXTRA,
    ]
    assert [c.milestone for c in layout.all(Role.MILESTONE)] == ["2025", "2030", "2025-2027"]
    tasks = read_header(TASK_HEADER.split("\t"))
    assert tasks is not None and tasks.kind is TableKind.TASKS
    assert read_header(["Nội dung", "Ghi chú"]) is None


def test_it_treats_a_single_agency_column_of_an_indicator_table_as_lead():
    layout = read_header(
        ["STT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"]
    )
    assert layout is not None
    assert layout.first(Role.LEAD) is not None
    assert layout.first(Role.COORDINATING) is None


def test_it_reads_sections_continuations_and_repeated_headers():
    text = "\n".join(
        [
            "Phụ lục II",
            TASK_HEADER,
            "I.\tNâng cao nhận thức\t\t\t",
            "1\tTriển khai chương trình tuyên truyền về khoa\tPhòng Văn hóa,\tCác phòng, ban\tQuý",
            "",
            TASK_HEADER,
            "\thọc, công nghệ\tKhoa học và Thông tin huyện\t\t1/2025",
            "<b>II.</b>\t<b>Hoàn thiện thể chế</b>\t\t\t",
            "2\tRà soát quy định\tPhòng Nội vụ\t\tThường xuyên",
        ]
    )
    tasks, indicators, _ = parse(text)
    assert indicators == []
    assert [(t.section, t.number, t.name, t.lead, t.coordinating, t.deadline) for t in tasks] == [
        (
            "I",
            "1",
            "Triển khai chương trình tuyên truyền về khoa học, công nghệ",
            "Phòng Văn hóa, Khoa học và Thông tin huyện",
            "Các phòng, ban",
            "Quý 1/2025",
        ),
        ("II", "2", "Rà soát quy định", "Phòng Nội vụ", None, "Thường xuyên"),
    ]
    assert tasks[0].section_title == "Nâng cao nhận thức"
    assert tasks[0].appendix == "Phụ lục II"
    assert (tasks[0].source.line_start, tasks[0].source.line_end) == (4, 7)


def test_it_reads_numbering_that_restarts_per_section_and_headings_in_one_cell():
    text = "\n".join(
        [
            TASK_HEADER,
            "VI Thúc đẩy doanh nghiệp\t\t\t\t",
            "1\tA\tPhòng A\tPhòng B\t2025",
            "VII. Hợp tác quốc tế\t\t\t\t",
            "1\tB\tPhòng A\tPhòng B\t2026",
        ]
    )
    tasks, _, _ = parse(text)
    assert [(t.section, t.section_title, t.number) for t in tasks] == [
        ("VI", "Thúc đẩy doanh nghiệp", "1"),
        ("VII", "Hợp tác quốc tế", "1"),
    ]


def test_it_keys_a_single_result_column_by_the_year_of_its_group():
    text = "\n".join(
        [
            "STT\tChỉ tiêu\tĐơn vị\tKết quả\tCơ quan chủ trì theo dõi, đánh giá",
            "I\tĐến năm 2030\t\t\t",
            "1\tChỉ tiêu về thủ tục hành chính\t\t\t",
            "1.1\tTỷ lệ dịch vụ công trực tuyến\t%\t$\\geq 80$\tVăn phòng UBND",
            "2\tHạ tầng số\t\tTiên tiến, hiện đại\tPhòng Văn hóa",
            "II\t<b>Đến năm 2045</b>\t\t\t",
            "3\tChỉ số sáng tạo\tThứ bậc\t≤ 1 0\tPhòng Văn hóa",
        ]
    )
    _, indicators, _ = parse(text)
    assert [(i.group, i.subgroup, i.code, i.unit, i.targets) for i in indicators] == [
        ("I Đến năm 2030", "1 Chỉ tiêu về thủ tục hành chính", "1.1", "%", {"2030": "≥ 80"}),
        ("I Đến năm 2030", None, "2", None, {"2030": "Tiên tiến, hiện đại"}),
        ("II Đến năm 2045", None, "3", "Thứ bậc", {"2045": "≤ 1 0"}),
    ]


def test_it_leaves_dash_milestones_out_and_reads_group_lines_without_tabs():
    text = "\n".join(
        [
            "STT\tChỉ tiêu/Giai đoạn\tĐến hết năm 2025\tĐến hết năm 2030\tĐến hết năm 2035",
            "1) Phát triển hạ tầng\t\t\t\t",
            "1\tTỷ lệ phủ sóng 6G\t-\tĐạt 50%\t",
            "",
            "2) Phát triển nguồn lực",
            "",
            "1\tTỷ lệ chi ngân sách\t$\\geq 1,5\\%$\t$\\geq 2\\%$\t-",
            "---\t---\t---\t---\t---",
        ]
    )
    _, indicators, _ = parse(text)
    assert [(i.group, i.code, i.targets) for i in indicators] == [
        ("1) Phát triển hạ tầng", "1", {"2030": "Đạt 50%"}),
        ("2) Phát triển nguồn lực", "1", {"2025": "≥ 1,5%", "2030": "≥ 2%"}),
    ]


def test_it_gives_a_displaced_number_back_as_an_unnumbered_record_with_a_warning():
    text = "\n".join(
        [
            "STT\tChỉ tiêu\tĐến năm 2030\tĐến năm 2035",
            "12\tSố công trình đạt giải\t≥ 03\t≥ 05",
            "",
            "\tLàm chủ công nghệ chiến lược\t\tLàm chủ một số công nghệ",
            "13\t\t\t",
            "14\tỨng dụng công nghệ hiện đại\tCó\tCó",
        ]
    )
    _, indicators, warnings = parse(text)
    assert [(i.code, i.name, i.targets) for i in indicators] == [
        ("12", "Số công trình đạt giải", {"2030": "≥ 03", "2035": "≥ 05"}),
        (None, "Làm chủ công nghệ chiến lược", {"2035": "Làm chủ một số công nghệ"}),
        ("14", "Ứng dụng công nghệ hiện đại", {"2030": "Có", "2035": "Có"}),
    ]
    assert any("«13»" in w.message for w in warnings)


def test_it_keeps_sub_items_of_a_task_and_joins_them():
    text = "\n".join(
        [
            "STT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tSản phẩm đầu ra"
            "\tThời gian thực hiện",
            "21\tỨng dụng CNTT trong giáo dục:\tPhòng Văn hóa\tCác trường\t\t",
            "",
            "\tTạo lập CSDL văn bằng\t\t\tCSDL văn bằng\tTháng 12/2026",
            "\tTriển khai CSDL tuyển sinh\t\t\tHệ thống tuyển sinh\tQuý I/2026",
        ]
    )
    tasks, _, _ = parse(text)
    assert len(tasks) == 1
    task = tasks[0]
    assert task.deadline == "Tháng 12/2026 Quý I/2026"
    assert task.output == "CSDL văn bằng Hệ thống tuyển sinh"
    assert task.subitems == [
        {"name": "Tạo lập CSDL văn bằng", "output": "CSDL văn bằng", "deadline": "Tháng 12/2026"},
        {
            "name": "Triển khai CSDL tuyển sinh",
            "output": "Hệ thống tuyển sinh",
            "deadline": "Quý I/2026",
        },
    ]


def test_it_keeps_unknown_columns_as_named_extras():
    text = "\n".join(
        [
            "STT\tTên nhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành\tNguồn kinh phí",
            "1\tXây dựng đề án\tSở Khoa học và Công nghệ\t2026\tNgân sách thành phố",
        ]
    )
    tasks, _, _ = parse(text)
    assert tasks[0].extras == {"Nguồn kinh phí": "Ngân sách thành phố"}


def test_it_reads_markdown_pipe_tables():
    text = "\n".join(
        [
            "| STT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |",
            "|---|---|---|---|---|",
            "| 1 | **Xây dựng** kế hoạch | Sở Nội vụ | Các sở, ngành | Quý III/2025 |",
        ]
    )
    tasks, _, _ = parse(text)
    assert [(t.number, t.name, t.deadline) for t in tasks] == [
        ("1", "Xây dựng kế hoạch", "Quý III/2025")
    ]
    assert split_row("văn bản thường") is None


def test_it_recognises_appendix_lines_but_not_captions_or_sentences():
    assert appendix_label("**Phụ lục I**") == "Phụ lục I"
    assert appendix_label("PHỤ LỤC III: DANH MỤC CÁC NHIỆM VỤ") == "Phụ lục III"
    assert appendix_label("PHỤ LỤC") == "PHỤ LỤC"
    assert appendix_label("(Chi tiết tại Phụ lục II).") is None
    assert appendix_label("Phụ lục kèm theo kế hoạch này gồm các nhiệm vụ") is None


def test_it_reads_a_two_row_header_with_lead_and_coordinating_under_one_agency_cell():
    text = "\n".join(
        [
            "TT\tNhiệm vụ, giải pháp\tCơ quan thực hiện\t\tThời hạn\tKết quả/sản phẩm",
            "\t\tChủ trì\tPhối hợp\t\t",
            "1\tXây dựng cơ sở dữ liệu\tSở Nội vụ\tCác sở, ngành\tQuý IV/2025\tCơ sở dữ liệu",
            "",
            "TT\tNhiệm vụ, giải pháp\tCơ quan thực hiện\t\tThời hạn\tKết quả/sản phẩm",
            "\t\tChủ trì\tPhối hợp\t\t",
            "2\tĐào tạo kỹ năng số\tSở Giáo dục và Đào tạo\t\tHằng năm\tBáo cáo",
        ]
    )
    tasks, indicators, warnings = parse(text)
    assert indicators == [] and warnings == []
    assert [(t.number, t.lead, t.coordinating, t.deadline, t.output) for t in tasks] == [
        ("1", "Sở Nội vụ", "Các sở, ngành", "Quý IV/2025", "Cơ sở dữ liệu"),
        ("2", "Sở Giáo dục và Đào tạo", None, "Hằng năm", "Báo cáo"),
    ]


def test_it_reads_milestone_years_from_a_second_header_row():
    text = "\n".join(
        [
            "STT\tChỉ tiêu\tĐơn vị tính\tMục tiêu\t\tCơ quan chủ trì",
            "\t\t\tNăm 2025\tNăm 2030\t",
            "1\tTỷ lệ hồ sơ trực tuyến\t%\t≥ 70\t100\tVăn phòng UBND",
        ]
    )
    _, indicators, _ = parse(text)
    assert [(i.code, i.unit, i.targets, i.lead) for i in indicators] == [
        ("1", "%", {"2025": "≥ 70", "2030": "100"}, "Văn phòng UBND"),
    ]


def test_it_does_not_take_a_data_row_full_of_header_words_for_a_header():
    text = "\n".join(
        [
            TASK_HEADER,
            "1\tNội dung tuyên truyền\tSở Nội vụ chủ trì\tPhối hợp các sở\t2025",
            "2\tChỉ tiêu về dịch vụ công\tVăn phòng UBND chủ trì\tCác sở phối hợp\t2026",
        ]
    )
    tasks, _, _ = parse(text)
    assert [(t.number, t.lead, t.deadline) for t in tasks] == [
        ("1", "Sở Nội vụ chủ trì", "2025"),
        ("2", "Văn phòng UBND chủ trì", "2026"),
    ]


def test_it_takes_a_numbered_row_without_data_followed_by_its_children_as_a_section():
    text = "\n".join(
        [
            TASK_HEADER,
            "I.\tTHỂ CHẾ\t\t\t\t",
            "1\tNhóm nhiệm vụ về thể chế\t\t\t",
            "1.1\tRà soát quy định\tSở Tư pháp\tCác sở\t2025",
            "1.2\tBan hành quy chế\tSở Nội vụ\t\t2026",
            "2\tTuyên truyền\tSở Văn hóa\t\tThường xuyên",
        ]
    )
    tasks, _, _ = parse(text)
    assert [(t.section, t.section_title, t.number) for t in tasks] == [
        ("1", "Nhóm nhiệm vụ về thể chế", "1.1"),
        ("1", "Nhóm nhiệm vụ về thể chế", "1.2"),
        ("I", "THỂ CHẾ", "2"),
    ]


def test_it_takes_an_unnumbered_bold_row_for_a_heading_not_a_continuation():
    text = "\n".join(
        [
            TASK_HEADER,
            "1\tRà soát quy định\tSở Tư pháp\t\t2025",
            "\t<b>Nhóm nhiệm vụ về hạ tầng số</b>\t\t\t",
            "2\tPhủ sóng 5G\tSở Khoa học và Công nghệ\t\t2026",
            "\tcho toàn thành phố\t\t\t",
        ]
    )
    tasks, _, _ = parse(text)
    assert [(t.number, t.name, t.section_title) for t in tasks] == [
        ("1", "Rà soát quy định", None),
        ("2", "Phủ sóng 5G cho toàn thành phố", "Nhóm nhiệm vụ về hạ tầng số"),
    ]


def test_it_reads_appendix_labels_written_with_so():
    assert appendix_label("PHỤ LỤC SỐ 02") == "Phụ lục 02"
    assert appendix_label("Phụ lục số 1: Danh mục nhiệm vụ") == "Phụ lục 1"


def test_it_keys_a_result_column_by_the_horizon_of_the_appendix_heading():
    text = "\n".join(
        [
            "PHỤ LỤC I",
            "DANH MỤC CHỈ TIÊU CHUYỂN ĐỔI SỐ ĐẾN NĂM 2030",
            "(Kèm theo Kế hoạch số 12/KH-UBND ngày 10 tháng 3 năm 2025)",
            "STT\tChỉ tiêu\tĐơn vị tính\tKết quả\tCơ quan chủ trì",
            "1\tTỷ lệ hồ sơ trực tuyến\t%\t100\tVăn phòng UBND",
            "PHỤ LỤC II",
            "STT\tChỉ tiêu\tĐơn vị tính\tKết quả\tCơ quan chủ trì",
            "1\tSố doanh nghiệp số\tDoanh nghiệp\t50\tPhòng Kinh tế",
        ]
    )
    _, indicators, _ = parse(text)
    assert [i.targets for i in indicators] == [{"2030": "100"}, {"Kết quả": "50"}]
