"""Tests for nq57.plans."""
