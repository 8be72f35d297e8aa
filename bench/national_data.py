"""A synthetic national dataset for bench_national.py: the country, its 34 provinces, their
communes, one published plan per commune with 100 tasks, a monthly reporting regime for 2025 and
a year of the communes' reports.

Import it after `django.setup()`. `load(communes=3300)` writes, into an empty migrated database:
- units: 'Việt Nam' (central) → 34 provinces ('Thành phố Hà Nội', 'Tỉnh Lào Cai', …, level city
  or province) each with its 'Ủy ban nhân dân …' (same level) and its share of the communes
  ('Xã …'/'Phường …', level commune) → 'Ủy ban nhân dân xã …' → three offices ('Văn phòng HĐND và
  UBND xã …', 'Phòng Kinh tế xã …' or 'Phòng Kinh tế, Hạ tầng và Đô thị phường …', 'Phòng Văn
  hóa - Xã hội xã …', level department); a superuser `bench_admin` and, per province, a leader
  `lanhdao_NN` (`Membership` LEADER at the province itself: a leader reads the plans issued in
  its unit's subtree, and the communes hang under the province, as 'Xã Chí Minh' under 'Thành
  phố Hải Phòng' in the demo);
- per commune, the plan its committee issued, as `plans.actions.import_plan(publish=True)`
  stores it (issuer, number, status published, one cited document, five task sections and an
  indicator group, every deadline read by `lib.deadlines.parse_deadline`, targets by
  `lib.targets.parse_target`, indicator kinds by `lib.indicator_kinds.infer`): 100 tasks
  (deadlines mostly a day or the end of a month/quarter/year in 2025–2026, some recurring or
  ongoing, a few conditional or unreadable), each led by one office (about one in eight by the
  committee itself), about one in four with one or two coordinating offices; 4 indicators with
  two milestones, led by an office;
- a monthly regime for 2025 (due the 10th of the next month, 17:00, rolled back off weekends),
  as `reporting.actions.set_regimes` stores it: the periods come from `lib.regimes.schedule`,
  each with a report for every unit `reporting.queries.reporting_units` names (the committee and
  its three offices); `check_mirror` asks `set_regimes` and `open_submissions` to confirm that
  they would add nothing;
- the reports: about 3% of units never send; the others skip about 7% of the months; a sent
  report is approved (94%; `approved_version` 1, approved one to five days after it was sent),
  awaiting review (3%), returned (2%) or still a draft (1%); sent before the due time or,
  by a unit's habit (2–35% of its reports), 1–12 days late; each has a `TaskUpdate` (version 1)
  for every task in the unit's scope, lead or coordinating as assigned, whose lifecycle follows
  the task through the year (chưa thực hiện → đang thực hiện → hoàn thành with its completion
  day; of the tasks due in 2025 about 60% done on time, 22% late (some only after the year),
  the rest not yet; 2% cancelled; coordinating lines repeat the lead's word, 5% 'không phát
  sinh'), lead values of the indicators, and the `SubmissionEvent`s the workflow writes (actor:
  the system).

Units, people and memberships go through the ORM (`bulk_create`); everything else is streamed
with PostgreSQL COPY under explicit ids (the sequences are reset afterwards) — `bulk_create` of
4 million report lines would take many minutes. Nothing is audited. Randomness is seeded.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

from django.core.management.color import no_style
from django.db import connection, models, transaction

from nq57.lib.deadlines import DeadlineKind, parse_deadline
from nq57.lib.docnumbers import normalize_doc_number
from nq57.lib.indicator_kinds import infer
from nq57.lib.periods import month_end
from nq57.lib.regimes import Frequency, Regime, schedule
from nq57.lib.targets import Comparator, parse_target
from nq57.lib.vntext import fold
from nq57.orgs.models import Membership, Unit, User
from nq57.orgs.names import normalize_unit_name
from nq57.plans.models import (
    Assignment,
    Indicator,
    Plan,
    PlanReference,
    Section,
    Target,
    Task,
)
from nq57.reporting.models import (
    IndicatorValue,
    LeadProgress,
    ReportingPeriod,
    ReportingRegime,
    Submission,
    SubmissionEvent,
    TaskUpdate,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
REGIME = Regime(Frequency.MONTHLY)  # due the 10th of the next month, 17:00
FIRST, LAST = date(2025, 1, 1), date(2025, 12, 31)
ADMIN = "bench_admin"
CHUNK = 100  # communes written per transaction

Level = Unit.Level
PROVINCES = [
    ("Thành phố", "Hà Nội"), ("Thành phố", "Huế"), ("Thành phố", "Hải Phòng"),
    ("Thành phố", "Đà Nẵng"), ("Thành phố", "Hồ Chí Minh"), ("Thành phố", "Cần Thơ"),
    ("Tỉnh", "Lai Châu"), ("Tỉnh", "Điện Biên"), ("Tỉnh", "Sơn La"), ("Tỉnh", "Lạng Sơn"),
    ("Tỉnh", "Quảng Ninh"), ("Tỉnh", "Thanh Hóa"), ("Tỉnh", "Nghệ An"), ("Tỉnh", "Hà Tĩnh"),
    ("Tỉnh", "Cao Bằng"), ("Tỉnh", "Tuyên Quang"), ("Tỉnh", "Lào Cai"), ("Tỉnh", "Thái Nguyên"),
    ("Tỉnh", "Phú Thọ"), ("Tỉnh", "Bắc Ninh"), ("Tỉnh", "Hưng Yên"), ("Tỉnh", "Ninh Bình"),
    ("Tỉnh", "Quảng Trị"), ("Tỉnh", "Quảng Ngãi"), ("Tỉnh", "Gia Lai"), ("Tỉnh", "Khánh Hòa"),
    ("Tỉnh", "Lâm Đồng"), ("Tỉnh", "Đắk Lắk"), ("Tỉnh", "Đồng Nai"), ("Tỉnh", "Tây Ninh"),
    ("Tỉnh", "Vĩnh Long"), ("Tỉnh", "Đồng Tháp"), ("Tỉnh", "Cà Mau"), ("Tỉnh", "An Giang"),
]  # fmt: skip
PLACE_WORDS = [
    "An", "Bình", "Tân", "Phú", "Hòa", "Long", "Thạnh", "Phước", "Vĩnh", "Đông", "Tây", "Nam",
    "Bắc", "Trung", "Mỹ", "Thuận", "Hưng", "Quang", "Minh", "Thanh", "Hồng", "Kim", "Ngọc",
    "Xuân", "Hải", "Sơn", "Yên", "Đức", "Lộc", "Thái", "Hiệp", "Cẩm", "Lạc", "Gia", "Định",
    "Hương", "Tiên", "Kỳ", "Mai", "Quế",
]  # fmt: skip
SECTIONS = [
    ("I", "Nâng cao nhận thức, đổi mới tư duy về khoa học, công nghệ và chuyển đổi số", [
        "Tổ chức quán triệt, tuyên truyền Nghị quyết số 57-NQ/TW",
        "Đưa nội dung chuyển đổi số vào chương trình công tác",
        "Phát động phong trào thi đua 'Bình dân học vụ số'",
        "Xây dựng chuyên mục chuyển đổi số trên trang thông tin điện tử",
        "Tuyên truyền qua hệ thống truyền thanh cơ sở",
        "Biểu dương, khen thưởng tập thể, cá nhân điển hình về chuyển đổi số",
        "Tổ chức hội nghị sơ kết việc thực hiện Nghị quyết",
        "Hướng dẫn tổ công nghệ số cộng đồng hoạt động",
        "Phổ biến kỹ năng an toàn thông tin cho người dân",
        "Lồng ghép nội dung chuyển đổi số trong sinh hoạt chi bộ",
    ]),
    ("II", "Hoàn thiện thể chế, cải cách thủ tục hành chính", [
        "Rà soát, cắt giảm thủ tục hành chính thuộc thẩm quyền",
        "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
        "Cung cấp dịch vụ công trực tuyến toàn trình",
        "Tái cấu trúc quy trình nội bộ giải quyết thủ tục hành chính",
        "Công khai thủ tục hành chính trên Cổng dịch vụ công",
        "Ứng dụng chữ ký số trong xử lý văn bản",
        "Triển khai thanh toán trực tuyến phí, lệ phí",
        "Rà soát quy chế làm việc theo môi trường số",
        "Đánh giá mức độ hài lòng của người dân",
        "Triển khai một cửa liên thông điện tử",
    ]),
    ("III", "Phát triển hạ tầng số, dữ liệu số", [
        "Nâng cấp mạng nội bộ và đường truyền số liệu chuyên dùng",
        "Trang bị thiết bị đầu cuối cho bộ phận một cửa",
        "Cập nhật cơ sở dữ liệu dân cư, đất đai, hộ tịch",
        "Làm sạch dữ liệu theo yêu cầu 'đúng, đủ, sạch, sống'",
        "Lắp đặt camera giám sát an ninh trật tự",
        "Phủ sóng internet tại các thôn, tổ dân phố",
        "Kết nối hệ thống quản lý văn bản và điều hành",
        "Bảo đảm an toàn thông tin theo cấp độ",
        "Xây dựng kho dữ liệu dùng chung",
        "Triển khai hội nghị truyền hình trực tuyến",
    ]),
    ("IV", "Phát triển nguồn nhân lực số", [
        "Bồi dưỡng kỹ năng số cho cán bộ, công chức",
        "Bố trí công chức phụ trách chuyển đổi số",
        "Tập huấn sử dụng dịch vụ công trực tuyến cho người dân",
        "Hướng dẫn kỹ năng số cho hộ kinh doanh",
        "Tổ chức lớp phổ cập kỹ năng số cho học sinh",
        "Cử cán bộ tham gia đào tạo về an toàn thông tin",
        "Xây dựng đội ngũ tình nguyện viên số",
        "Hướng dẫn sử dụng ứng dụng định danh điện tử",
        "Bồi dưỡng kỹ năng khai thác dữ liệu",
        "Đánh giá kết quả bồi dưỡng kỹ năng số",
    ]),
    ("V", "Chuyển đổi số trong hoạt động của chính quyền, kinh tế số và xã hội số", [
        "Đưa sản phẩm OCOP lên sàn thương mại điện tử",
        "Thúc đẩy thanh toán không dùng tiền mặt",
        "Triển khai chợ 4.0 tại chợ trung tâm",
        "Ứng dụng công nghệ trong sản xuất nông nghiệp",
        "Số hóa di tích, lễ hội truyền thống",
        "Triển khai sổ sức khỏe điện tử",
        "Ứng dụng công nghệ trong quản lý trường học",
        "Chi trả an sinh xã hội qua tài khoản",
        "Triển khai điểm truy cập internet công cộng",
        "Xây dựng mô hình thôn thông minh",
    ]),
]  # fmt: skip
FOCUS = ["trên địa bàn", "tại bộ phận một cửa"]  # two tasks per stem and section: 20 × 5
OUTPUTS = ["Kế hoạch", "Báo cáo kết quả", "Văn bản chỉ đạo", "Cơ sở dữ liệu", "Mô hình triển khai"]
INDICATORS = [  # (name, unit of measure, targets by milestone)
    ("Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến toàn trình", "%",
     {"2025": "≥ 60", "2026": "≥ 80"}),
    ("Tỷ lệ người dân trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân", "%",
     {"2025": "≥ 40", "2030": "≥ 70"}),
    ("Số hộ kinh doanh sử dụng thanh toán không dùng tiền mặt", "Hộ",
     {"2025": "≥ 200", "2026": "≥ 400"}),
    ("Tỷ lệ cán bộ, công chức cấp xã được bồi dưỡng kỹ năng số", "%",
     {"2025": "100%", "2026": "100%"}),
]  # fmt: skip
DEADLINES: dict[str, list[str]] = {  # deadline texts by the kind they must read as
    "date": [f"Trước ngày {d}/{m}/{y}" for y in (2025, 2026) for m in range(1, 13)
             for d in (15, 25)],
    "period_end": [f"Tháng {m}/{y}" for y in (2025, 2026) for m in range(1, 13)]
    + [f"Quý {q}/{y}" for y in (2025, 2026) for q in ("I", "II", "III", "IV")]
    + ["Năm 2025", "Năm 2026", "6 tháng đầu năm 2025", "6 tháng cuối năm 2025",
       "6 tháng đầu năm 2026", "Cuối năm 2026"],
    "window": ["Quý III - IV/2025", "Giai đoạn 2025 - 2026", "Từ tháng 3/2025 đến tháng 9/2025"],
    "recurring": ["Hằng năm", "Hằng quý", "Định kỳ hằng tháng",
                  "Thường xuyên; báo cáo trước 15/12 hằng năm"],
    "ongoing": ["Thường xuyên", "Thường xuyên, liên tục", "Từ năm 2025"],
    "conditional": ["Sau khi có hướng dẫn của Ủy ban nhân dân tỉnh", "Theo tiến độ của tỉnh",
                    "Sau khi có hướng dẫn của sở, chậm nhất 31/12/2025"],
    "unknown": ["", "Kịp thời"],
}  # fmt: skip
KIND_WEIGHTS = [  # share of tasks by deadline kind
    ("date", 22), ("period_end", 48), ("window", 4), ("recurring", 9), ("ongoing", 11),
    ("conditional", 4), ("unknown", 2),
]  # fmt: skip
DONE_TEXT = {
    "not_started": ["", "Chưa triển khai, đang chờ hướng dẫn của cấp trên."],
    "in_progress": [
        "Đã xây dựng dự thảo kế hoạch chi tiết, đang lấy ý kiến các bộ phận liên quan.",
        "Đang triển khai theo kế hoạch, đã phân công công chức phụ trách.",
        "Đã tổ chức họp triển khai, đang thực hiện các nội dung được giao.",
        "Đang phối hợp với các thôn, tổ dân phố thực hiện.",
    ],
    "done": [
        "Đã hoàn thành, có văn bản báo cáo kết quả kèm theo.",
        "Đã hoàn thành và đưa vào sử dụng.",
        "Đã tổ chức thực hiện xong, kết quả được tổng hợp trong báo cáo tháng.",
    ],
    "cancelled": ["Không thực hiện do điều chỉnh nhiệm vụ theo chỉ đạo của tỉnh."],
}
DIFFICULTIES = [
    "Thiếu công chức chuyên trách về chuyển đổi số.",
    "Kinh phí thực hiện chưa được bố trí.",
    "Hạ tầng mạng tại một số thôn, tổ dân phố chưa đồng bộ.",
    "Chờ hướng dẫn chuyên môn của sở, ngành tỉnh.",
    "Người dân lớn tuổi còn ngại sử dụng dịch vụ số.",
]
PROPOSALS = [
    "Đề nghị tỉnh bố trí kinh phí hỗ trợ.",
    "Đề nghị sở tổ chức tập huấn chuyên sâu.",
    "Đề nghị cấp trên sớm ban hành hướng dẫn.",
]
NARRATIVE = {
    "highlights": "Các nhiệm vụ trọng tâm được triển khai đúng kế hoạch; tỷ lệ hồ sơ trực tuyến "
    "tiếp tục tăng.",
    "difficulties": "Hạ tầng mạng một số thôn chưa đồng bộ; thiếu công chức chuyên trách.",
    "proposals": "Đề nghị tỉnh hỗ trợ kinh phí và tổ chức tập huấn kỹ năng số.",
    "next_steps": "Tiếp tục số hóa hồ sơ, đẩy mạnh thanh toán không dùng tiền mặt.",
}
RETURN_REASON = "Đề nghị bổ sung minh chứng cho các nhiệm vụ đã báo cáo hoàn thành."
SYSTEM = "hệ thống"
MONTH_ENDS = [month_end(2025, m) for m in range(1, 13)]


@dataclass
class Commune:
    unit: Unit  # 'Xã An Bình'
    committee: Unit  # 'Ủy ban nhân dân xã An Bình'
    offices: list[Unit]
    province: int  # index in PROVINCES


@dataclass
class Tables:
    """Rows waiting to be copied, by model, with the next free id of each model."""

    rows: dict[type[models.Model], list[tuple[Any, ...]]] = field(default_factory=dict)
    next_id: dict[type[models.Model], int] = field(default_factory=dict)

    def add(self, model: type[models.Model], *values: Any) -> int:
        """Queue a row (its id first, given here); returns the id."""
        pk = self.next_id.get(model, 1)
        self.next_id[model] = pk + 1
        self.rows.setdefault(model, []).append((pk, *values))
        return pk


COLUMNS: dict[type[models.Model], tuple[str, ...]] = {  # model fields, in `Tables.add` order
    Plan: ("id", "number", "normalized_number", "issuer", "issue_date", "title", "level",
           "status", "source_name", "source_sha256", "source_file", "parser", "reporting_text",
           "imported_at", "published_at"),
    PlanReference: ("id", "plan", "order", "number", "normalized_number"),
    Section: ("id", "plan", "appendix", "code", "title", "order", "kind"),
    Task: ("id", "plan", "section", "order", "number", "name", "lead_text",
           "coordinating_text", "deadline_raw", "deadline_kind", "deadline_due", "deadline_start",
           "deadline_recurrence", "deadline_trigger", "output", "extras", "folded_text",
           "appendix", "source_row"),
    Indicator: ("id", "plan", "section", "group", "subgroup", "order", "code", "name",
                "measure_unit", "lead_text", "coordinating_text", "output", "extras",
                "folded_text", "value_kind", "aggregation", "allows_over_100", "kind_confirmed",
                "appendix", "source_row"),
    Target: ("id", "indicator", "order", "milestone", "raw", "comparator", "value", "value_max",
             "measure_unit", "qualifier", "qualitative_text"),
    Assignment: ("id", "unit", "role", "task", "indicator", "order", "text_as_printed"),
    ReportingRegime: ("id", "plan", "frequency", "due_day", "months_after", "due_dates",
                      "due_time", "roll", "cutoff_days", "replaces_shorter", "lock_after_due",
                      "requires_unit_approval"),
    ReportingPeriod: ("id", "plan", "regime", "label", "start", "end", "cutoff", "due",
                      "replaces", "locked"),
    Submission: ("id", "plan", "period", "unit", "status", "version", "approved_version",
                 "revision", "highlights", "difficulties", "proposals", "next_steps",
                 "frozen_narratives", "submitted_at", "first_submitted_at", "approved_at",
                 "updated_at"),
    SubmissionEvent: ("id", "submission", "version", "from_status", "to_status", "actor_label",
                      "reason", "at"),
    TaskUpdate: ("id", "version", "not_applicable", "updated_at", "submission", "task", "role",
                 "lifecycle", "percent", "completed_on", "done", "difficulties", "proposals"),
    IndicatorValue: ("id", "version", "not_applicable", "updated_at", "submission", "indicator",
                     "number", "text", "basis", "as_of", "source", "note", "warnings"),
}  # fmt: skip


# --- what is the same for every commune -----------------------------------------------------


@dataclass(frozen=True)
class TaskTemplate:
    section: int  # 0–4
    number: str
    name: str
    output: str
    folded: str


@dataclass(frozen=True)
class DeadlineRow:
    raw: str
    kind: str
    due: date | None
    start: date | None
    recurrence: str
    trigger: str


def _task_templates() -> list[TaskTemplate]:
    found = []
    for s, (_code, _title, stems) in enumerate(SECTIONS):
        for n in range(20):
            number = str(n + 1)
            name = f"{stems[n % 10]} {FOCUS[n // 10]}."
            output = OUTPUTS[(s + n) % len(OUTPUTS)]
            found.append(TaskTemplate(s, number, name, output, fold(f"{number} {name} {output}")))
    return found


def _deadlines() -> dict[str, list[DeadlineRow]]:
    """Every deadline text read once by `parse_deadline`, checked to read as its kind."""
    found: dict[str, list[DeadlineRow]] = {}
    for kind, texts in DEADLINES.items():
        for raw in texts:
            d = parse_deadline(raw)
            assert d.kind == DeadlineKind(kind), (raw, d.kind, kind)
            row = DeadlineRow(raw, str(d.kind), d.due, d.start, d.recurrence or "", d.trigger or "")
            found.setdefault(kind, []).append(row)
    return found


@dataclass(frozen=True)
class IndicatorTemplate:
    name: str
    measure: str
    folded: str
    kind: str
    aggregation: str
    allows_over_100: bool
    targets: list[tuple[str, str, Any]]  # (milestone, raw, lib Target)


def _indicator_templates() -> list[IndicatorTemplate]:
    """As `plans.actions._build_indicator` reads them: targets parsed, kind inferred."""
    found = []
    for n, (name, measure, targets) in enumerate(INDICATORS, start=1):
        parsed = [(m, raw, parse_target(raw, measure)) for m, raw in targets.items()]
        inferred = infer(name, measure, [t for _m, _r, t in parsed])
        found.append(
            IndicatorTemplate(
                name, measure, fold(f"{n} {name} {measure}"), inferred.kind.value,
                inferred.aggregation.value, inferred.allows_over_100, parsed,
            )
        )  # fmt: skip
    return found


def _periods() -> list[Any]:
    """The periods `set_regimes` generates for REGIME over 2025 (no holidays stored)."""
    from nq57.reporting.queries import business_calendar

    return schedule([REGIME], FIRST, LAST, business_calendar())


# --- units and people -----------------------------------------------------------------------


def _units(count: int, rng: random.Random) -> tuple[Unit, list[Unit], list[Commune]]:
    """The tree: the country, provinces with their committees, `count` communes."""

    def make(rows: list[Unit]) -> list[Unit]:
        for unit in rows:
            unit.folded_name = normalize_unit_name(unit.name)
        return Unit.objects.bulk_create(rows, batch_size=5000)

    country = make([Unit(name="Việt Nam", level=Level.CENTRAL)])[0]
    levels = [Level.CITY if kind == "Thành phố" else Level.PROVINCE for kind, _ in PROVINCES]
    provinces = make(
        [
            Unit(name=f"{kind} {name}", level=level, parent=country)
            for (kind, name), level in zip(PROVINCES, levels, strict=True)
        ]
    )
    make([Unit(name=f"Ủy ban nhân dân {p.name}", level=p.level, parent=p) for p in provinces])
    places: list[tuple[int, str, str]] = []  # (province, 'Xã'/'Phường', name)
    distinct = {fold(f"{a} {b}"): f"{a} {b}" for a in PLACE_WORDS for b in PLACE_WORDS if a != b}
    names = sorted(distinct.values())  # 'Hải Thanh' and 'Hải Thạnh' fold alike: one of them
    for index in range(len(PROVINCES)):
        share = count // len(PROVINCES) + (index < count % len(PROVINCES))
        wards = 0.6 if levels[index] == Level.CITY else 0.15
        for name in rng.sample(names, share):
            places.append((index, "Phường" if rng.random() < wards else "Xã", name))
    units = make(
        [
            Unit(name=f"{kind} {name}", level=Level.COMMUNE, parent=provinces[p])
            for p, kind, name in places
        ]
    )
    committees = make(
        [
            Unit(name=f"Ủy ban nhân dân {kind.lower()} {name}", level=Level.COMMUNE, parent=unit)
            for (_p, kind, name), unit in zip(places, units, strict=True)
        ]
    )
    offices = []
    for (_p, kind, name), committee in zip(places, committees, strict=True):
        where = f"{kind.lower()} {name}"
        economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if kind == "Phường" else "Phòng Kinh tế"
        offices += [
            Unit(name=f"Văn phòng HĐND và UBND {where}", level=Level.DEPARTMENT, parent=committee),
            Unit(name=f"{economy} {where}", level=Level.DEPARTMENT, parent=committee),
            Unit(name=f"Phòng Văn hóa - Xã hội {where}", level=Level.DEPARTMENT, parent=committee),
        ]
    offices = make(offices)
    communes = [
        Commune(unit, committee, offices[3 * i : 3 * i + 3], places[i][0])
        for i, (unit, committee) in enumerate(zip(units, committees, strict=True))
    ]
    return country, provinces, communes


def _people(provinces: list[Unit]) -> None:
    User.objects.create_superuser(ADMIN, email="", password=None)
    leaders = [User(username=f"lanhdao_{i:02d}") for i in range(1, len(provinces) + 1)]
    for user in leaders:
        user.set_unusable_password()
    leaders = User.objects.bulk_create(leaders)
    Membership.objects.bulk_create(
        Membership(user=user, unit=province, role=Membership.Role.LEADER)
        for user, province in zip(leaders, provinces, strict=True)
    )


def leader_of(province: Unit) -> User:
    return User.objects.get(memberships__unit=province, memberships__role=Membership.Role.LEADER)


# --- one commune's plan and year of reports -------------------------------------------------


@dataclass(frozen=True)
class Shared:
    tasks: list[TaskTemplate]
    deadlines: dict[str, list[DeadlineRow]]
    indicators: list[IndicatorTemplate]
    periods: list[Any]
    kinds: list[str]
    weights: list[int]


Word = tuple[str, int | None, date | None]  # lifecycle, percent, completion day


def _month_index(day: date) -> int:
    """Months since December 2024 (January 2025 is 1)."""
    return (day.year - 2025) * 12 + day.month


def _path(rng: random.Random, deadline: DeadlineRow) -> list[Word]:
    """The lead unit's word on a task at the end of each month of 2025."""
    due = deadline.due
    done_on: date | None = None
    if deadline.kind in ("recurring", "ongoing"):
        begin = rng.choice((1, 1, 1, 2, 3))
    elif due is None:  # conditional before its trigger, unreadable
        begin = rng.randint(3, 12) if rng.random() < 0.45 else 13
        if begin <= 12 and rng.random() < 0.2:
            done_on = month_end(2025, rng.randint(begin, 12)) - timedelta(days=rng.randint(0, 20))
    elif due.year == 2025:
        begin = max(1, due.month - rng.randint(1, 6))
        luck = rng.random()
        if luck < 0.60:
            done_on = max(due - timedelta(days=rng.randint(0, 40)), date(2025, begin, 1))
        elif luck < 0.82:
            done_on = due + timedelta(days=rng.randint(1, 90))
    else:
        begin = rng.randint(1, 13)
        if begin <= 12 and rng.random() < 0.1:
            done_on = month_end(2025, rng.randint(begin, 12)) - timedelta(days=rng.randint(0, 25))
    cancel = rng.randint(3, 12) if rng.random() < 0.02 else 13
    goal = _month_index(done_on or due or LAST)
    words: list[Word] = []
    for m, end in enumerate(MONTH_ENDS, start=1):
        if m >= cancel:
            words.append(("cancelled", None, None))
        elif done_on is not None and done_on <= end:
            words.append(("done", 100, done_on))
        elif m >= begin:
            share = (m - begin + 1) / max(1, goal - begin + 1)
            words.append(("in_progress", min(95, max(5, 5 * round(18 * share))), None))
        else:
            words.append(("not_started", 0, None))
    return words


