"""Token authentication for machine clients: issue, use, revoke; stored only as SHA-256."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from nq57.api.actions import create_token, revoke_token
from nq57.api.auth import INVALID_TOKEN
from nq57.api.models import ApiToken
from nq57.audit.models import AuditEvent
from nq57.orgs.models import User
from tests.api.conftest import ApiClient, Plans, ids
from tests.conftest import World


def bearer(client: Client, secret: str) -> ApiClient:
    return ApiClient(client, {"Authorization": f"Bearer {secret}"})


def test_a_token_acts_as_its_owner_with_the_owners_scope(
    plans: Plans, world: World, client: Client
) -> None:
    _token, secret = create_token(user=world.d3_officer, name="Hệ thống Quận 3", actor=None)
    status, body = bearer(client, secret).get("/api/plans")
    assert (status, ids(body)) == (200, plans.named("district3"))
    status, body = bearer(client, secret).get(f"/api/plans/{plans.city.pk}")
    assert (status, body["error"]["code"]) == (404, "not_found")


def test_it_stores_only_the_secrets_sha256(world: World) -> None:
    token, secret = create_token(user=world.d3_officer, name="Hệ thống Quận 3", actor=None)
    token.refresh_from_db()
    assert secret.startswith("nq57_") and len(secret) > 40
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert token.prefix == secret[:12]
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    stored += json.dumps(list(AuditEvent.objects.values()), default=str)
    assert secret not in stored
    assert stored.count(token.key_hash) == 1  # the token row only, never the audit log


def test_issuing_and_revoking_are_audited(world: World) -> None:
    token, _secret = create_token(user=world.d3_officer, name="Hệ thống Quận 3", actor=world.admin)
    assert revoke_token(token=token, actor=world.admin) is True
    assert revoke_token(token=token, actor=world.admin) is False
    events = AuditEvent.objects.filter(object_id=str(token.pk)).order_by("id")
    assert [(e.action, e.actor_label) for e in events] == [
        ("api.token.created", "admin"),
        ("api.token.revoked", "admin"),
    ]
    assert events[1].after is not None and events[1].after["revoked_at"] is not None


@pytest.mark.parametrize(
    "header",
    [
        "Bearer nq57_not-a-real-token",
        "Bearer ",
        "bearer nq57_wrong",
    ],
)
def test_a_wrong_token_is_refused_with_401(plans: Plans, client: Client, header: str) -> None:
    response = client.get("/api/plans", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == 'Bearer realm="nq57"'


def test_a_revoked_token_is_refused(plans: Plans, world: World, client: Client) -> None:
    token, secret = create_token(user=world.admin, name="Tích hợp", actor=None)
    assert bearer(client, secret).get("/api/plans")[0] == 200
    revoke_token(token=token, actor=None)
    status, body = bearer(client, secret).get("/api/plans")
    assert (status, body["error"]) == (
        401,
        {"code": "unauthenticated", "message": INVALID_TOKEN, "fields": []},
    )


def test_a_token_of_a_deactivated_account_is_refused(world: World, client: Client) -> None:
    _token, secret = create_token(user=world.city_reviewer, name="Tích hợp", actor=None)
    User.objects.filter(pk=world.city_reviewer.pk).update(is_active=False)
    status, body = bearer(client, secret).get("/api/units")
    assert (status, body["error"]["code"]) == (401, "unauthenticated")


def test_a_wrong_token_does_not_fall_back_to_the_session(plans: Plans, world: World, client):
    client.force_login(world.admin)
    status, body = bearer(client, "nq57_wrong").get("/api/plans")
    assert (status, body["error"]["message"]) == (401, INVALID_TOKEN)


def test_it_notes_when_a_token_was_last_used_at_most_once_a_minute(
    world: World, client: Client
) -> None:
    token, secret = create_token(user=world.admin, name="Tích hợp", actor=None)
    assert token.last_used_at is None
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        bearer(client, secret).get("/api/units")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        bearer(client, secret).get("/api/units")
    token.refresh_from_db()
    assert token.last_used_at == start
    with time_machine.travel(start + timedelta(minutes=2), tick=False):
        bearer(client, secret).get("/api/units")
    token.refresh_from_db()
    assert token.last_used_at == start + timedelta(minutes=2)


# ---- management command ----


def test_the_command_creates_lists_and_revokes_tokens(
    plans: Plans, world: World, client: Client
) -> None:
    out, err = io.StringIO(), io.StringIO()
    call_command("api_token", "create", "d3_officer", "Hệ thống Quận 3", stdout=out, stderr=err)
    secret = out.getvalue().strip()
    assert "Lưu mã dưới đây ngay" in err.getvalue()
    assert bearer(client, secret).get("/api/plans")[0] == 200
    token = ApiToken.objects.get()
    out = io.StringIO()
    call_command("api_token", "list", stdout=out)
    listed = out.getvalue()
    assert f"#{token.pk}\t{token.prefix}…\td3_officer\tHệ thống Quận 3\tđang dùng" in listed
    assert secret not in listed
    call_command("api_token", "revoke", str(token.pk), stdout=io.StringIO())
    assert bearer(client, secret).get("/api/plans")[0] == 401
    with pytest.raises(CommandError, match="đã bị thu hồi"):
        call_command("api_token", "revoke", str(token.pk))


def test_the_command_refuses_an_unknown_user(world: World) -> None:
    with pytest.raises(CommandError, match="Không có người dùng «ai_do»"):
        call_command("api_token", "create", "ai_do", "x")
    assert not ApiToken.objects.exists()


# ---- admin ----


def test_the_admin_creates_a_token_and_shows_the_secret_once(
    plans: Plans, world: World, client: Client
) -> None:
    client.force_login(world.admin)
    assert client.get("/admin/api/apitoken/add/").status_code == 200
    response = client.post(
        "/admin/api/apitoken/add/", {"name": "Hệ thống báo cáo", "user": world.importer.pk}
    )
    assert response.status_code == 200
    html = response.content.decode()
    token = ApiToken.objects.get()
    secret = html.split('<code id="api-token-secret" style="font-size:1.2em;user-select:all">')[1]
    secret = secret.split("</code>")[0]
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert (token.name, token.user) == ("Hệ thống báo cáo", world.importer)
    assert AuditEvent.objects.filter(action="api.token.created", actor=world.admin).count() == 1
    page = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert secret not in page and token.key_hash not in page
    status, body = bearer(Client(), secret).get("/api/plans")
    assert (status, ids(body)) == (200, plans.named("district3", "district3_draft"))


def test_the_admin_revokes_tokens_and_never_deletes_them(world: World, client: Client) -> None:
    token, secret = create_token(user=world.importer, name="Tích hợp", actor=None)
    client.force_login(world.admin)
    response = client.post(
        "/admin/api/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
        follow=True,
    )
    assert "Đã thu hồi 1 mã." in response.content.decode()
    token.refresh_from_db()
    assert token.is_revoked
    assert client.get(f"/admin/api/apitoken/{token.pk}/delete/").status_code == 403
    assert ApiToken.objects.filter(pk=token.pk).exists()
    assert bearer(Client(), secret).get("/api/units")[0] == 401
