"""Comparing a file's rows with a stored plan's rows."""

from __future__ import annotations

from nq57.plans.diff import TASK_FIELDS, Status, diff_rows, summary


def _task(number: str, name: str, **fields: str) -> dict[str, str]:
    return {"appendix": "Phụ lục II", "section": "I", "number": number, "name": name, **fields}


OLD = [
    _task("1", "Tuyên truyền Nghị quyết số 57-NQ/TW", lead="Phòng Văn hóa", deadline="2025"),
    _task("2", "Tổ chức hội thảo về chuyển đổi số", lead="Phòng Nội vụ", deadline="Quý II/2025"),
    _task("3", "Xây dựng cơ sở dữ liệu dùng chung", lead="Văn phòng", deadline="2026"),
]


def test_it_finds_nothing_changed_in_the_same_rows_despite_spacing():
    new = [dict(row) for row in OLD]
    new[0]["name"] = " Tuyên  truyền\nNghị quyết số 57-NQ/TW"
    diffs = diff_rows(OLD, new, TASK_FIELDS)
    assert [d.status for d in diffs] == [Status.SAME] * 3
    assert [(d.old, d.new) for d in diffs] == [(0, 0), (1, 1), (2, 2)]


def test_it_reports_the_changed_fields_with_before_and_after():
    new = [dict(row) for row in OLD]
    new[1]["deadline"] = "Quý III/2025"
    diffs = diff_rows(OLD, new, TASK_FIELDS)
    assert diffs[1].status is Status.CHANGED
    assert [(c.field, c.label, c.before, c.after) for c in diffs[1].changes] == [
        ("deadline", "Thời gian", "Quý II/2025", "Quý III/2025")
    ]


def test_it_pairs_a_reworded_task_by_its_place_and_a_moved_task_by_its_name():
    new = [
        _task(
            "1",
            "Tuyên truyền sâu rộng Nghị quyết số 57-NQ/TW",
            lead="Phòng Văn hóa",
            deadline="2025",
        ),
        _task("2", "Xây dựng cơ sở dữ liệu dùng chung", lead="Văn phòng", deadline="2026"),
        _task("3", "Bồi dưỡng kỹ năng số cho cán bộ", lead="Phòng Nội vụ", deadline="2027"),
    ]
    diffs = diff_rows(OLD, new, TASK_FIELDS)
    assert [(d.status, d.old, d.new) for d in diffs] == [
        (Status.CHANGED, 0, 0),
        (Status.CHANGED, 2, 1),  # moved from number 3 to 2
        (Status.ADDED, None, 2),
        (Status.REMOVED, 1, None),
    ]
    assert [c.field for c in diffs[0].changes] == ["name"]
    assert [c.field for c in diffs[1].changes] == ["number"]
    assert summary(diffs) == {"same": 0, "changed": 2, "added": 1, "removed": 1}


def test_it_reports_a_change_of_case_or_punctuation_as_a_change():
    new = [dict(row) for row in OLD]
    new[0]["name"] = "Tuyên truyền nghị quyết số 57-NQ/TW."
    assert diff_rows(OLD, new, TASK_FIELDS)[0].status is Status.CHANGED


def test_it_does_not_pair_unrelated_tasks_that_share_a_number():
    new = [_task("1", "Phát triển hạ tầng số dùng chung của quận", lead="Văn phòng")]
    diffs = diff_rows(OLD[:1], new, TASK_FIELDS)
    assert [d.status for d in diffs] == [Status.ADDED, Status.REMOVED]


def test_it_compares_targets_milestone_by_milestone():
    old = [{"number": "1", "name": "Tỷ lệ hồ sơ trực tuyến", "targets": {"2025": "≥ 80%"}}]
    new = [{"number": "1", "name": "Tỷ lệ hồ sơ trực tuyến", "targets": {"2025": "≥ 90%"}}]
    (diff,) = diff_rows(old, new, ("name", "targets"))
    assert diff.changes[0].before == "2025: ≥ 80%"
    assert diff.changes[0].after == "2025: ≥ 90%"


def test_each_old_row_pairs_at_most_once():
    new = [OLD[0], dict(OLD[0])]
    diffs = diff_rows(OLD[:1], new, TASK_FIELDS)
    assert [d.status for d in diffs] == [Status.SAME, Status.ADDED]