def _commune(out: Tables, c: Commune, shared: Shared, rng: random.Random) -> None:
    """Queue one commune's plan, regime, periods, reports and their lines."""
    stamp = datetime(2025, 1, rng.randint(6, 28), 9, 0, tzinfo=VN)
    where = c.unit.name.split(" ", 1)[1]
    kind = c.unit.name.split(" ", 1)[0].lower()
    number = f"{rng.randint(5, 150)}/KH-UBND"
    source = f"nq57 bench national {c.committee.pk}".encode()
    plan = out.add(
        Plan, number, normalize_doc_number(number), c.committee.pk, stamp.date(),
        f"Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá "
        f"phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số trên địa bàn {kind} "
        f"{where} năm 2025–2026", Level.COMMUNE.value, Plan.Status.PUBLISHED.value,
        f"KH-57-{c.committee.pk}.docx", hashlib.sha256(source).hexdigest(), source, "docx",
        json.dumps(["Định kỳ hằng tháng, các cơ quan, đơn vị báo cáo kết quả thực hiện trước "
                    "ngày 10 của tháng sau."], ensure_ascii=False),
        stamp, stamp,
    )  # fmt: skip
    out.add(PlanReference, plan, 1, "57-NQ/TW", normalize_doc_number("57-NQ/TW"))
    sections = [
        out.add(Section, plan, "Phụ lục", code, title, order, Section.Kind.TASKS.value)
        for order, (code, title, _stems) in enumerate(SECTIONS, start=1)
    ]
    group = out.add(
        Section, plan, "Phụ lục", "I", "Chỉ tiêu đến năm 2026", 6, Section.Kind.INDICATORS.value
    )
    units = [c.committee, *c.offices]
    lead_role, coord_role = Assignment.Role.LEAD.value, Assignment.Role.COORDINATING.value
    scope: dict[int, list[tuple[int, str, list[Word]]]] = {u.pk: [] for u in units}
    for order, template in enumerate(shared.tasks, start=1):
        deadline = rng.choice(shared.deadlines[rng.choices(shared.kinds, shared.weights)[0]])
        lead = c.committee if order == 1 or rng.random() < 0.12 else rng.choice(c.offices)
        others = [u for u in c.offices if u is not lead]
        luck = rng.random()
        coordinating = rng.sample(others, 2 if luck < 0.03 else 1) if luck < 0.23 else []
        task = out.add(
            Task, plan, sections[template.section], order, template.number, template.name,
            lead.name, "; ".join(u.name for u in coordinating), deadline.raw, deadline.kind,
            deadline.due, deadline.start, deadline.recurrence, deadline.trigger, template.output,
            "{}", template.folded, "Phụ lục", order,
        )  # fmt: skip
        path = _path(rng, deadline)
        out.add(Assignment, lead.pk, lead_role, task, None, 1, lead.name)
        scope[lead.pk].append((task, lead_role, path))
        for n, unit in enumerate(coordinating, start=2):
            out.add(Assignment, unit.pk, coord_role, task, None, n, unit.name)
            scope[unit.pk].append((task, coord_role, path))
    indicators: dict[int, list[tuple[int, float, float, bool]]] = {u.pk: [] for u in units}
    for order, template in enumerate(shared.indicators, start=1):
        lead = c.offices[order % 3]
        indicator = out.add(
            Indicator, plan, group, "I Đến năm 2026", "", order, str(order), template.name,
            template.measure, lead.name, "", "", "{}", template.folded, template.kind,
            template.aggregation, template.allows_over_100, False, "Phụ lục", order,
        )  # fmt: skip
        for t, (milestone, raw, target) in enumerate(template.targets, start=1):
            qualitative = target.comparator == Comparator.QUALITATIVE
            out.add(
                Target, indicator, t, milestone, raw, str(target.comparator), target.value,
                target.value_max, target.measure_unit or "", target.qualifier or "",
                (target.text or raw) if qualitative else "",
            )  # fmt: skip
        out.add(Assignment, lead.pk, lead_role, None, indicator, 1, lead.name)
        percent = template.measure == "%"
        start, step = (rng.uniform(20, 45), rng.uniform(1, 5)) if percent else (
            rng.uniform(20, 80), rng.uniform(5, 20))  # fmt: skip
        indicators[lead.pk].append((indicator, start, step, percent))
    regime = out.add(
        ReportingRegime, plan, REGIME.frequency.value, REGIME.due_day, REGIME.months_after, "[]",
        REGIME.due_time, REGIME.roll.value, REGIME.cutoff_days, REGIME.replaces_shorter,
        REGIME.lock_after_due, REGIME.requires_unit_approval,
    )  # fmt: skip
    periods = []
    for p in shared.periods:
        due = p.due.replace(tzinfo=VN)
        pk = out.add(
            ReportingPeriod, plan, regime, p.label, p.start, p.end, p.cutoff, due,
            json.dumps(list(p.replaces)), False,
        )  # fmt: skip
        periods.append((pk, due, p.end))
    for unit in units:
        _unit_reports(out, plan, unit.pk, periods, scope[unit.pk], indicators[unit.pk], rng)


