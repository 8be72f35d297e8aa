"""Pages of a long list: which page a request asks for ('?trang=N') and what the pager shows."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest

_NEAR = 5


@dataclass(frozen=True)
class Paging:
    """Page `page` of `pages` pages of `size` rows; `query` keeps the other GET parameters."""

    page: int
    pages: int
    size: int
    query: str = ""

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @property
    def numbers(self) -> list[int]:
        """The page numbers the pager lists: the first, the last and those near the current
        one; none when everything fits on one page."""
        if self.pages <= 1:
            return []
        near = range(max(1, self.page - _NEAR), min(self.pages, self.page + _NEAR) + 1)
        return sorted({1, *near, self.pages})


def paging(request: HttpRequest, total: int, size: int) -> Paging:
    """The page asked for, kept within 1…last (a wrong or too large number shows a real page)."""
    pages = max(1, -(-total // size))
    text = request.GET.get("trang", "1")
    page = min(max(int(text), 1), pages) if text.isdigit() else 1
    query = request.GET.copy()
    query.pop("trang", None)
    return Paging(page, pages, size, query.urlencode())
