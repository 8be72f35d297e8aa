"""Refusals of reporting writes; every message is Vietnamese and shown as it is."""

from __future__ import annotations


class ReportingError(Exception):
    """A reporting write that was refused; nothing was stored."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(ReportingError):
    """The person may see the report but not do this to it."""

    status = 403


class Conflict(ReportingError):
    """Someone else changed the report first (stale revision, or already moved on)."""

    status = 409


class EntryErrors(ReportingError):
    """Some typed values cannot be stored; `errors` maps a line key to its messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        count = sum(len(m) for m in errors.values())
        super().__init__(f"Có {count} lỗi trong số liệu nhập; chưa lưu gì. Sửa rồi lưu lại.")
        self.errors = errors
