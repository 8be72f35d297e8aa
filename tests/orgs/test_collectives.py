"""'Ủy ban nhân dân 10 phường' stands for each ward: members guessed once, stored, used for
reports and for what a ward officer sees (nq57.orgs.collectives)."""

from __future__ import annotations

from nq57.audit.models import AuditEvent
from nq57.orgs.collectives import expand_collectives, guess_members
from nq57.orgs.models import Membership, Unit, User
from nq57.orgs.queries import access_for
from tests.conftest import World


def _ward(world: World, name: str, parent: Unit | None = None) -> Unit:
    return Unit.objects.create(name=name, level=Unit.Level.COMMUNE, parent=parent or world.d3_ppc)


def _collective(world: World, name: str) -> Unit:
    return Unit.objects.create(
        name=name, level=Unit.Level.OTHER, parent=world.d3_ppc, is_collective=True
    )


def test_the_wards_people_committees_are_the_members(world: World) -> None:
    one = _ward(world, "Ủy ban nhân dân Phường 1")
    vts = _ward(world, "Ủy ban nhân dân phường Võ Thị Sáu", world.district3)
    _ward(world, "Ủy ban nhân dân xã Tân Thông Hội", world.cu_chi_ppc)  # another district
    Unit.objects.create(name="Công an Phường 1", level=Unit.Level.DEPARTMENT, parent=one)
    assert guess_members(_collective(world, "Ủy ban nhân dân 10 phường")) == [one, vts]
    assert guess_members(_collective(world, "UBND các phường")) == [one, vts]


def test_collectives_that_name_no_known_unit_have_no_members(world: World) -> None:
    _ward(world, "Ủy ban nhân dân Phường 1")
    assert guess_members(_collective(world, "Công an 10 phường")) == []
    assert guess_members(_collective(world, "Các cơ quan, đơn vị")) == []
    assert guess_members(_collective(world, "Ủy ban nhân dân các xã, thị trấn")) == []


def test_members_are_stored_once_and_audited(world: World) -> None:
    one = _ward(world, "Ủy ban nhân dân Phường 1")
    collective = _collective(world, "Ủy ban nhân dân 10 phường")
    assert expand_collectives([collective.pk, world.d3_culture.pk]) == {collective.pk: [one.pk]}
    _ward(world, "Ủy ban nhân dân Phường 2")  # added later: stored members stay as they are
    assert expand_collectives([collective.pk]) == {collective.pk: [one.pk]}
    assert AuditEvent.objects.filter(action="orgs.collective_expanded").count() == 1


def test_a_ward_officer_reaches_what_the_collective_is_given(world: World) -> None:
    one = _ward(world, "Ủy ban nhân dân Phường 1")
    collective = _collective(world, "Ủy ban nhân dân 10 phường")
    collective.members.set([one])
    officer = User.objects.create_user("phuong1", password="pw")
    Membership.objects.create(user=officer, unit=one, role=Membership.Role.OFFICER)
    assert access_for(officer).reports_for == {one.pk, collective.pk}
