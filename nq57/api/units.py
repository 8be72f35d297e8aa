"""Units (cơ quan, đơn vị): the tree as far as the caller may see it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from nq57.api import queries
from nq57.api.auth import caller
from nq57.api.errors import ErrorOut
from nq57.api.pagination import paginate
from nq57.api.schemas import UnitDetailOut, UnitPage, UnitQuery
from nq57.orgs.models import Unit

router = Router(tags=["Đơn vị"])

_LIST_ERRORS = {401: ErrorOut, 422: ErrorOut}
_DETAIL_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


@router.get(
    "/units",
    response={200: UnitPage, **_LIST_ERRORS},
    summary="Danh sách đơn vị",
    description=(
        "Các đơn vị bạn được xem: đơn vị mà vai trò của bạn với tới (cùng các đơn vị trực thuộc"
        " theo vai trò) và các đơn vị cấp trên của chúng; quản trị hệ thống xem tất cả."
    ),
)
def list_units(request: HttpRequest, wanted: Query[UnitQuery]) -> dict[str, Any]:
    return paginate(queries.unit_list(caller(request), wanted), wanted)


@router.get(
    "/units/{unit_id}", response={200: UnitDetailOut, **_DETAIL_ERRORS}, summary="Một đơn vị"
)
def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    return queries.unit_detail(caller(request), unit_id)