FROZEN = json.dumps({"1": NARRATIVE}, ensure_ascii=False)
Status = Submission.Status
# COPY is given plain strings, never the TextChoices members (enums)
NOT_STARTED, DRAFT, SUBMITTED = Status.NOT_STARTED.value, Status.DRAFT.value, Status.SUBMITTED.value
RETURNED, APPROVED = Status.RETURNED.value, Status.APPROVED.value
CUMULATIVE = IndicatorValue.Basis.CUMULATIVE.value


def _unit_reports(
    out: Tables,
    plan: int,
    unit: int,
    periods: list[tuple[int, datetime, date]],
    tasks: list[tuple[int, str, list[Word]]],
    indicators: list[tuple[int, float, float, bool]],
    rng: random.Random,
) -> None:
    """A unit's twelve reports, their lines and review steps."""
    never = rng.random() < 0.03
    late_habit = rng.choice((0.02, 0.05, 0.1, 0.2, 0.35))
    for month, (period, due, end) in enumerate(periods):
        if never or rng.random() < 0.07:
            out.add(Submission, plan, period, unit, NOT_STARTED, 1, None, 0, "", "", "", "",
                    "{}", None, None, None, due - timedelta(days=20))  # fmt: skip
            continue
        if rng.random() < late_habit:
            sent = due + timedelta(days=rng.randint(1, 12), hours=rng.randint(-6, 0))
        else:
            sent = due - timedelta(days=rng.randint(0, 5), hours=rng.randint(1, 8))
        luck = rng.random()
        status = (
            APPROVED if luck < 0.94 else SUBMITTED if luck < 0.97
            else RETURNED if luck < 0.99 else DRAFT
        )  # fmt: skip
        approved = sent + timedelta(days=rng.randint(1, 5), hours=rng.randint(0, 6))
        written = sent - timedelta(hours=rng.randint(1, 30))
        if status == DRAFT:
            report = out.add(Submission, plan, period, unit, status, 1, None, 1, "", "", "", "",
                             "{}", None, None, None, written)  # fmt: skip
        else:
            is_approved = status == APPROVED
            report = out.add(
                Submission, plan, period, unit, status, 1, 1 if is_approved else None,
                {APPROVED: 3, SUBMITTED: 2, RETURNED: 3}[status],
                *NARRATIVE.values(), FROZEN if is_approved else "{}", sent, sent,
                approved if is_approved else None, approved if status != SUBMITTED else sent,
            )  # fmt: skip
            out.add(SubmissionEvent, report, 1, DRAFT, SUBMITTED, SYSTEM, "", sent)
            if status != SUBMITTED:
                reason = "" if is_approved else RETURN_REASON
                out.add(SubmissionEvent, report, 1, SUBMITTED, status, SYSTEM, reason,
                        approved)  # fmt: skip
        for task, role, path in tasks:
            lifecycle, percent, done_on = path[month]
            if role == "coordinating" and rng.random() < 0.05:  # 'không phát sinh trong kỳ'
                out.add(TaskUpdate, 1, True, written, report, task, role, "", None, None, "", "",
                        "")  # fmt: skip
                continue
            texts = DONE_TEXT[lifecycle]
            difficulty = proposal = ""
            if lifecycle in ("in_progress", "not_started") and rng.random() < 0.25:
                difficulty = rng.choice(DIFFICULTIES)
                if rng.random() < 0.4:
                    proposal = rng.choice(PROPOSALS)
            out.add(
                TaskUpdate, 1, False, written, report, task, role, lifecycle, percent, done_on,
                texts[rng.randrange(len(texts))], difficulty, proposal,
            )  # fmt: skip
        for indicator, start, step, percent in indicators:
            value = min(100.0, start + step * month) if percent else start + step * month
            out.add(
                IndicatorValue, 1, False, written, report, indicator, round(value, 1), "",
                CUMULATIVE, end, "Số liệu của đơn vị", "", "[]",
            )  # fmt: skip


