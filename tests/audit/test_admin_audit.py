"""Writes made in the Django admin are audited with before/after, like every other write."""

from __future__ import annotations

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Unit


def _unit_form(unit: Unit, **changes):
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level,
        "parent": unit.parent_id or "",
        "status": unit.status,
        "valid_from": "",
        "valid_to": "",
        "successor": "",
        "aliases-TOTAL_FORMS": "0",
        "aliases-INITIAL_FORMS": "0",
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_it_audits_a_unit_renamed_in_the_admin(client, world):
    client.force_login(world.admin)
    url = f"/admin/orgs/unit/{world.dost.pk}/change/"
    response = client.post(url, _unit_form(world.dost, name="Sở Khoa học, Công nghệ"))
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.orgs.unit.changed")
    assert event.actor_id == world.admin.pk
    assert event.object_id == str(world.dost.pk)
    assert event.before["name"] == "Sở Khoa học và Công nghệ"
    assert event.after["name"] == "Sở Khoa học, Công nghệ"


def test_it_audits_an_alias_added_inline_and_a_unit_deleted(client, world):
    client.force_login(world.admin)
    unit = Unit.objects.create(
        name="Phòng Tư pháp", level=Unit.Level.DEPARTMENT, parent=world.d3_ppc
    )
    data = _unit_form(
        unit,
        **{
            "aliases-TOTAL_FORMS": "1",
            "aliases-0-alias": "P. Tư pháp",
            "aliases-0-unit": str(unit.pk),
        },
    )
    response = client.post(f"/admin/orgs/unit/{unit.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert AuditEvent.objects.filter(action="admin.orgs.unitalias.changed").count() == 1
    response = client.post(f"/admin/orgs/unit/{unit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    deleted = AuditEvent.objects.get(action="admin.orgs.unit.deleted")
    assert deleted.before["name"] == "Phòng Tư pháp"
    assert deleted.object_id == str(unit.pk)


def _membership_forms(user) -> dict[str, object]:
    """The user page's inline of roles at units, unchanged."""
    memberships = list(user.memberships.all())
    data: dict[str, object] = {
        "memberships-TOTAL_FORMS": len(memberships),
        "memberships-INITIAL_FORMS": len(memberships),
        "memberships-MIN_NUM_FORMS": 0,
        "memberships-MAX_NUM_FORMS": 1000,
    }
    for i, m in enumerate(memberships):
        data.update(
            {
                f"memberships-{i}-id": m.pk,
                f"memberships-{i}-user": user.pk,
                f"memberships-{i}-unit": m.unit_id,
                f"memberships-{i}-role": m.role,
            }
        )
    return data


def test_it_never_writes_a_password_hash_into_the_log(client, world):
    client.force_login(world.admin)
    user = world.d3_officer
    data = {
        "username": user.username,
        "first_name": "Lan",
        "last_name": "Nguyễn",
        "email": "lan@example.vn",
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        **_membership_forms(user),
    }
    response = client.post(f"/admin/orgs/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="admin.orgs.user.changed")
    assert event.after["first_name"] == "Lan"
    assert "password" not in event.before and "password" not in event.after


def test_it_audits_a_role_given_at_a_unit_in_the_user_page(client, world):
    client.force_login(world.admin)
    user = world.cu_chi_officer
    data = {
        "username": user.username,
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "08:00:00",
        **_membership_forms(user),
        "memberships-TOTAL_FORMS": 2,
        "memberships-1-user": user.pk,
        "memberships-1-unit": world.cu_chi.pk,
        "memberships-1-role": "leader",
    }
    response = client.post(f"/admin/orgs/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="admin.orgs.membership.changed")
    assert (event.after["unit_id"], event.after["role"]) == (world.cu_chi.pk, "leader")


def _user_form(user, **changes):
    data = {
        "username": user.username,
        "first_name": "",
        "last_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": f"{user.date_joined:%Y-%m-%d}",
        "date_joined_1": f"{user.date_joined:%H:%M:%S}",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


def test_it_audits_groups_and_permissions_given_to_a_user_in_the_admin(client, world):
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Xem báo cáo")
    permission = Permission.objects.get(codename="view_unit")
    client.force_login(world.admin)
    data = _user_form(
        world.d3_officer, groups=[str(group.pk)], user_permissions=[str(permission.pk)]
    )
    response = client.post(f"/admin/orgs/user/{world.d3_officer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.orgs.user.changed")
    assert (event.before["groups"], event.after["groups"]) == ([], [group.pk])
    assert (event.before["user_permissions"], event.after["user_permissions"]) == (
        [],
        [permission.pk],
    )
    assert list(world.d3_officer.groups.all()) == [group]


def test_it_audits_permission_groups_made_in_the_admin(client, world):
    from django.contrib.auth.models import Permission

    permission = Permission.objects.get(codename="view_unit")
    client.force_login(world.admin)
    response = client.post(
        "/admin/auth/group/add/", {"name": "Xem đơn vị", "permissions": [str(permission.pk)]}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action="admin.auth.group.created")
    assert (event.actor_id, event.object_repr, event.after["permissions"]) == (
        world.admin.pk,
        "Xem đơn vị",
        [permission.pk],
    )
