"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from nq57.imports.queries import can_import


def navigation(request: HttpRequest) -> dict[str, bool]:
    """Which navigation entries the signed-in person may use."""
    allowed = can_import(request.user)  # an administrator or a standing office
    return {"can_import": allowed, "can_manage_units": allowed}
