"""Typed results of reading a plan document (no Django).

A parser turns a file into a `ParsedPlan`. Field names follow the gold schema
(`document` / `indicators` / `tasks`) so the CLI can print it unchanged.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class IngestError(Exception):
    """A file that cannot be read as a plan; `message` is Vietnamese and shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Source:
    """Where a record came from, so a person can check it."""

    appendix: str | None = None
    row: int | None = None  # 1-based data row number inside its table
    line_start: int | None = None  # 1-based line numbers in the text given to the parser
    line_end: int | None = None


@dataclass
class ParseWarning:
    """Something a person should look at (Vietnamese message)."""

    message: str
    line: int | None = None
    record: str | None = None  # e.g. 'task 60', 'indicator 1.5'


@dataclass
class DocumentHeader:
    file: str | None = None
    number: str | None = None
    issuer: str | None = None
    date: str | None = None  # ISO yyyy-mm-dd
    level: str | None = None  # central/province/city/district/commune/department
    title: str | None = None
    bases: list[str] = field(default_factory=list)
    reporting: list[str] = field(default_factory=list)  # periodic-report sentences as printed


@dataclass
class ParsedIndicator:
    appendix: str | None
    group: str | None
    subgroup: str | None
    code: str | None
    name: str
    unit: str | None
    targets: dict[str, str]
    lead: str | None
    coordinating: str | None
    output: str | None
    extras: dict[str, str] = field(default_factory=dict)
    source: Source = field(default_factory=Source)


@dataclass
class ParsedTask:
    appendix: str | None
    section: str | None
    section_title: str | None
    number: str | None
    name: str
    lead: str | None
    coordinating: str | None
    deadline: str | None
    output: str | None
    extras: dict[str, str] = field(default_factory=dict)
    subitems: list[dict[str, str]] = field(default_factory=list)
    source: Source = field(default_factory=Source)


@dataclass
class ParsedPlan:
    document: DocumentHeader
    indicators: list[ParsedIndicator] = field(default_factory=list)
    tasks: list[ParsedTask] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)
    parser: str = ""  # which reader produced it: 'text-tables', 'docx+text-tables', …

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