# --- writing ----------------------------------------------------------------------------------


def _copy(model: type[models.Model], rows: Iterable[Sequence[Any]]) -> None:
    """COPY rows (values in `COLUMNS[model]` order) into the model's table; the model's other
    required fields get their default (fields added after this file was written)."""
    quote = connection.ops.quote_name
    named = [model._meta.get_field(name) for name in COLUMNS[model]]
    others = [f for f in model._meta.concrete_fields if f not in named and not f.null]
    defaults = tuple(_plain(f.get_default()) for f in others)
    missing = [f.name for f, value in zip(others, defaults, strict=True) if value is None]
    assert not missing, f"{model.__name__}: no value for {missing}; add them to COLUMNS"
    columns = ", ".join(quote(f.column) for f in named + others)
    with connection.cursor() as cursor:
        copy_sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in rows:
                copy.write_row((*row, *defaults) if defaults else row)


def _plain(value: Any) -> Any:
    """A field default as COPY takes it: JSON as text, choices as their value."""
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value.value if isinstance(value, Enum) else value


def _flush(out: Tables) -> None:
    with transaction.atomic():
        for model in COLUMNS:
            rows = out.rows.pop(model, [])
            if rows:
                _copy(model, rows)


def _reset_sequences() -> None:
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), list(COLUMNS)):
            cursor.execute(sql)


