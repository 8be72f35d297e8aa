"""Admin for API tokens: create one (its secret is shown once), revoke, never edit or delete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.template import engines

from nq57.api.actions import issue_token, revoke_token
from nq57.api.models import ApiToken

# Kept here rather than as a template file, so the page ships with the module.
_CREATED_PAGE = """{% extends "admin/base_site.html" %}{% block content %}
<p>Mã truy cập <strong>«{{ token.name }}»</strong> của
<strong>{{ token.user.get_username }}</strong> đã được tạo.</p>
<p>Hãy sao chép và lưu mã dưới đây ngay: hệ thống chỉ lưu SHA-256 của mã nên sẽ không hiện lại.</p>
<p><code id="api-token-secret" style="font-size:1.2em;user-select:all">{{ secret }}</code></p>
<p>Máy khách gửi mã trong tiêu đề <code>Authorization: Bearer &lt;mã&gt;</code>.</p>
<p><a href="{% url 'admin:api_apitoken_changelist' %}">Về danh sách mã truy cập</a></p>
{% endblock %}"""


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Tokens are written through `api.actions` (audited); only the SHA-256 is stored."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    raw_id_fields = ["user"]
    fields = ["name", "user", "prefix", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_selected"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        editable = [] if obj is None else ["name", "user"]
        return [*editable, "prefix", "created_at", "last_used_at", "revoked_at"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ApiToken, form: ModelForm[ApiToken], change: bool
    ) -> None:
        if not change:
            request._nq57_token_secret = issue_token(token=obj, actor=request.user)  # type: ignore[attr-defined]

    def response_add(
        self, request: HttpRequest, obj: ApiToken, post_url_continue: str | None = None
    ) -> HttpResponse:
        """Show the secret once, on this page only (never stored, never put in a cookie)."""
        context = {
            **self.admin_site.each_context(request),
            "title": "Đã tạo mã truy cập API",
            "token": obj,
            "secret": getattr(request, "_nq57_token_secret", ""),
            "opts": self.model._meta,
        }
        return HttpResponse(engines["django"].from_string(_CREATED_PAGE).render(context, request))

    @admin.action(description="Thu hồi các mã đã chọn")
    def revoke_selected(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        revoked = sum(revoke_token(token=token, actor=request.user) for token in queryset)
        self.message_user(request, f"Đã thu hồi {revoked} mã.")
