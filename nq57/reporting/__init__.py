"""The reporting cycle: regimes, periods, unit submissions and their review (issue 5)."""
