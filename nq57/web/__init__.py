"""nq57.web."""
