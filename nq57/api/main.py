"""The API object: routers, authentication, JSON errors, offline docs at /api/docs."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.operation import Operation
from ninja.renderers import JSONRenderer

from nq57.api import errors, plans, reporting, units
from nq57.api.auth import AUTHENTICATION

DESCRIPTION = """\
API của nq57: đọc đơn vị, kế hoạch, mục, nhiệm vụ, chỉ tiêu và mục tiêu theo mốc; chế độ và
kỳ báo cáo, báo cáo của đơn vị (nhập, minh chứng, gửi, duyệt, trả lại, phiên bản mới).

Xác thực bằng phiên đăng nhập của trình duyệt, hoặc với chương trình máy khách bằng mã truy cập:
`Authorization: Bearer <mã>` (tạo bằng `nq57 manage api_token create TÊN_ĐĂNG_NHẬP "Tên mã"` hoặc
trong trang quản trị). Mỗi người chỉ thấy đúng phần dữ liệu mà vai trò của họ cho phép, như trên
giao diện web; thứ không được xem trả về 404, thứ được xem nhưng không được làm trả về 403.

Danh sách phân trang bằng `limit` và `offset`, kèm `total`. Lỗi có dạng
`{"error": {"code": "...", "message": "...", "fields": [...]}}` với `code` cố định:
`not_found`, `unauthenticated`, `forbidden`, `invalid_input` (400 khi số liệu nhập sai, mỗi
dòng sai một mục trong `fields`; 422 khi tham số sai), `conflict` (409: báo cáo đã bị người
khác thay đổi, gửi lại với `revision` mới), `method_not_allowed`, `server_error`.

Ghi bằng phiên đăng nhập của trình duyệt cần mã CSRF (`X-CSRFToken`); mã truy cập thì không.
"""


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Vietnamese text as is (not \\u escapes)."""

    json_dumps_params = {"ensure_ascii": False}


class Nq57API(NinjaAPI):
    """Operation ids are the view functions' names ('list_tasks'), stable across moves."""

    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__


def build_api() -> NinjaAPI:
    api = Nq57API(
        title="nq57 API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=AUTHENTICATION,
        renderer=Utf8JSONRenderer(),
        # Swagger UI's assets are served from ninja's static files ('ninja' is installed),
        # never from a CDN; no call to the online validator either.
        docs=Swagger(settings={"validatorUrl": None}),
    )
    errors.install(api)
    api.add_router("", units.router)
    api.add_router("", plans.router)
    api.add_router("", reporting.router)
    return api


if (
    "ninja" not in settings.INSTALLED_APPS
):  # without it ninja's docs page loads Swagger UI from a CDN
    raise ImproperlyConfigured("Add 'ninja' to INSTALLED_APPS to serve the API docs offline.")

api = build_api()
