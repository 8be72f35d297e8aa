"""Small charts drawn on the server as inline SVG: nothing to download, nothing from a CDN."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from nq57.evaluation.overview import DayTally
from nq57.evaluation.queries import PeriodCompliance
from nq57.evaluation.timeliness import Timeliness

ROW_HEIGHT = 26
LABEL_WIDTH = 210
BAR_WIDTH = 420


@dataclass(frozen=True)
class Part:
    """One coloured part of a bar: its value, CSS class and legend label."""

    value: int
    css: str
    label: str


def stacked_bars(rows: Sequence[tuple[str, Sequence[Part]]], title: str) -> SafeString:
    """Horizontal stacked bars, one per row, scaled to the largest total; each part is titled
    with its label and value (read out by screen readers and shown on hover)."""
    largest = max((sum(p.value for p in parts) for _, parts in rows), default=0) or 1
    height = ROW_HEIGHT * len(rows) + 4
    bars = format_html_join("", "{}", ((_bar(i, label, parts, largest),) for i, (label, parts)
                                        in enumerate(rows)))  # fmt: skip
    return format_html(
        '<svg class="chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%">'
        "<title>{}</title>{}</svg>",
        title, LABEL_WIDTH + BAR_WIDTH + 60, height, title, bars,
    )  # fmt: skip


def _bar(index: int, label: str, parts: Sequence[Part], largest: int) -> SafeString:
    y = index * ROW_HEIGHT + 2
    x = float(LABEL_WIDTH)
    pieces = []
    for part in parts:
        width = BAR_WIDTH * part.value / largest
        if part.value:
            pieces.append(format_html(
                '<rect class="{}" x="{}" y="{}" width="{}" height="{}">'
                "<title>{}: {}</title></rect>",
                part.css, f"{x:.1f}", y, f"{width:.1f}", ROW_HEIGHT - 8, part.label, part.value,
            ))  # fmt: skip
        x += width
    total = sum(p.value for p in parts)
    return format_html(
        '<text x="0" y="{}" class="chart-label">{}</text>{}<text x="{}" y="{}" '
        'class="chart-value">{}</text>',
        y + 13, label[:34], format_html_join("", "{}", ((p,) for p in pieces)), f"{x + 4:.1f}",
        y + 13, total,
    )  # fmt: skip


def timeliness_chart(days: Sequence[DayTally]) -> SafeString | None:
    """Dated tasks by timeliness at the due day of each period (None: no period due)."""

    def bar(t: Counter[Timeliness]) -> tuple[Part, ...]:
        not_yet = t[Timeliness.ON_TRACK] + t[Timeliness.DUE_SOON]
        return (
            Part(t[Timeliness.DONE_ON_TIME], "ok", Timeliness.DONE_ON_TIME.label),
            Part(t[Timeliness.DONE_LATE], "warn", Timeliness.DONE_LATE.label),
            Part(t[Timeliness.OVERDUE], "bad", Timeliness.OVERDUE.label),
            Part(not_yet, "open", "Chưa đến hạn"),
        )

    rows = [(f"{d.label} ({d.day:%d/%m/%Y})", bar(d.tally)) for d in days]
    return stacked_bars(rows, "Tiến độ nhiệm vụ có thời hạn theo kỳ") if rows else None


def compliance_chart(periods: Sequence[PeriodCompliance]) -> SafeString | None:
    """Reports sent on time, late and not at all, one bar per period (None: no period due)."""
    rows = [
        (p.label, (Part(p.on_time, "ok", "Đúng hạn"), Part(p.late, "warn", "Trễ hạn"),
                   Part(p.missing, "bad", "Chưa gửi")))
        for p in periods
    ]  # fmt: skip
    return stacked_bars(rows, "Tình hình gửi báo cáo theo kỳ") if rows else None
