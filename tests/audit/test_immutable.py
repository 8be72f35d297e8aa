"""Audit rows cannot be edited or deleted through the application (and, on PostgreSQL, not
even with raw SQL). The only change a row ever undergoes is losing the link to a deleted user
or content type; the label written at the time stays."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, transaction

from nq57.audit.actions import record
from nq57.audit.models import AuditEvent, AuditImmutableError
from nq57.orgs.models import Unit, User
from nq57.orgs.unit_actions import create_unit, merge_units
from tests.conftest import World

MESSAGE = "Nhật ký thay đổi không thể sửa hoặc xóa."


def _event(world: World) -> AuditEvent:
    return record(
        actor=world.city_reviewer,
        action="orgs.unit_renamed",
        obj=world.dost,
        before={"name": "Sở KH&CN"},
        after={"name": "Sở Khoa học và Công nghệ"},
    )


def _stored(event: AuditEvent) -> tuple[object, ...]:
    row = AuditEvent.objects.values_list("action", "actor_label", "before", "after").get(
        pk=event.pk
    )
    return tuple(row)


ORIGINAL = (
    "orgs.unit_renamed",
    "city_reviewer",
    {"name": "Sở KH&CN"},
    {"name": "Sở Khoa học và Công nghệ"},
)


def test_saving_an_existing_row_again_is_refused(world: World) -> None:
    event = _event(world)
    event.action = "orgs.unit_moved"
    with pytest.raises(AuditImmutableError) as refused:
        event.save()
    assert str(refused.value) == MESSAGE
    assert _stored(event) == ORIGINAL


def test_deleting_a_row_is_refused(world: World) -> None:
    event = _event(world)
    with pytest.raises(AuditImmutableError, match=MESSAGE):
        event.delete()
    assert _stored(event) == ORIGINAL


@pytest.mark.parametrize(
    "write",
    [
        lambda: AuditEvent.objects.filter(action="orgs.unit_renamed").update(action="x"),
        lambda: AuditEvent.objects.update(actor_label="ai đó"),
        lambda: AuditEvent.objects.all().delete(),
        lambda: AuditEvent.objects.filter(actor_label="city_reviewer").delete(),
        lambda: AuditEvent.objects.bulk_update(list(AuditEvent.objects.all()), ["action"]),
        lambda: AuditEvent.objects.update_or_create(
            action="orgs.unit_renamed", defaults={"after": None}
        ),
    ],
    ids=[
        "update",
        "update-all",
        "delete-all",
        "delete-filtered",
        "bulk-update",
        "update-or-create",
    ],
)
def test_queryset_updates_and_deletes_are_refused(world: World, write) -> None:
    event = _event(world)
    with pytest.raises(AuditImmutableError, match=MESSAGE), transaction.atomic():
        write()
    assert (AuditEvent.objects.count(), _stored(event)) == (1, ORIGINAL)


def test_deleting_a_user_keeps_their_rows_and_the_label_written_then(world: World) -> None:
    event = _event(world)
    other = record(actor=world.admin, action="orgs.unit_confirmed", obj=world.dost)
    User.objects.filter(pk=world.city_reviewer.pk).delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label) == (None, "city_reviewer")
    assert _stored(event) == ORIGINAL
    other.refresh_from_db()
    assert (other.actor_id, other.actor_label) == (world.admin.pk, "admin")


def test_deleting_a_user_instance_keeps_their_rows(world: World) -> None:
    event = _event(world)
    world.city_reviewer.delete()
    event.refresh_from_db()
    assert (event.actor_id, event.actor_label, event.object_repr) == (
        None,
        "city_reviewer",
        "Sở Khoa học và Công nghệ",
    )


def test_a_deleted_content_type_only_unlinks_the_rows(world: World) -> None:
    gone = ContentType.objects.create(app_label="cu", model="bieumau")
    event = AuditEvent.objects.create(
        actor_label="hệ thống", action="cu.xoa", object_type=gone, object_id="7", object_repr="Mẫu"
    )
    gone.delete()
    event.refresh_from_db()
    assert (event.object_type_id, event.object_id, event.object_repr) == (None, "7", "Mẫu")


def test_merging_units_leaves_the_duplicates_history_alone(world: World) -> None:
    duplicate = create_unit(
        name="Phòng Văn hóa Quận 3 (trùng)",
        parent=world.d3_ppc,
        level=Unit.Level.DEPARTMENT,
        actor=world.admin,
    )
    created = AuditEvent.objects.get(action="orgs.unit_created", object_id=str(duplicate.pk))
    merge_units(duplicate=duplicate, into=world.d3_culture, actor=world.admin)
    created.refresh_from_db()
    assert (created.object_id, created.object_repr) == (
        str(duplicate.pk),
        "Phòng Văn hóa Quận 3 (trùng)",
    )
    assert AuditEvent.objects.filter(action="orgs.units_merged").count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger only on PostgreSQL")
def test_postgresql_refuses_raw_updates_and_deletes(world: World) -> None:
    event = _event(world)
    table = AuditEvent._meta.db_table
    statements = [
        f"UPDATE {table} SET action = 'x' WHERE id = %s",
        f"UPDATE {table} SET actor_label = 'ai đó', actor_id = NULL WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ]
    for sql in statements:
        with (
            pytest.raises(DatabaseError, match=MESSAGE),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    with pytest.raises(DatabaseError, match=MESSAGE), transaction.atomic():
        AuditEvent._base_manager.filter(pk=event.pk).update(action="x")
    assert _stored(event) == ORIGINAL
