"""File downloads: the original files and exports a page hands out."""

from __future__ import annotations

from django.http import HttpResponse

from nq57.exports.names import attachment_header


def attachment(
    content: bytes, name: str, content_type: str = "application/octet-stream"
) -> HttpResponse:
    """`content` as a download named `name` (Vietnamese names kept, with an ASCII fallback)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment_header(name)
    return response
