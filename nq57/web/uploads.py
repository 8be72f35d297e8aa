"""Uploads larger than the largest accepted file are not stored at all: the first upload
handler stops reading them into files (the rest of the request is read and dropped), and the
view, seeing the request's length, answers with a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from nq57.lib import filetypes

MARGIN = 64 * 1024  # the form's other fields and the multipart boundaries


def upload_limit() -> int:
    """The largest request body that may carry an accepted file."""
    return max(settings.NQ57_MAX_UPLOAD_BYTES, settings.NQ57_EVIDENCE_MAX_BYTES) + MARGIN


class UploadLimitHandler(FileUploadHandler):
    """Stops an upload as soon as the request or the file is larger than `upload_limit()`."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.too_large = False
        self.received = 0

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> None:
        self.too_large = content_length > upload_limit()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        self.received = 0
        if self.too_large:
            raise StopUpload(connection_reset=False)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > upload_limit():
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def oversize_message(request: Any, limit: int) -> str:
    """A Vietnamese refusal when the request is too long to carry a file within `limit`."""
    return filetypes.oversize_message(request.META.get("CONTENT_LENGTH"), limit, MARGIN)