def load(
    communes: int, seed: int = 57, say: Callable[[str], None] = print
) -> tuple[Unit, list[Unit]]:
    """Write the dataset into an empty database; returns the country and the provinces."""
    rng = random.Random(seed)
    start = time.perf_counter()
    with transaction.atomic():
        country, provinces, found = _units(communes, rng)
        _people(provinces)
    say(f"  units: {Unit.objects.count()} in {time.perf_counter() - start:.1f} s")
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    shared = Shared(
        _task_templates(), _deadlines(), _indicator_templates(), _periods(), list(kinds),
        list(weights),
    )  # fmt: skip
    out = Tables()
    for n, commune in enumerate(found, start=1):
        _commune(out, commune, shared, random.Random(seed * 100_003 + commune.committee.pk))
        if n % CHUNK == 0 or n == len(found):
            _flush(out)
        if n % 500 == 0 or n == len(found):
            took = time.perf_counter() - start
            say(f"  {n} communes written, {out.next_id.get(TaskUpdate, 1) - 1} lines, {took:.0f} s")
    _reset_sequences()
    return country, provinces


def check_mirror(plan: Plan) -> None:
    """The project's own actions agree with what `load` wrote for `plan`: `set_regimes` adds no
    period, `open_submissions` no report, `reporting_units` names the units that have one."""
    from nq57.reporting.actions import open_submissions, set_regimes
    from nq57.reporting.queries import reporting_units

    added = set_regimes(plan=plan, regimes=[REGIME], first=FIRST, last=LAST, actor=None)
    assert added == [], [p.label for p in added]
    for period in ReportingPeriod.objects.filter(plan=plan).select_related("plan"):
        assert open_submissions(period=period) == 0, period
    reporting = set(reporting_units(plan).units)
    have = set(Submission.objects.filter(plan=plan).values_list("unit_id", flat=True))
    assert reporting == have, (reporting, have)


def sizes() -> dict[str, int]:
    """Row counts of the dataset."""
    return {
        "units": Unit.objects.count(),
        "plans": Plan.objects.count(),
        "tasks": Task.objects.count(),
        "assignments": Assignment.objects.count(),
        "periods": ReportingPeriod.objects.count(),
        "submissions": Submission.objects.count(),
        "approved": Submission.objects.filter(status=APPROVED).count(),
        "task updates": TaskUpdate.objects.count(),
        "indicator values": IndicatorValue.objects.count(),
        "lead-progress rows": LeadProgress.objects.count(),
    }
