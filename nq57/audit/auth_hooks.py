"""Audit rows for writes made by Django's own auth code: signing in and out, changing a password.

These go through the hooks Django's auth framework offers for them (the `user_logged_in` and
`user_logged_out` signals, and a password validator's `password_changed`) because the views
and forms that make the writes are Django's (login page, admin, password reset), not ours.
Domain writes never use signals: they call `nq57.audit.actions.record` in their actions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver
from django.http import HttpRequest

from nq57.audit.actions import record
from nq57.audit.context import current_user, in_web_request


@receiver(user_logged_in, dispatch_uid="nq57_audit_login")
def _signed_in(sender: Any, request: HttpRequest, user: AbstractBaseUser, **kwargs: Any) -> None:
    record(actor=user, action="accounts.login", obj=user)


@receiver(user_logged_out, dispatch_uid="nq57_audit_logout")
def _signed_out(
    sender: Any, request: HttpRequest, user: AbstractBaseUser | None, **kwargs: Any
) -> None:
    if user is not None:  # None: nobody was signed in
        record(actor=user, action="accounts.logout", obj=user)


class PasswordChangeAudit:
    """Listed in AUTH_PASSWORD_VALIDATORS for Django's `password_changed` hook, which runs after
    every saved `set_password()` (reset link, admin, `changepassword`); it never refuses a
    password. A rehash of the stored password at sign-in does not call it.

    The actor is the signed-in person; in a web request without one (the reset link) the
    account's owner; outside a request the system.
    """

    def validate(self, password: str, user: AbstractBaseUser | None = None) -> None:
        return None

    def password_changed(self, password: str, user: AbstractBaseUser | None = None) -> None:
        if user is None or user.pk is None:
            return
        actor = current_user() or (user if in_web_request() else None)
        record(actor=actor, action="accounts.password_changed", obj=user, after={"usable": True})

    def get_help_text(self) -> str:
        return "Việc đổi mật khẩu được ghi vào nhật ký thay đổi (không ghi mật khẩu)."
