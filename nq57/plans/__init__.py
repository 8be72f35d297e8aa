"""nq57.plans."""
