"""The API's URLs under /api/: ninja's routes, plus JSON answers for unknown paths and methods."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.urls import URLPattern, URLResolver, re_path

from nq57.api.errors import ApiError, json_error
from nq57.api.main import api

View = Callable[..., HttpResponse]


def _json_fallbacks(view: View) -> View:
    """Ninja answers an unsupported method (405) and its root path (404) outside its error
    handlers; answer them in the API's JSON shape too."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return json_error(ApiError(404, "not_found", _UNKNOWN_PATH))
        if isinstance(response, HttpResponseNotAllowed):
            json = json_error(ApiError(405, "method_not_allowed"))
            json["Allow"] = response["Allow"]
            return json
        return response

    return wrapped


def _unknown_path(request: HttpRequest, rest: str = "") -> HttpResponse:
    return json_error(ApiError(404, "not_found", _UNKNOWN_PATH))


def _with_fallbacks(pattern: URLPattern | URLResolver) -> URLPattern | URLResolver:
    if isinstance(pattern, URLPattern):
        pattern.callback = _json_fallbacks(pattern.callback)
    return pattern


_UNKNOWN_PATH = "Không có địa chỉ này trong API (xem /api/docs)."

_patterns, _app, app_name = api.urls
urlpatterns = [*map(_with_fallbacks, _patterns), re_path(r"^(?P<rest>.*)$", _unknown_path)]
