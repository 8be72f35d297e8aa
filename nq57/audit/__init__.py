"""nq57.audit."""
