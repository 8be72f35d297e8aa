"""Tests for nq57.audit."""
