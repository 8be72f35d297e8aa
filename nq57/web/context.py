"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from nq57.imports.queries import can_import
from nq57.orgs.queries import access_for
from nq57.reporting.models import Notification


def navigation(request: HttpRequest) -> dict[str, bool | int]:
    """Which navigation entries the signed-in person may use, and their unread notices."""
    allowed = can_import(request.user)  # an administrator or a standing office
    is_admin = bool(request.user.is_superuser)  # the audit log ('Nhật ký')
    unread = 0
    if request.user.is_authenticated:
        unread = Notification.objects.filter(user_id=request.user.pk, read_at__isnull=True).count()
    access = access_for(request.user)
    return {
        "can_oversee": access.is_admin or bool(access.reads or access.reads_published),
        "can_import": allowed,
        "can_manage_units": allowed,
        "is_admin": is_admin,
        "unread_notices": unread,
    }
