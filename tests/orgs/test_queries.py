"""Walking the unit tree: the subtree under units and the branch each unit lies in."""

from __future__ import annotations

from nq57.orgs.models import Unit
from nq57.orgs.queries import branches_below, unit_ids_above, unit_ids_below
from tests.conftest import World


def test_the_subtree_holds_every_level_below_the_roots(world: World):
    elsewhere = Unit.objects.create(name="Thành phố Hải Phòng", level=Unit.Level.CITY)
    below = unit_ids_below([world.hcmc.pk])
    assert {world.hcmc.pk, world.hcmc_ppc.pk, world.d3_ppc.parent_id, world.d3_ppc.pk,
            world.d3_culture.pk} <= below  # fmt: skip
    assert elsewhere.pk not in below
    assert unit_ids_below([world.hcmc.pk, elsewhere.pk]) == below | {elsewhere.pk}
    assert unit_ids_below([world.d3_culture.pk]) == {world.d3_culture.pk}
    assert unit_ids_below([]) == set()


def test_each_unit_lies_in_the_branch_of_the_roots_child(world: World):
    branch = branches_below(world.hcmc.pk)
    district3 = world.d3_ppc.parent_id
    assert branch[world.hcmc.pk] == world.hcmc.pk
    assert branch[district3] == district3
    assert branch[world.d3_ppc.pk] == district3
    assert branch[world.d3_culture.pk] == district3  # three levels down
    assert branch[world.hcmc_ppc.pk] == world.hcmc_ppc.pk
    assert set(branch) == unit_ids_below([world.hcmc.pk])


def test_a_cycle_in_the_tree_does_not_loop_forever(world: World):
    Unit.objects.filter(pk=world.hcmc.pk).update(parent=world.d3_culture)  # corrupt data
    assert world.d3_culture.pk in unit_ids_below([world.hcmc.pk])
    assert unit_ids_above(world.d3_culture.pk)[-1] in unit_ids_below([world.hcmc.pk])
