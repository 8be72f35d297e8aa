"""`nq57 manage api_token create|list|revoke`: API tokens for machine clients."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from nq57.api.actions import create_token, revoke_token
from nq57.api.models import ApiToken


class Command(BaseCommand):
    help = "Tạo, liệt kê và thu hồi mã truy cập API (chỉ lưu SHA-256 của mã)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="tạo mã cho một người dùng (mã chỉ hiện một lần)")
        create.add_argument("username")
        create.add_argument("name", help="tên gợi nhớ, ví dụ 'Hệ thống báo cáo của Sở'")
        listing = sub.add_parser("list", help="liệt kê các mã (không hiện mã)")
        listing.add_argument("username", nargs="?")
        revoke = sub.add_parser("revoke", help="thu hồi một mã theo số thứ tự (id)")
        revoke.add_argument("token_id", type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action']}")(options)

    def _create(self, options: dict[str, Any]) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"Không có người dùng «{options['username']}».")
        token, secret = create_token(user=user, name=options["name"], actor=None)
        self.stderr.write(
            f"Đã tạo mã #{token.pk} «{token.name}» cho {user.get_username()}. "
            "Lưu mã dưới đây ngay: hệ thống không lưu và không hiện lại nó."
        )
        self.stdout.write(secret)

    def _list(self, options: dict[str, Any]) -> None:
        tokens = ApiToken.objects.select_related("user")
        if options["username"]:
            tokens = tokens.filter(user__username=options["username"])
        for token in tokens:
            last = token.last_used_at
            used = f"{timezone.localtime(last):%d/%m/%Y %H:%M}" if last else "chưa dùng"
            state = "đã thu hồi" if token.is_revoked else "đang dùng"
            self.stdout.write(
                f"#{token.pk}\t{token.prefix}…\t{token.user.get_username()}\t{token.name}\t"
                f"{state}\t{used}"
            )

    def _revoke(self, options: dict[str, Any]) -> None:
        token = ApiToken.objects.filter(pk=options["token_id"]).first()
        if token is None:
            raise CommandError(f"Không có mã #{options['token_id']}.")
        if not revoke_token(token=token, actor=None):
            raise CommandError(f"Mã #{token.pk} đã bị thu hồi trước đó.")
        self.stdout.write(f"Đã thu hồi mã #{token.pk} «{token.name}».")
