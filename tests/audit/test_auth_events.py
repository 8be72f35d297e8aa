"""Sign-ins, sign-outs, wrong passwords and password changes are audit events (never with the
password or its hash)."""

from __future__ import annotations

import pytest
from django.test import Client

from nq57.audit.context import request_scope
from nq57.audit.models import AuditEvent
from nq57.orgs.models import User
from tests.conftest import World


def _only(action: str) -> AuditEvent:
    return AuditEvent.objects.get(action=action)


def _no_secrets(event: AuditEvent, user: User) -> None:
    text = f"{event.before} {event.after}"
    assert user.password not in text and "pbkdf2" not in text and "md5$" not in text


def test_a_sign_in_and_a_sign_out_are_recorded(world: World, client: Client) -> None:
    response = client.post("/dang-nhap/", {"username": "d3_officer", "password": "pw"})
    assert response.status_code == 302
    login = _only("accounts.login")
    assert (login.actor_id, login.object_id, login.object_repr) == (
        world.d3_officer.pk,
        str(world.d3_officer.pk),
        "d3_officer",
    )
    assert login.request_id == response["X-Request-ID"]
    response = client.post("/dang-xuat/")
    logout = _only("accounts.logout")
    assert (logout.actor_id, logout.object_id, logout.request_id) == (
        world.d3_officer.pk,
        str(world.d3_officer.pk),
        response["X-Request-ID"],
    )


def test_signing_out_when_not_signed_in_records_nothing(world: World, client: Client) -> None:
    client.post("/dang-xuat/")
    assert not AuditEvent.objects.filter(action__startswith="accounts.").exists()


def test_a_sign_in_to_the_admin_site_is_recorded_too(world: World, client: Client) -> None:
    response = client.post("/admin/login/", {"username": "admin", "password": "pw-admin-1"})
    assert response.status_code == 302
    assert _only("accounts.login").actor_id == world.admin.pk


def test_each_wrong_password_for_an_account_is_recorded(
    world: World, client: Client, settings
) -> None:
    settings.NQ57_LOGIN_MAX_FAILURES = 3
    for _ in range(3):
        client.post("/dang-nhap/", {"username": "d3_officer", "password": "sai"})
    failed = list(AuditEvent.objects.filter(action="accounts.login_failed").order_by("pk"))
    assert [(e.actor_id, e.actor_label, e.object_id, e.after) for e in failed] == [
        (None, "hệ thống", str(world.d3_officer.pk), {"failures": n}) for n in (1, 2, 3)
    ]
    assert AuditEvent.objects.filter(action="orgs.user_locked").count() == 1
    assert not AuditEvent.objects.filter(action="accounts.login").exists()


def test_a_wrong_password_for_an_unknown_name_writes_nothing(world: World, client: Client) -> None:
    client.post("/dang-nhap/", {"username": "khong_co_ai", "password": "sai"})
    assert AuditEvent.objects.count() == 0


def test_a_password_reset_through_the_emailed_link_is_recorded(
    world: World, client: Client, mailoutbox
) -> None:
    world.d3_officer.email = "lan@example.vn"
    world.d3_officer.save()
    client.post("/quen-mat-khau/", {"email": "lan@example.vn"})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/dat-lai-mat-khau/" in line)
    form_page = client.get(link.split("testserver", 1)[1], follow=True)
    new = "mot-mat-khau-moi-2025"
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    event = _only("accounts.password_changed")
    assert (event.actor_id, event.object_id, event.after) == (
        world.d3_officer.pk,  # the person holding the link
        str(world.d3_officer.pk),
        {"usable": True},
    )
    assert event.request_id == response["X-Request-ID"]
    world.d3_officer.refresh_from_db()
    _no_secrets(event, world.d3_officer)


def test_an_administrator_setting_a_password_in_the_admin_is_recorded(
    world: World, client: Client
) -> None:
    client.force_login(world.admin)
    new = "mot-mat-khau-moi-2025"
    response = client.post(
        f"/admin/orgs/user/{world.d3_officer.pk}/password/",
        {"password1": new, "password2": new, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _only("accounts.password_changed")
    assert (event.actor_id, event.object_id, event.after) == (
        world.admin.pk,
        str(world.d3_officer.pk),
        {"usable": True},
    )
    world.d3_officer.refresh_from_db()
    assert world.d3_officer.check_password(new)
    _no_secrets(event, world.d3_officer)


def test_an_administrator_disabling_password_sign_in_is_recorded(
    world: World, client: Client
) -> None:
    client.force_login(world.admin)
    response = client.post(
        f"/admin/orgs/user/{world.d3_officer.pk}/password/",
        {"usable_password": "false", "unset-password": "1"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _only("accounts.password_disabled")
    assert (event.actor_id, event.object_id, event.after) == (
        world.admin.pk,
        str(world.d3_officer.pk),
        {"usable": False},
    )
    world.d3_officer.refresh_from_db()
    assert not world.d3_officer.has_usable_password()


def test_a_staff_member_changing_their_own_password_in_the_admin_is_recorded(
    world: World, client: Client
) -> None:
    client.force_login(world.city_reviewer)
    new = "mot-mat-khau-moi-2025"
    response = client.post(
        "/admin/password_change/",
        {"old_password": "pw", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = _only("accounts.password_changed")
    assert (event.actor_id, event.object_id) == (
        world.city_reviewer.pk,
        str(world.city_reviewer.pk),
    )


def test_a_password_set_outside_a_request_is_recorded_as_the_system(world: World) -> None:
    with request_scope("cli-test"):
        world.d3_officer.set_password("mot-mat-khau-moi-2025")
        world.d3_officer.save()
    event = _only("accounts.password_changed")
    assert (event.actor_id, event.actor_label, event.request_id) == (None, "hệ thống", "cli-test")


def test_a_stored_password_rehashed_at_sign_in_is_not_a_change(
    world: World, client: Client, settings
) -> None:
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]  # the MD5 hash stored by the fixture is upgraded at sign-in
    client.post("/dang-nhap/", {"username": "d3_officer", "password": "pw"})
    world.d3_officer.refresh_from_db()
    assert world.d3_officer.password.startswith("pbkdf2_sha1$")
    assert not AuditEvent.objects.filter(action="accounts.password_changed").exists()


def _user_form(user: User, **changes: str) -> dict[str, str]:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "date_joined_0": f"{user.date_joined:%Y-%m-%d}",
        "date_joined_1": f"{user.date_joined:%H:%M:%S}",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value != "<off>"}


@pytest.mark.parametrize("active", [False, True])
def test_activating_or_deactivating_an_account_in_the_admin_is_recorded(
    world: World, client: Client, active: bool
) -> None:
    User.objects.filter(pk=world.d3_officer.pk).update(is_active=not active)
    world.d3_officer.refresh_from_db()
    client.force_login(world.admin)
    response = client.post(
        f"/admin/orgs/user/{world.d3_officer.pk}/change/",
        _user_form(world.d3_officer, is_active="on" if active else "<off>"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    event = _only("admin.orgs.user.changed")
    assert (event.actor_id, event.before["is_active"], event.after["is_active"]) == (
        world.admin.pk,
        not active,
        active,
    )
    assert "password" not in event.before and "password" not in event.after
