"""The error a consolidated report's writer raises when it cannot give the file asked for.

Its message is Vietnamese and meant for the officer (a page shows it as is); the cause stays
in the log. Kept apart from `report_model` (pure data) and from each writer, so the web and
the CLI catch one class whatever the format.
"""

from __future__ import annotations


class ReportFormatError(Exception):
    """The report cannot be written in this format here (e.g. no LibreOffice for the PDF)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
