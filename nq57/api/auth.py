"""Who is calling: a browser session, or a machine client's token (`Authorization: Bearer …`).

The API acts as the signed-in user, or as the token's owner, with exactly that person's unit
scoping. A token that is wrong or revoked, or whose owner is deactivated, is refused with 401
even when the request also carries a session: explicit credentials never fall back.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from nq57.api.actions import hash_secret, mark_used
from nq57.api.errors import ApiError
from nq57.api.models import ApiToken

INVALID_TOKEN = "Mã truy cập không hợp lệ, đã bị thu hồi hoặc tài khoản đã bị khóa."


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`, looked up by the token's SHA-256."""

    def authenticate(self, request: HttpRequest, token: str) -> AbstractBaseUser:
        found = (
            ApiToken.objects.usable()
            .select_related("user")
            .filter(key_hash=hash_secret(token.strip()))
            .first()
        )
        if found is None:
            raise ApiError(401, "unauthenticated", INVALID_TOKEN)
        mark_used(found)
        return found.user


class BrowserSession(SessionAuth):
    """The web interface's session cookie (CSRF is checked on unsafe methods)."""


def caller(request: HttpRequest) -> AbstractBaseUser:
    """The authenticated user of a request that passed one of the API's authentications."""
    user = getattr(request, "auth", None)
    if not isinstance(user, AbstractBaseUser):
        raise ApiError(401, "unauthenticated")
    return user


AUTHENTICATION = [BearerToken(), BrowserSession()]
