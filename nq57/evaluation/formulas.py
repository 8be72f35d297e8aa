"""Reads on unit scoring formulas: the one in force for a plan (its issuer's, else the
documented defaults) and the stored row behind it."""

from __future__ import annotations

from django.db.models import QuerySet

from nq57.evaluation.models import ScoringFormula
from nq57.evaluation.scoring import Formula
from nq57.plans.models import Plan


def stored_formula(plan: Plan) -> ScoringFormula | None:
    """The formula the standing office of `plan`'s issuer has set, if any."""
    return (
        ScoringFormula.objects.select_related("updated_by").filter(unit_id=plan.issuer_id).first()
    )


def formula_for(plan: Plan) -> Formula:
    """The pure formula that scores the units of `plan`: its issuer's, else the defaults."""
    return formula_of_issuer(plan.issuer_id)


def formula_of_issuer(unit_id: int) -> Formula:
    """The pure formula the standing office of unit `unit_id` set for the plans it issues
    (for rankings across several plans of one issuer); the defaults when none."""
    row = ScoringFormula.objects.filter(unit_id=unit_id).first()
    return row.as_formula() if row is not None else Formula()


def formula_of_area(plans: QuerySet[Plan], level: str) -> Formula:
    """The formula for a ranking across `plans` seen from an area of `level` (Quận 3): the one
    set by the issuer at that level (Ủy ban nhân dân Quận 3) when exactly one such issuer has
    set one; else the defaults."""
    issuers = plans.filter(issuer__level=level).values("issuer_id")
    rows = list(ScoringFormula.objects.filter(unit_id__in=issuers)[:2])
    return rows[0].as_formula() if len(rows) == 1 else Formula()
