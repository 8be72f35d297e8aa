"""Errors as JSON with stable codes: {"error": {"code": "...", "message": "<tiếng Việt>"}}.

Every failure of the API, including ninja's own (validation, authentication, unknown paths,
wrong methods), is answered in this shape; `code` is for programs, `message` for people.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from nq57.reporting.errors import EntryErrors, ReportingError

logger = logging.getLogger(__name__)

ErrorCode = Literal[
    "not_found",
    "unauthenticated",
    "forbidden",
    "invalid_input",
    "conflict",
    "method_not_allowed",
    "server_error",
]

MESSAGES: dict[ErrorCode, str] = {
    "not_found": "Không tìm thấy.",
    "unauthenticated": (
        "Chưa xác thực: hãy đăng nhập hoặc gửi mã truy cập (Authorization: Bearer <mã>)."
    ),
    "forbidden": "Bạn không có quyền thực hiện thao tác này.",
    "invalid_input": "Tham số không hợp lệ.",
    "conflict": "Dữ liệu vừa được người khác thay đổi; tải lại rồi thực hiện lại.",
    "method_not_allowed": "Phương thức HTTP này không được hỗ trợ tại địa chỉ này.",
    "server_error": "Máy chủ gặp lỗi, vui lòng thử lại sau.",
}

_INVALID = "Tham số không hợp lệ"

_CODE_BY_STATUS: dict[int, ErrorCode] = {
    400: "invalid_input",
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    422: "invalid_input",
}


class FieldErrorOut(Schema):
    """One invalid parameter: its name and what is wrong, in Vietnamese."""

    field: str
    message: str


class ErrorBody(Schema):
    code: ErrorCode
    message: str
    fields: list[FieldErrorOut] = []


class ErrorOut(Schema):
    """The body of every error response."""

    error: ErrorBody


class ApiError(Exception):
    """An error the API answers with `status`, a stable `code` and a Vietnamese `message`."""

    def __init__(
        self,
        status: int,
        code: ErrorCode,
        message: str | None = None,
        fields: Iterable[FieldErrorOut] = (),
    ) -> None:
        self.status = status
        self.code = code
        self.message = message or MESSAGES[code]
        self.fields = list(fields)
        super().__init__(self.message)

    def body(self) -> dict[str, Any]:
        return ErrorOut(
            error=ErrorBody(code=self.code, message=self.message, fields=self.fields)
        ).model_dump(exclude_defaults=False)


def not_found(message: str) -> ApiError:
    """A 404 for something that does not exist or that the caller may not see (same answer)."""
    return ApiError(404, "not_found", message)


def invalid_input(field: str, message: str) -> ApiError:
    """A 422 for one parameter, worded like the validation errors."""
    return ApiError(
        422,
        "invalid_input",
        f"{_INVALID}: {field} {message}.",
        [FieldErrorOut(field=field, message=message)],
    )


def json_error(error: ApiError) -> JsonResponse:
    """The error as a response outside ninja (unknown paths, wrong methods)."""
    response = JsonResponse(
        error.body(), status=error.status, json_dumps_params={"ensure_ascii": False}
    )
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="nq57"'
    return response


def install(api: NinjaAPI) -> None:
    """Answer every exception raised inside `api` with the JSON error shape."""
    handlers: dict[type[Exception], Callable[[Any], ApiError]] = {
        ApiError: lambda exc: exc,
        ReportingError: _from_reporting,
        ValidationError: _from_validation,
        AuthenticationError: lambda exc: ApiError(401, "unauthenticated"),
        HttpError: _from_http_error,
        Http404: lambda exc: ApiError(404, "not_found"),
        Exception: _from_unexpected,
    }
    for exc_class, convert in handlers.items():
        api.add_exception_handler(exc_class, _handler(api, convert))


def _handler(
    api: NinjaAPI, convert: Callable[[Any], ApiError]
) -> Callable[[HttpRequest, Any], HttpResponse]:
    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        error = convert(exc)
        response = api.create_response(request, error.body(), status=error.status)
        if error.status == 401:
            response["WWW-Authenticate"] = 'Bearer realm="nq57"'
        return response

    return handle


def _from_http_error(exc: HttpError) -> ApiError:
    code = _CODE_BY_STATUS.get(exc.status_code, "server_error")
    return ApiError(exc.status_code, code, _HTTP_ERRORS.get((exc.status_code, str(exc))))


# ninja's own refusals worth explaining (status, ninja's message) → Vietnamese message.
_HTTP_ERRORS = {
    (400, "Cannot parse request body"): "Nội dung gửi lên không phải JSON hợp lệ.",
    (403, "CSRF check Failed"): (
        "Thiếu hoặc sai mã CSRF: khi ghi bằng phiên đăng nhập của trình duyệt, gửi kèm tiêu đề"
        " X-CSRFToken; chương trình máy khách dùng mã truy cập (Authorization: Bearer <mã>)."
    ),
}


def _from_reporting(exc: ReportingError) -> ApiError:
    """A refused reporting write: its status (400, 403, 409) and its Vietnamese message; the
    lines of a refused save ('task-<id>', 'indicator-<id>', a narrative part) as `fields`."""
    code = _CODE_BY_STATUS.get(exc.status, "server_error")
    lines = exc.errors.items() if isinstance(exc, EntryErrors) else ()
    fields = [FieldErrorOut(field=line, message=m) for line, messages in lines for m in messages]
    return ApiError(exc.status, code, exc.message, fields)


def _from_unexpected(exc: Exception) -> ApiError:
    logger.error("Unexpected error in the API", exc_info=exc)
    return ApiError(500, "server_error")


def _from_validation(exc: ValidationError) -> ApiError:
    fields = [_field_error(error) for error in exc.errors]
    text = "; ".join(f"{f.field} {f.message}" for f in fields)
    return ApiError(422, "invalid_input", f"{_INVALID}: {text}.", fields)


def _field_error(error: dict[str, Any]) -> FieldErrorOut:
    return FieldErrorOut(
        field=_field_name(tuple(error.get("loc", ()))),
        message=_reason(error.get("type", ""), error.get("ctx", {})),
    )


def _field_name(loc: tuple[Any, ...]) -> str:
    """A parameter by its name ('limit'); a part of a JSON body by its path inside the body
    ('tasks[0].percent'; ninja's loc starts with 'body' and the view's parameter name)."""
    if len(loc) > 2 and loc[0] == "body":
        path = ""
        for part in loc[2:]:
            path += f"[{part}]" if isinstance(part, int) else f".{part}"
        return path.lstrip(".")
    names = [str(part) for part in loc if isinstance(part, str)]
    return names[-1] if names else "?"


def _reason(kind: str, ctx: dict[str, Any]) -> str:
    """Pydantic's error type in Vietnamese."""
    if kind == "missing":
        return "là bắt buộc"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "phải là số nguyên"
    if kind == "greater_than_equal":
        return f"phải lớn hơn hoặc bằng {ctx.get('ge')}"
    if kind == "less_than_equal":
        return f"phải nhỏ hơn hoặc bằng {ctx.get('le')}"
    if kind.startswith("datetime"):
        return "phải là thời điểm dạng NNNN-TT-NNTHH:MM (ví dụ 2025-11-05T17:00)"
    if kind.startswith("date"):
        return "phải là ngày dạng NNNN-TT-NN (ví dụ 2025-12-31)"
    if kind.startswith("time"):
        return "phải là giờ dạng HH:MM (ví dụ 17:00)"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"phải là một trong các giá trị {expected}"
    if kind.startswith("bool"):
        return "phải là true hoặc false"
    if kind == "string_too_long":
        return f"dài quá {ctx.get('max_length')} ký tự"
    if kind == "string_type":
        return "phải là chuỗi"
    if kind == "list_type":
        return "phải là danh sách"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return "phải là đối tượng JSON"
    if kind == "too_short":
        return f"cần ít nhất {ctx.get('min_length')} phần tử"
    if kind == "extra_forbidden":
        return "không có trường này (viết sai tên?)"
    return "không hợp lệ"
