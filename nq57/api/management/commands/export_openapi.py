"""`nq57 manage export_openapi [--check] [--output PATH]`: write the API's OpenAPI document."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from nq57.api.openapi import DOCUMENT_PATH, openapi_text


class Command(BaseCommand):
    help = "Ghi tài liệu OpenAPI của API vào docs/openapi.json (hoặc kiểm tra nó đã cập nhật)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", default=str(DOCUMENT_PATH), help="tệp đích, '-' = stdout")
        parser.add_argument(
            "--check", action="store_true", help="chỉ kiểm tra, lỗi khi tệp đã lỗi thời"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        if options["output"] == "-":
            self.stdout.write(text, ending="")
            return
        path = Path(options["output"])
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if options["check"]:
            if current != text:
                raise CommandError(f"{path} đã lỗi thời; chạy: nq57 manage export_openapi")
            self.stdout.write(f"{path} đã cập nhật.")
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Đã ghi {path}" + (" (không đổi)." if current == text else "."))
