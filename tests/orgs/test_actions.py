"""Confirming units created by imports."""

from __future__ import annotations

from django.test import Client

from nq57.audit.models import AuditEvent
from nq57.orgs.actions import confirm_unit
from nq57.orgs.models import Unit
from nq57.orgs.names import UnitMention
from nq57.orgs.resolve import resolve_unit
from tests.conftest import World


def new_unit(world: World) -> Unit:
    return resolve_unit(UnitMention("Phòng Tư pháp", False), context=world.d3_ppc, actor=None)


def test_it_confirms_a_unit_once_and_audits_it(world: World) -> None:
    unit = new_unit(world)
    assert confirm_unit(unit=unit, actor=world.city_reviewer) is True
    assert confirm_unit(unit=unit, actor=world.city_reviewer) is False
    unit.refresh_from_db()
    assert unit.status == Unit.Status.CONFIRMED
    event = AuditEvent.objects.get(action="orgs.unit_confirmed")
    assert (event.actor, event.before, event.after) == (
        world.city_reviewer,
        {"status": "needs_confirmation"},
        {"status": "confirmed"},
    )


def test_it_confirms_units_from_the_admin_list(world: World, client: Client) -> None:
    unit = new_unit(world)
    client.force_login(world.admin)
    response = client.post(
        "/admin/orgs/unit/",
        {"action": "confirm_selected", "_selected_action": [unit.pk]},
        follow=True,
    )
    assert "Đã xác nhận 1 đơn vị." in response.content.decode()
    assert list(Unit.objects.needing_confirmation()) == []
