"""Resolving unit mentions against the unit tree."""

from __future__ import annotations

from nq57.audit.models import AuditEvent
from nq57.orgs.models import Unit, UnitAlias
from nq57.orgs.names import UnitMention
from nq57.orgs.resolve import UnitResolver, guess_level, resolve_unit
from tests.conftest import World


def mention(name: str, collective: bool = False) -> UnitMention:
    return UnitMention(name, collective)


def test_it_finds_a_unit_by_its_folded_name(world: World) -> None:
    found = resolve_unit(
        mention("PHÒNG VĂN HOÁ, KHOA HỌC VÀ THÔNG TIN"), context=world.d3_ppc, actor=None
    )
    assert found == world.d3_culture


def test_it_ignores_the_trailing_locality_of_the_context(world: World) -> None:
    found = resolve_unit(
        mention("Phòng Văn hóa, Khoa học và Thông tin Quận 3"), context=world.d3_ppc, actor=None
    )
    assert found == world.d3_culture
    assert resolve_unit(mention("UBND Quận"), context=world.d3_ppc, actor=None) == world.d3_ppc


def test_it_finds_a_unit_by_alias(world: World) -> None:
    assert resolve_unit(mention("Sở KH&CN"), context=world.hcmc_ppc, actor=None) == world.dost


def test_it_looks_up_the_tree_for_city_departments(world: World) -> None:
    found = resolve_unit(mention("Sở Khoa học và Công nghệ"), context=world.d3_ppc, actor=None)
    assert found == world.dost


def test_it_never_takes_a_unit_of_another_district_with_the_same_name(world: World) -> None:
    cu_chi_culture = Unit.objects.create(
        name="Phòng Văn hóa, Khoa học và Thông tin", parent=world.cu_chi_ppc
    )
    cu_chi_home = Unit.objects.create(name="Phòng Nội vụ", parent=world.cu_chi_ppc)
    ward = Unit.objects.create(
        name="Ủy ban nhân dân Phường 1", level="commune", parent=world.d3_ppc
    )
    resolver = UnitResolver(context=world.d3_ppc, actor=None)
    assert resolver.resolve(mention("Phòng Văn hóa, Khoa học và Thông tin")) == world.d3_culture
    home = resolver.resolve(mention("Phòng Nội vụ"))
    assert home != cu_chi_home and home.parent == world.d3_ppc
    assert resolver.resolve(mention("UBND Phường 1")) == ward  # its own wards are found
    from_cu_chi = UnitResolver(context=world.cu_chi_ppc, actor=None)
    assert from_cu_chi.resolve(mention("Phòng Văn hóa, Khoa học và Thông tin")) == cu_chi_culture


def test_it_matches_a_misspelt_name_fuzzily_within_the_context(world: World) -> None:
    found = resolve_unit(mention("Sở Khoa học, Công nghệ"), context=world.hcmc_ppc, actor=None)
    assert found == world.dost


def test_it_does_not_match_fuzzily_outside_the_context_subtree(world: World) -> None:
    found = resolve_unit(mention("Sở Khoa học, Công nghệ"), context=world.cu_chi_ppc, actor=None)
    assert found != world.dost
    assert found.parent == world.cu_chi_ppc
    assert found.status == Unit.Status.NEEDS_CONFIRMATION


def test_it_creates_an_unknown_unit_under_the_context_needing_confirmation(world: World) -> None:
    created = resolve_unit(
        mention("Phòng Tư pháp"), context=world.d3_ppc, actor=world.city_reviewer
    )
    assert (created.name, created.parent, created.status, created.level, created.is_collective) == (
        "Phòng Tư pháp",
        world.d3_ppc,
        Unit.Status.NEEDS_CONFIRMATION,
        Unit.Level.DEPARTMENT,
        False,
    )
    event = AuditEvent.objects.get(action="orgs.unit_created")
    assert (event.actor, event.object_id, event.object_repr) == (
        world.city_reviewer,
        str(created.pk),
        "Phòng Tư pháp",
    )
    assert list(Unit.objects.needing_confirmation()) == [created]


def test_it_creates_collectives_with_expanded_names(world: World) -> None:
    created = resolve_unit(
        mention("UBND các xã, thị trấn", collective=True), context=world.cu_chi_ppc, actor=None
    )
    assert (created.name, created.is_collective, created.level) == (
        "Ủy ban nhân dân các xã, thị trấn",
        True,
        Unit.Level.OTHER,
    )


def test_it_resolves_the_same_mention_once_per_resolver(world: World) -> None:
    resolver = UnitResolver(context=world.d3_ppc, actor=None)
    first = resolver.resolve(mention("Phòng Tư pháp"))
    second = resolver.resolve(mention("Phòng Tư pháp Quận 3"))
    assert first == second
    assert Unit.objects.filter(name__startswith="Phòng Tư pháp").count() == 1


def test_it_finds_an_issuer_anywhere_without_context(world: World) -> None:
    found = resolve_unit(mention("UBND huyện Củ Chi"), context=None, actor=None)
    assert found == world.cu_chi_ppc


def test_it_creates_an_unknown_issuer_at_the_root_with_the_given_level(world: World) -> None:
    created = resolve_unit(
        mention("Ủy ban nhân dân xã Chí Minh"), context=None, actor=None, level=Unit.Level.COMMUNE
    )
    assert (created.parent, created.level, created.status) == (
        None,
        Unit.Level.COMMUNE,
        Unit.Status.NEEDS_CONFIRMATION,
    )


def test_it_searches_units_ignoring_diacritics(world: World) -> None:
    assert list(Unit.objects.search("van hoa, khoa hoc")) == [world.d3_culture]
    assert list(Unit.objects.search("Củ Chi").order_by("name")) == [world.cu_chi, world.cu_chi_ppc]


def test_it_keeps_the_folded_columns_in_step_with_the_names(world: World) -> None:
    world.d3_culture.name = "Phòng Văn hóa và Thông tin"
    world.d3_culture.save(update_fields=["name"])
    world.d3_culture.refresh_from_db()
    assert world.d3_culture.folded_name == "phong van hoa va thong tin"
    alias = UnitAlias.objects.get(unit=world.dost)
    assert (alias.folded, alias.scope) == ("so khoa hoc va cong nghe", world.hcmc_ppc)


def test_it_guesses_levels_of_new_units() -> None:
    assert guess_level("UBND xã Chí Minh", collective=False) == Unit.Level.COMMUNE
    assert guess_level("Ủy ban nhân dân Quận 3", collective=False) == Unit.Level.DISTRICT
    assert guess_level("Sở Y tế", collective=False) == Unit.Level.DEPARTMENT
    assert guess_level("Các Sở, ngành", collective=True) == Unit.Level.OTHER


def test_it_finds_a_ward_placed_beside_the_district_committee(world: World) -> None:
    """Regression: a ward under 'Quận 3' (beside its People's Committee) is an area of its own;
    the district's plan naming it must find it rather than create a duplicate, while what lies
    below another area (Củ Chi's offices) stays out of reach."""
    ward = Unit.objects.create(
        name="Ủy ban nhân dân Phường Võ Thị Sáu", level="commune", parent=world.district3
    )
    Unit.objects.create(name="Phòng Nội vụ", parent=world.cu_chi_ppc)
    resolver = UnitResolver(context=world.d3_ppc, actor=None)
    assert resolver.resolve(mention("UBND Phường Võ Thị Sáu")) == ward
    assert resolver.resolve(mention("Phòng Nội vụ")).parent == world.d3_ppc
