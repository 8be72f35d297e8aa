"""The request being served, for the audit log: its id (written into every audit row) and the
signed-in person (the actor of writes that Django's own auth code makes, such as a password
change). Pure Python; set by `nq57.audit.middleware` per web request and by `nq57` per run."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.http import HttpRequest

_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")

_request_id: ContextVar[str] = ContextVar("nq57_request_id", default="")
_request: ContextVar[HttpRequest | None] = ContextVar("nq57_request", default=None)


def new_request_id(prefix: str = "") -> str:
    return f"{prefix}{uuid.uuid4().hex}"


def safe_request_id(incoming: str | None) -> str:
    """`incoming` when it is 1–64 characters of [A-Za-z0-9._-], else a new id."""
    if incoming is not None and _SAFE_ID.fullmatch(incoming):
        return incoming
    return new_request_id()


@contextmanager
def request_scope(request_id: str, request: HttpRequest | None = None) -> Iterator[None]:
    """Within the block, audit rows carry `request_id`; restored afterwards, also on errors."""
    id_token = _request_id.set(request_id)
    request_token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(request_token)
        _request_id.reset(id_token)


def current_request_id() -> str:
    """The id of the request (or `nq57` run) being served; '' outside one."""
    return _request_id.get()


def current_user() -> AbstractBaseUser | None:
    """The signed-in person of the web request being served, if any."""
    user: Any = getattr(_request.get(), "user", None)
    return user if user is not None and user.is_authenticated else None


def in_web_request() -> bool:
    return _request.get() is not None
