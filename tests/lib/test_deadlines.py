"""nq57.lib.deadlines: every way the seed plans print a task's deadline."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.deadlines import Deadline, DeadlineKind, parse_deadline
from nq57.lib.periods import month_end, quarter_end

D = DeadlineKind

# Every non-empty task deadline of the gold extractions of the five seed plans (../shared/gold),
# copied here so that the tests run from a bare clone.
GOLD_DEADLINES = [
    "02/2025",
    "03/2025",
    "06/2025",
    "12/2025",
    "12/2026",
    "2025",
    "2025 - 2030",
    "2025 và những năm tiếp theo",
    "2025-2030",
    "2026-2030",
    "2027",
    "2030",
    "3/2025",
    "3/2026",
    "4/2025",
    "6/2025",
    "7/2025",
    "8/2025",
    "9/2025",
    "Hoàn thành kết nối tháng 9/2026",
    "Hàng năm",
    "Hằng năm",
    "Khi có chương trình phối hợp, hợp tác",
    "Năm 2025",
    "Năm 2025 và những năm tiếp theo",
    "Năm 2026",
    "Quý 1/2025",
    "Quý 4/2025",
    "Quý II 2025",
    "Quý II/2025",
    "Quý III/2025",
    "Quý IV/2025",
    "Sau khi hệ thống dữ liệu được hoàn thành",
    "Sau khi thành phố ban hành bộ quy tắc",
    "Sau khi thành phố ban hành kế hoạch",
    "Theo hướng dẫn của Sở Nội vụ thành phố",
    "Theo hướng dẫn của thành phố",
    "Theo tiến độ của UBND thành phố",
    "Tháng 12/2025",
    "Tháng 12/2026 Quý I/2026 Quý III/2026 Quý IV/2026",
    "Tháng 9/2025",
    "Thường xuyên",
    "Định kỳ hàng năm",
]


@pytest.mark.parametrize("raw", GOLD_DEADLINES)
def test_it_reads_every_deadline_printed_in_the_seed_plans(raw):
    assert parse_deadline(raw).kind is not D.UNKNOWN


@pytest.mark.parametrize("raw", [None, "", "   ", " - ", "."])
def test_it_calls_an_empty_deadline_unknown(raw):
    deadline = parse_deadline(raw)
    assert deadline == Deadline(raw="" if raw is None else raw, kind=D.UNKNOWN)
    assert deadline.label_vi() == "Chưa xác định"


@pytest.mark.parametrize(
    ("raw", "due"),
    [
        ("trước ngày 15/9/2026", date(2026, 9, 15)),
        ("15/9/2026", date(2026, 9, 15)),
        ("15/09/2026", date(2026, 9, 15)),
        ("ngày 15 tháng 9 năm 2026", date(2026, 9, 15)),
        ("Trước Ngày 15 Tháng 9 Năm 2026.", date(2026, 9, 15)),
        ("15-9-2026", date(2026, 9, 15)),
        ("15.9.2026", date(2026, 9, 15)),
        ("2026-09-15", date(2026, 9, 15)),
        ("chậm nhất ngày 31 / 12 / 2025", date(2025, 12, 31)),
    ],
)
def test_it_reads_a_day(raw, due):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.due, deadline.start) == (D.DATE, due, None)
    assert deadline.raw == raw
    assert deadline.label_vi() == f"Hạn {due:%d/%m/%Y}"


@pytest.mark.parametrize(
    ("raw", "due", "label"),
    [
        ("6/2025", date(2025, 6, 30), "Tháng 6/2025"),
        ("06/2025", date(2025, 6, 30), "Tháng 6/2025"),
        ("02/2025", date(2025, 2, 28), "Tháng 2/2025"),
        ("Tháng 12/2025", date(2025, 12, 31), "Tháng 12/2025"),
        ("tháng 6 năm 2025", date(2025, 6, 30), "Tháng 6/2025"),
        ("THÁNG 6 - 2025", date(2025, 6, 30), "Tháng 6/2025"),
        ("Hoàn thành kết nối tháng 9/2026", date(2026, 9, 30), "Tháng 9/2026"),
        ("Quý III/2025", date(2025, 9, 30), "Quý III/2025"),
        ("Quý II 2025", date(2025, 6, 30), "Quý II/2025"),
        ("Quý 4/2025", date(2025, 12, 31), "Quý IV/2025"),
        ("Quý 1/2025", date(2025, 3, 31), "Quý I/2025"),
        ("Quý IV năm 2025", date(2025, 12, 31), "Quý IV/2025"),
        ("quý ii/2025", date(2025, 6, 30), "Quý II/2025"),
        ("2025", date(2025, 12, 31), "Năm 2025"),
        ("Năm 2026", date(2026, 12, 31), "Năm 2026"),
        ("Trong năm 2026;", date(2026, 12, 31), "Năm 2026"),
        ("Cuối năm 2025", date(2025, 12, 31), "Năm 2025"),
        ("6 tháng đầu năm 2025", date(2025, 6, 30), "6 tháng đầu năm 2025"),
        ("6 tháng cuối năm 2025", date(2025, 12, 31), "6 tháng cuối năm 2025"),
        ("9 tháng đầu năm 2025", date(2025, 9, 30), "Hạn 30/09/2025"),
        ("Đầu năm 2026", date(2026, 3, 31), "Quý I/2026"),
        ("Giữa năm 2026", date(2026, 6, 30), "6 tháng đầu năm 2026"),
        ("trước tháng 6/2025", date(2025, 6, 30), "Tháng 6/2025"),
    ],
)
def test_it_reads_the_end_of_a_month_quarter_half_or_year(raw, due, label):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, due)
    assert deadline.label_vi() == label


@pytest.mark.parametrize(
    ("raw", "start", "due", "label"),
    [
        ("2025 - 2030", date(2025, 1, 1), date(2030, 12, 31), "2025–2030"),
        ("2026-2030", date(2026, 1, 1), date(2030, 12, 31), "2026–2030"),
        ("2025-2030", date(2025, 1, 1), date(2030, 12, 31), "2025–2030"),
        ("Giai đoạn 2025 – 2030", date(2025, 1, 1), date(2030, 12, 31), "2025–2030"),
        ("Giai đoạn 2025—2030.", date(2025, 1, 1), date(2030, 12, 31), "2025–2030"),
        ("Từ năm 2025 đến năm 2030", date(2025, 1, 1), date(2030, 12, 31), "2025–2030"),
        ("năm 2025 - năm 2027", date(2025, 1, 1), date(2027, 12, 31), "2025–2027"),
        (
            "Từ tháng 6/2025 đến hết tháng 12/2025",
            date(2025, 6, 1),
            date(2025, 12, 31),
            "01/06/2025–31/12/2025",
        ),
        ("Quý III/2025 - Quý I/2026", date(2025, 7, 1), date(2026, 3, 31), "01/07/2025–31/03/2026"),
    ],
)
def test_it_reads_a_window(raw, start, due, label):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.start, deadline.due) == (D.WINDOW, start, due)
    assert deadline.label_vi() == label


def test_it_does_not_make_a_window_that_ends_before_it_starts():
    deadline = parse_deadline("2030 - 2025")
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, date(2030, 12, 31))
    assert [p.due for p in deadline.parts] == [date(2030, 12, 31), date(2025, 12, 31)]


@pytest.mark.parametrize(
    ("raw", "recurrence", "start", "label"),
    [
        ("Hàng năm", "yearly", None, "Hằng năm"),
        ("Hằng năm", "yearly", None, "Hằng năm"),
        ("HẰNG NĂM", "yearly", None, "Hằng năm"),
        ("Định kỳ hàng năm", "yearly", None, "Hằng năm"),
        ("Mỗi năm một lần", "yearly", None, "Hằng năm"),
        ("Năm 2025 và những năm tiếp theo", "yearly", date(2025, 1, 1), "Hằng năm từ 2025"),
        ("2025 và những năm tiếp theo", "yearly", date(2025, 1, 1), "Hằng năm từ 2025"),
        ("Từ năm 2026 trở đi", "yearly", date(2026, 1, 1), "Hằng năm từ 2026"),
        ("Hàng quý", "quarterly", None, "Hằng quý"),
        ("Định kỳ hằng quý", "quarterly", None, "Hằng quý"),
        ("Hằng tháng", "monthly", None, "Hằng tháng"),
        ("6 tháng/lần", "half_yearly", None, "6 tháng/lần"),
        ("6 tháng một lần", "half_yearly", None, "6 tháng/lần"),
        ("Định kỳ 6 tháng", "half_yearly", None, "6 tháng/lần"),
        ("Định kỳ", None, None, "Định kỳ"),
        ("Hằng quý, hằng năm", "quarterly", None, "Hằng quý"),
    ],
)
def test_it_reads_a_recurring_deadline(raw, recurrence, start, label):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.recurrence, deadline.start) == (D.RECURRING, recurrence, start)
    assert deadline.due is None
    assert deadline.label_vi() == label


def test_it_bounds_a_recurring_deadline_by_a_printed_window():
    deadline = parse_deadline("Hằng năm, giai đoạn 2025 - 2030")
    assert (deadline.kind, deadline.recurrence) == (D.RECURRING, "yearly")
    assert (deadline.start, deadline.due) == (date(2025, 1, 1), date(2030, 12, 31))
    assert deadline.label_vi() == "Hằng năm (2025–2030)"


def test_it_prefers_a_yearly_report_day_over_thuong_xuyen():
    deadline = parse_deadline("Thường xuyên; báo cáo trước 15/12 hằng năm")
    assert (deadline.kind, deadline.recurrence) == (D.RECURRING, "yearly")
    assert (deadline.anchor_month, deadline.anchor_day) == (12, 15)
    assert deadline.label_vi() == "Hằng năm, hạn 15/12"
    assert deadline.occurrences(date(2025, 1, 1), date(2026, 12, 31)) == [
        date(2025, 12, 15),
        date(2026, 12, 15),
    ]


def test_it_reads_the_month_and_the_day_of_recurring_reports():
    assert parse_deadline("Tháng 12 hằng năm").anchor_month == 12
    monthly = parse_deadline("Trước ngày 25 hằng tháng")
    assert (monthly.recurrence, monthly.anchor_month, monthly.anchor_day) == ("monthly", None, 25)
    assert monthly.occurrences(date(2025, 1, 1), date(2025, 3, 31)) == [
        date(2025, 1, 25),
        date(2025, 2, 25),
        date(2025, 3, 25),
    ]
    yearly = parse_deadline("Ngày 15 tháng 6 hằng năm")
    assert (yearly.anchor_month, yearly.anchor_day) == (6, 15)


@pytest.mark.parametrize(
    "raw",
    [
        "Thường xuyên",
        "Liên tục",
        "Thường xuyên, liên tục",
        "thường  xuyên.",
        "Lâu dài",
        "Hằng tuần",
    ],
)
def test_it_reads_an_ongoing_deadline(raw):
    deadline = parse_deadline(raw)
    assert deadline == Deadline(raw=raw, kind=D.ONGOING)
    assert deadline.label_vi() == "Thường xuyên"


@pytest.mark.parametrize(
    "raw",
    [
        "Sau khi thành phố ban hành bộ quy tắc",
        "Theo hướng dẫn của Sở Nội vụ thành phố",
        "Khi có yêu cầu",
        "Theo tiến độ của UBND thành phố",
        "Khi có chương trình phối hợp, hợp tác",
        "Sau khi hệ thống dữ liệu được hoàn thành",
        "Tùy theo tình hình thực tế",
        "Theo kế hoạch năm 2025 của thành phố",
    ],
)
def test_it_reads_a_conditional_deadline_and_keeps_the_trigger(raw):
    deadline = parse_deadline(raw)
    assert deadline == Deadline(raw=raw, kind=D.CONDITIONAL, trigger=raw)
    assert deadline.label_vi() == "Có điều kiện"


def test_it_dates_a_condition_only_from_a_printed_date():
    deadline = parse_deadline("Sau khi thành phố ban hành kế hoạch, chậm nhất 31/12/2025")
    assert (deadline.kind, deadline.due) == (D.CONDITIONAL, date(2025, 12, 31))
    assert deadline.label_vi() == "Hạn 31/12/2025 (có điều kiện)"


def test_it_reads_several_deadlines_in_one_cell_and_keeps_the_latest():
    raw = "Tháng 12/2026 Quý I/2026 Quý III/2026 Quý IV/2026"
    deadline = parse_deadline(raw)
    assert deadline.raw == raw
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, date(2026, 12, 31))
    assert [(p.raw, p.kind, p.due) for p in deadline.parts] == [
        ("Tháng 12/2026", D.PERIOD_END, date(2026, 12, 31)),
        ("Quý I/2026", D.PERIOD_END, date(2026, 3, 31)),
        ("Quý III/2026", D.PERIOD_END, date(2026, 9, 30)),
        ("Quý IV/2026", D.PERIOD_END, date(2026, 12, 31)),
    ]
    assert deadline.label_vi() == "Tháng 12/2026 (4 mốc)"


def test_it_takes_the_kind_of_the_latest_part():
    deadline = parse_deadline("Quý II/2025; trước ngày 15/9/2025")
    assert (deadline.kind, deadline.due) == (D.DATE, date(2025, 9, 15))
    assert len(deadline.parts) == 2


@pytest.mark.parametrize(
    ("raw", "parts", "due"),
    [
        ("Quý I, II/2026", ["Quý I/2026", "Quý II/2026"], date(2026, 6, 30)),
        ("Quý I và quý II năm 2026", ["Quý I/2026", "Quý II/2026"], date(2026, 6, 30)),
        (
            "Tháng 6, 9, 12/2025",
            ["Tháng 6/2025", "Tháng 9/2025", "Tháng 12/2025"],
            date(2025, 12, 31),
        ),
    ],
)
def test_it_reads_a_list_of_quarters_or_months_sharing_a_year(raw, parts, due):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, due)
    assert [p.raw for p in deadline.parts] == parts


@pytest.mark.parametrize(
    ("raw", "start", "due"),
    [
        ("Quý III - IV/2025", date(2025, 7, 1), date(2025, 12, 31)),
        ("tháng 6 - 9/2025", date(2025, 6, 1), date(2025, 9, 30)),
    ],
)
def test_it_reads_a_dashed_pair_sharing_a_year_as_a_window(raw, start, due):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.start, deadline.due) == (D.WINDOW, start, due)


@pytest.mark.parametrize(
    ("raw", "start", "label"),
    [
        ("Từ năm 2025", date(2025, 1, 1), "Thường xuyên từ 2025"),
        ("Từ 2025", date(2025, 1, 1), "Thường xuyên từ 2025"),
        ("Bắt đầu từ tháng 7/2025", date(2025, 7, 1), "Thường xuyên từ tháng 7/2025"),
        ("Từ ngày 15/7/2025", date(2025, 7, 15), "Thường xuyên từ 15/07/2025"),
    ],
)
def test_it_reads_a_lone_start_as_ongoing_from_then(raw, start, label):
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.start, deadline.due) == (D.ONGOING, start, None)
    assert deadline.label_vi() == label


def test_it_leaves_an_open_ended_recurrence_without_an_end():
    deadline = parse_deadline("2025 – 2026 và những năm tiếp theo")
    assert (deadline.kind, deadline.recurrence) == (D.RECURRING, "yearly")
    assert (deadline.start, deadline.due) == (date(2025, 1, 1), None)


def test_it_prefers_a_printed_date_over_thuong_xuyen():
    deadline = parse_deadline("Thường xuyên, hoàn thành trước 30/6/2025")
    assert (deadline.kind, deadline.due) == (D.DATE, date(2025, 6, 30))


@pytest.mark.parametrize(
    "raw",
    [
        "Chưa rõ",
        "31/2/2026",
        "Tháng 13/2025",
        "tháng 13 năm 2025",
        "Quý V/2025",
        "Quý V, I/2026",
        "12.2025",
        "trước 15/12",
        "Theo Quyết định 2629/QĐ-TTg",
        "193/2025/QH15",
        "N/A",
    ],
)
def test_it_never_guesses_a_date_it_cannot_read(raw):
    deadline = parse_deadline(raw)
    assert deadline.kind in (D.UNKNOWN, D.CONDITIONAL)
    assert deadline.due is None


def test_it_gives_kinds_vietnamese_labels():
    assert [k.label for k in D] == [
        "Ngày cụ thể",
        "Cuối kỳ",
        "Giai đoạn",
        "Định kỳ",
        "Thường xuyên",
        "Có điều kiện",
        "Chưa xác định",
    ]


class TestOverdue:
    def test_it_is_overdue_only_after_the_due_day(self):
        deadline = parse_deadline("Quý III/2025")
        assert not deadline.is_overdue(date(2025, 9, 30))
        assert deadline.is_overdue(date(2025, 10, 1))

    def test_it_is_not_overdue_once_completed(self):
        deadline = parse_deadline("15/9/2026")
        assert not deadline.is_overdue(date(2026, 10, 1), completed_on=date(2026, 9, 1))
        assert not deadline.is_overdue(date(2026, 10, 1), completed_on=date(2026, 9, 20))
        assert deadline.is_overdue(date(2026, 10, 1), completed_on=date(2026, 10, 5))

    def test_it_tells_late_completion_apart(self):
        deadline = parse_deadline("15/9/2026")
        assert deadline.completed_late(date(2026, 9, 16))
        assert not deadline.completed_late(date(2026, 9, 15))
        assert not parse_deadline("Thường xuyên").completed_late(date(2030, 1, 1))

    def test_it_makes_a_window_overdue_after_its_end(self):
        deadline = parse_deadline("2025 - 2030")
        assert not deadline.is_overdue(date(2030, 12, 31))
        assert deadline.is_overdue(date(2031, 1, 1))

    @pytest.mark.parametrize(
        "raw", ["Thường xuyên", "Hằng năm", "Sau khi thành phố ban hành bộ quy tắc", "", "???"]
    )
    def test_it_never_dates_undated_kinds_overdue(self, raw):
        assert not parse_deadline(raw).is_overdue(date(2099, 1, 1))

    def test_it_makes_a_dated_condition_overdue(self):
        deadline = parse_deadline("Sau khi có hướng dẫn, chậm nhất 30/6/2025")
        assert deadline.is_overdue(date(2025, 7, 1))


class TestOccurrences:
    def test_it_lists_yearly_occurrences_on_31_december(self):
        deadline = parse_deadline("Hàng năm")
        assert deadline.occurrences(date(2025, 1, 1), date(2027, 12, 31)) == [
            date(2025, 12, 31),
            date(2026, 12, 31),
            date(2027, 12, 31),
        ]

    def test_it_starts_occurrences_at_the_printed_start(self):
        deadline = parse_deadline("Năm 2026 và những năm tiếp theo")
        assert deadline.occurrences(date(2024, 1, 1), date(2027, 6, 30)) == [date(2026, 12, 31)]

    def test_it_lists_quarterly_monthly_and_half_yearly_occurrences(self):
        assert parse_deadline("Hằng quý").occurrences(date(2025, 5, 1), date(2025, 12, 31)) == [
            date(2025, 6, 30),
            date(2025, 9, 30),
            date(2025, 12, 31),
        ]
        assert parse_deadline("Hằng tháng").occurrences(date(2024, 1, 1), date(2024, 3, 31)) == [
            date(2024, 1, 31),
            date(2024, 2, 29),
            date(2024, 3, 31),
        ]
        assert parse_deadline("6 tháng/lần").occurrences(date(2025, 1, 1), date(2025, 12, 31)) == [
            date(2025, 6, 30),
            date(2025, 12, 31),
        ]

    def test_it_has_no_occurrences_without_a_frequency(self):
        assert parse_deadline("Định kỳ").occurrences(date(2025, 1, 1), date(2030, 1, 1)) == []

    def test_it_gives_a_dated_deadline_its_due_day_as_only_occurrence(self):
        deadline = parse_deadline("Quý II/2025")
        assert deadline.occurrences(date(2025, 1, 1), date(2025, 12, 31)) == [date(2025, 6, 30)]
        assert deadline.occurrences(date(2025, 7, 1), date(2025, 12, 31)) == []


def test_it_serialises_to_json_and_back():
    deadline = parse_deadline("Tháng 12/2026 Quý I/2026")
    data = deadline.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["kind"] == "period_end"
    assert data["due"] == "2026-12-31"
    assert data["label"] == "Tháng 12/2026 (2 mốc)"
    assert data["parts"][1]["due"] == "2026-03-31"
    assert Deadline.from_dict(data) == deadline


@pytest.mark.parametrize("raw", GOLD_DEADLINES)
def test_it_round_trips_every_seed_deadline_through_a_dict(raw):
    deadline = parse_deadline(raw)
    assert Deadline.from_dict(deadline.to_dict()) == deadline


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
years = st.integers(min_value=1900, max_value=2199)


@given(
    st.integers(min_value=1, max_value=12), years, st.booleans(), st.sampled_from(["", "Tháng "])
)
def test_it_reads_any_month_as_the_end_of_that_month(month, year, pad, prefix):
    raw = f"{prefix}{month:02d}/{year}" if pad else f"{prefix}{month}/{year}"
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, month_end(year, month))


@given(
    st.integers(min_value=1, max_value=4),
    years,
    st.booleans(),
    st.sampled_from(["/", " ", " năm "]),
)
def test_it_reads_any_quarter_as_the_end_of_that_quarter(q, year, roman, sep):
    raw = f"Quý {ROMAN[q] if roman else q}{sep}{year}"
    deadline = parse_deadline(raw)
    assert (deadline.kind, deadline.due) == (D.PERIOD_END, quarter_end(year, q))


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31)))
def test_it_reads_any_day(d):
    for raw in (f"{d.day}/{d.month}/{d.year}", f"ngày {d.day} tháng {d.month} năm {d.year}"):
        deadline = parse_deadline(raw)
        assert (deadline.kind, deadline.due) == (D.DATE, d)


@given(st.text(max_size=60))
def test_it_never_raises_and_keeps_the_raw_text(raw):
    deadline = parse_deadline(raw)
    assert deadline.raw == raw
    assert isinstance(deadline.label_vi(), str)
    if deadline.kind in (D.UNKNOWN, D.ONGOING):
        assert deadline.due is None
