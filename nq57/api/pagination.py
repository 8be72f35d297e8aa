"""Limit/offset pagination with the total, the same for every list."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet

from nq57.api.schemas import PageQuery


def paginate(rows: QuerySet[Any], wanted: PageQuery) -> dict[str, Any]:
    """One page of `rows` (already ordered) and how many rows there are in all."""
    end = wanted.offset + wanted.limit
    items: list[Model] = list(rows[wanted.offset : end])
    return {"total": rows.count(), "limit": wanted.limit, "offset": wanted.offset, "items": items}
