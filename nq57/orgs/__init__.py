"""nq57.orgs."""
