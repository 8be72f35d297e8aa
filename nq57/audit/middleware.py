"""Every request gets an id: the caller's `X-Request-ID` when it is safe, else a new one. Audit
rows written while serving the request carry it, and the response returns it, so a line in a
proxy's log, an error report and the audit rows of one click can be matched."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase

from nq57.audit.context import request_scope, safe_request_id

HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """Placed right after SecurityMiddleware, so it covers the web pages, the admin and the API."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        request_id = safe_request_id(request.headers.get(HEADER))
        with request_scope(request_id, request):
            response = self.get_response(request)
        response[HEADER] = request_id
        return response
